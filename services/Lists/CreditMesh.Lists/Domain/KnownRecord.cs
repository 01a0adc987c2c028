using CreditMesh.Contracts.Vocabulary;

namespace CreditMesh.Lists.Domain;

/// <summary>
/// What lists knows of one credit record, from ingestion's events (never from its database). A record
/// revoked before its acceptance arrived is a tombstone: <see cref="Revoked"/> without <see cref="Accepted"/>,
/// so the late acceptance derives nothing. A record whose repair was approved (信用修复) no longer counts either:
/// its disclosure ended, and the entries it supported go with reason Repaired.
/// </summary>
public sealed record KnownRecord(string RecordId, string SubjectCode, string? SourceUnit, string? Category, string? Severity,
    DateOnly? DecisionDate, DateOnly? ValidUntil, bool Accepted, bool Revoked, bool Repaired = false)
{
    /// <summary>Only accepted, unrevoked, unrepaired records with their facts known count towards a determination.</summary>
    public bool Counts => Accepted && !Revoked && !Repaired && Category is not null && DecisionDate is not null && SourceUnit is not null;

    public bool IsGeneralPenalty => Category == RecordCategories.AdministrativePenalty && Severity == Severities.General;

    /// <summary>Whether this record, as it now stands, still supports an entry made by <paramref name="rule"/>.</summary>
    public bool Supports(DeterminationRule rule) => Counts && rule switch
    {
        DeterminationRule.SeriousPenalty => Category == RecordCategories.AdministrativePenalty && Severity == Severities.Serious,
        DeterminationRule.MajorTaxViolation => Category == RecordCategories.MajorTaxViolation,
        DeterminationRule.CourtDefaulter => Category == RecordCategories.CourtDefaulter,
        DeterminationRule.RepeatedGeneralPenalties => IsGeneralPenalty,
        DeterminationRule.CommitmentBreach => Category == RecordCategories.CommitmentBreach,
        DeterminationRule.Honor => Category == RecordCategories.Honor,
        DeterminationRule.ManualProposal => true,
        _ => false,
    };
}
