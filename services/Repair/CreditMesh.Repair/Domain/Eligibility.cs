using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.Repair.Domain;

/// <summary>Whether a repair application can go ahead, with every reason it cannot; <see cref="EligibleFrom"/> when it is only too early.</summary>
public sealed record Eligibility(bool Eligible, IReadOnlyList<string> Reasons, DateOnly? EligibleFrom)
{
    public static readonly Eligibility Yes = new(true, [], null);
}

/// <summary>
/// The eligibility checks of 信用修复管理办法 as DESIGN §4.5 lists them, explained at once: the target exists and belongs
/// to the subject; it is not a non-repairable category; it is still disclosed or listed; its minimum publicity period
/// has passed; no other repair is open for it.
/// </summary>
public static class EligibilityRules
{
    public static Eligibility Check(RepairTarget? target, TargetKind kind, string targetId, string subjectCode, string? openRepairId,
        DateOnly today, RepairOptions options)
    {
        var what = RepairTarget.Describe(kind, targetId);
        if (target is null) return No($"No {what} is known: it does not exist or has not reached the repair service yet.");
        if (target.SubjectCode != subjectCode) return No($"The {what} belongs to another subject, not to {subjectCode}.");

        var reasons = new List<string>();
        var nonRepairable = target.Category is not null && options.NonRepairableCategories.Contains(target.Category);
        if (nonRepairable)
            reasons.Add(target.Category == RecordCategories.CourtDefaulter
                ? "Court defaulter entries are removed by the court once the judgment is performed, not by credit repair."
                : $"{target.Category} information is not repairable.");
        if (target.Status == TargetStatus.Ended)
            reasons.Add($"The {what} is no longer {(kind == TargetKind.Record ? "disclosed" : "listed")}{(target.EndedBecause is { } why ? $" ({why})" : "")}.");
        if (target.Status == TargetStatus.Pending)
            reasons.Add($"The {what} is not active yet: object to it instead while it is proposed.");
        if (openRepairId is not null)
            reasons.Add($"Repair {openRepairId} is already open for the {what}.");
        var (repairableFrom, unknownPeriod) = nonRepairable ? (null, null) : RepairableFrom(target, options);
        if (unknownPeriod is not null) reasons.Add(unknownPeriod);
        var tooEarly = repairableFrom is { } from && today < from;
        if (tooEarly)
            reasons.Add($"The minimum publicity period{(target.RuleVersion is { } v ? $" (rules {v})" : "")} runs until {repairableFrom:yyyy-MM-dd}: apply from then.");
        return reasons.Count == 0 ? Eligibility.Yes : new(false, reasons, tooEarly && reasons.Count == 1 ? repairableFrom : null);
    }

    /// <summary>
    /// The first day repair is possible. A record states it (PublicityMinUntil, under its rule version); a minor penalty
    /// is repairable as soon as obligations are fulfilled (国办发〔2025〕22号). A list entry counts from its ValidFrom.
    /// </summary>
    public static (DateOnly? From, string? Problem) RepairableFrom(RepairTarget target, RepairOptions options)
    {
        if (target.Kind == TargetKind.Record)
            return (target.Severity == "Minor" ? null : target.MinimumUntil, null);
        if (target.Category is null || !options.ListEntryMinimumMonths.TryGetValue(target.Category, out var months))
            return (null, $"No repair period is configured for {target.Category ?? "this"} list entries.");
        return (target.ValidFrom?.AddMonths(months), null);
    }

    private static Eligibility No(string reason) => new(false, [reason], null);
}
