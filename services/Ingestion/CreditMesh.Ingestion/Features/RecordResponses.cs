using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.Ingestion.Features;

/// <summary>A record's publicity window; <see cref="Disclosed"/> says whether the public sees the record today, not whether its kind is disclosed.</summary>
public sealed record PublicityDto(bool Disclosed, DateOnly From, DateOnly MinUntil, DateOnly MaxUntil, string RuleVersion)
{
    /// <summary>A record just accepted: disclosed when its window covers today (one decided long ago may already be past its maximum).</summary>
    public static PublicityDto Of(PublicityWindow window, DateOnly today) =>
        new(window.IsDisclosedOn(today), window.From, window.MinUntil, window.MaxUntil, window.RuleVersion);

    public static PublicityDto Of(CreditRecordState state, DateOnly today) => Of(state.Publicity, today) with { Disclosed = state.IsDisclosedOn(today) };
}

/// <summary>POST /records → 201 (Accepted) or 200 (Duplicate), DESIGN §5.1.</summary>
public sealed record SubmissionResponse(string RecordId, string Status, bool Late, PublicityDto Publicity);

/// <summary>GET /records/{id}: the record as submitted plus its id, source unit, status, version, publicity and objection marker.</summary>
public sealed record RecordResponse(
    string RecordId, string SourceUnit, string Status, long Version, bool Late, PublicityDto Publicity, bool UnderObjection,
    string SourceRecordId, string Category, SubjectDto Subject, string DecisionNumber, DateOnly DecisionDate, AuthorityDto DecidingAuthority,
    string? Severity, string? ViolationType, string? Facts, string? LegalBasis, IReadOnlyList<string> PenaltyCategories, string? PenaltyContent,
    decimal? FineAmount, decimal? ConfiscatedAmount, string? Sector, DateOnly? ValidUntil, LicenseDto? License)
{
    /// <summary>Resident ID numbers (a natural person's code, a legal representative's number) are masked on the way out (ADR 0012).</summary>
    public static RecordResponse From(CreditRecordState state, long version, DateOnly today)
    {
        var r = state.Record;
        var representative = r.Subject.LegalRepresentative is { } rep ? new RepresentativeDto(rep.Name, rep.IdNumber) : null;
        return new RecordResponse(state.RecordId, state.SourceUnit, state.Status.ToString(), version, state.Late, PublicityDto.Of(state, today),
            state.UnderObjection, r.SourceRecordId, r.Category.ToString(), new SubjectDto(r.Subject.Code, r.Subject.Name, r.Subject.Kind.ToString(), representative),
            r.DecisionNumber, r.DecisionDate, new AuthorityDto(r.DecidingAuthority.Name, r.DecidingAuthority.Code), r.Severity?.ToString(), r.ViolationType,
            r.Facts, r.LegalBasis, r.PenaltyCategories.Select(p => p.ToString()).ToList(), r.PenaltyContent, r.FineAmount, r.ConfiscatedAmount,
            r.Sector?.ToString(), r.ValidUntil, r.License is { } l ? new LicenseDto(l.Name, l.Content, l.ValidFrom, l.ValidUntil) : null);
    }
}

public sealed record SubjectDto(string Code, string Name, string Kind, RepresentativeDto? LegalRepresentative);
public sealed record RepresentativeDto(string Name, string IdNumber);
public sealed record AuthorityDto(string Name, string? Code);
public sealed record LicenseDto(string Name, string Content, DateOnly ValidFrom, DateOnly? ValidUntil);
