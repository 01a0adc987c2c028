using CreditMesh.Contracts;
using CreditMesh.Exchange.Delivery;
using CreditMesh.Exchange.Domain.Codes;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Exchange.Features;

namespace CreditMesh.Exchange.Consumers;

/// <summary>What each integration event tells exchange (pure mapping; the reasons' vocabularies are the owners').</summary>
public static class IncomingFacts
{
    public static Incoming Of(CreditRecordAccepted m) => new RecordSeen(m.EventId, new RecordSnapshot(m.RecordId, m.Category, m.Severity, m.SubjectCode,
        m.SubjectName, m.SubjectKind, m.LegalRepresentativeName, m.DecisionDate, m.SourceUnit, m.Content, m.PublicityMaxUntil, m.ValidUntil),
        m.SourceVersion, m.OccurredAt, m.Disclosed);

    /// <summary>A correction replaces the content (a correction from before content was published carries none: nothing to share from it).</summary>
    public static Incoming? Of(CreditRecordCorrected m) => m.Category is null || m.Content is null ? null
        : new RecordSeen(m.EventId, new RecordSnapshot(m.RecordId, m.Category, m.Severity, m.SubjectCode, m.SubjectName, m.SubjectKind, null,
            m.DecisionDate, m.SourceUnit, m.Content, m.PublicityMaxUntil, m.ValidUntil), m.SourceVersion, m.OccurredAt, m.Disclosed ?? false);

    /// <summary>撤销: an upheld objection's revocation is reported as ObjectionUpheld, any other as Revoked.</summary>
    public static Incoming Of(CreditRecordRevoked m) => new ItemEnded(m.EventId, ItemKind.Record, m.RecordId, m.SubjectCode,
        new ItemEnding(m.SourceVersion, m.OccurredAt, m.ObjectionId is null ? WithdrawalReason.Revoked : WithdrawalReason.ObjectionUpheld, m.Reason));

    /// <summary>终止公示: ingestion ends disclosure when the window closes ("PublicityEnded") or a repair is approved ("Repaired (…)").</summary>
    public static Incoming Of(CreditRecordDisclosureEnded m) => new ItemEnded(m.EventId, ItemKind.Record, m.RecordId, m.SubjectCode,
        new ItemEnding(m.SourceVersion, m.OccurredAt, DisclosureEndReason(m.Reason), m.Reason));

    public static WithdrawalReason DisclosureEndReason(string reason) =>
        reason == "PublicityEnded" ? WithdrawalReason.Expired
        : reason.StartsWith("Repaired", StringComparison.Ordinal) ? WithdrawalReason.Repaired
        : WithdrawalReason.Revoked;

    public static Incoming Of(ListEntryActivated m) => new EntrySeen(m.EventId, new EntrySnapshot(m.ListEntryId, m.ListType, m.SubjectCode, m.SubjectName,
        m.DeterminedBy, m.ValidFrom, m.ValidUntil, m.BasisRecordIds ?? [], m.NationalId, m.Basis), m.SourceVersion, m.OccurredAt);

    /// <summary>移出名单: a revoked basis and a withdrawal by the determining unit both take the determination back (Revoked).</summary>
    public static Incoming Of(ListEntryRemoved m) => new ItemEnded(m.EventId, ItemKind.ListEntry, m.ListEntryId, m.SubjectCode,
        new ItemEnding(m.SourceVersion, m.OccurredAt, m.Reason switch
        {
            "Expired" => WithdrawalReason.Expired,
            "Repaired" => WithdrawalReason.Repaired,
            "ObjectionUpheld" => WithdrawalReason.ObjectionUpheld,
            _ => WithdrawalReason.Revoked,
        }, m.Reason));

    public static Incoming Of(EvaluationChanged m) => new Pushed(m.EventId, new Push(PushEvents.EvaluationChanged, m.SubjectCode, null, m.OccurredAt,
        new Dictionary<string, object?>
        {
            ["score"] = m.Score, ["grade"] = m.Grade, ["modelVersion"] = m.ModelVersion, ["caps"] = m.Caps,
            ["previousScore"] = m.PreviousScore, ["previousGrade"] = m.PreviousGrade,
        }.Where(d => d.Value is not null).ToDictionary()));
}
