namespace CreditMesh.Repair.Domain.Targets;

/// <summary>What a repair or an objection is about: a credit record's disclosure, or a list entry (名单).</summary>
public enum TargetKind { Record, ListEntry }

/// <summary>Where a target stands, as its owning service last said: listed entries start Pending (proposed, notice running).</summary>
public enum TargetStatus { Pending, Active, Ended }

/// <summary>
/// Repair's local view of a record or list entry, built only from the owning services' integration events
/// (CreditRecordAccepted/Corrected/Revoked/DisclosureEnded, ListEntryProposed/Activated/Removed…).
/// </summary>
/// <param name="OwnerUnit">The unit that submitted the record or determined the entry: it decides (谁认定、谁修复).</param>
/// <param name="Category">The record category (AdministrativePenalty, CourtDefaulter…) or the list type (SeriousDishonesty…).</param>
/// <param name="MinimumUntil">For a record: the day its minimum publicity period ends (PublicityMinUntil).</param>
/// <param name="ValidFrom">For a list entry: the day (China Standard Time) it became active.</param>
/// <param name="EndedBecause">Why a target is Ended (revoked, disclosure ended, removed).</param>
public sealed record RepairTarget(TargetKind Kind, string Id, string SubjectCode, string? OwnerUnit, string? Category, string? Severity,
    DateOnly? MinimumUntil, string? RuleVersion, DateOnly? ValidFrom, TargetStatus Status, string? EndedBecause = null)
{
    public string Describe() => Describe(Kind, Id);

    /// <summary>"record …" or "list entry …", as reasons and refusals name a target.</summary>
    public static string Describe(TargetKind kind, string id) => $"{(kind == TargetKind.Record ? "record" : "list entry")} {id}";
}
