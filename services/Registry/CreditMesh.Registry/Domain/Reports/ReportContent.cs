using System.Globalization;
using System.Text.Json;
using CreditMesh.Calendar;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Registry.Domain.Archive;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.Registry.Domain.Reports;

/// <summary>
/// The sections of a credit report, folded from a subject's archive up to the report instant (DESIGN §4.8), exact to it:
/// a record shows while its publicity window covers the instant and it was neither revoked, repaired nor taken out of
/// disclosure; a list entry while it is active and valid; an open objection marks what it disputes. Pure: the instant
/// is a parameter, and free text has ID numbers masked.
/// </summary>
public static class ReportContent
{
    /// <summary>The archive event types a report reads; everything else (matches, subjects, feedback) is not its business.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        "CreditRecordAccepted", "CreditRecordCorrected", "CreditRecordRevoked", "CreditRecordDisclosureEnded",
        "ListEntryActivated", "ListEntryRemoved", "ListEntrySuspended", "ListEntryRestored",
        "RepairDecided", "ObjectionOpened", "ObjectionResolved", "EvaluationChanged",
    ];

    private sealed class RecordFacts
    {
        public required string Category;
        public string? Severity;
        public DateOnly DecisionDate;
        public bool Disclosed;
        public DateOnly? From, Until;
        public JsonElement? Content;
        public bool Withdrawn;
    }

    private sealed record EntryFacts(string ListType, string? DeterminedBy, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, bool Suspended);

    public static ReportSections At(IEnumerable<TimelineEvent> events, DateTimeOffset instant)
    {
        var records = new Dictionary<string, RecordFacts>(StringComparer.Ordinal);
        var entries = new Dictionary<string, EntryFacts>(StringComparer.Ordinal);
        var objections = new Dictionary<string, string>(StringComparer.Ordinal); // open objection → the target it disputes
        TimelineEvent? evaluation = null;
        foreach (var e in events.Where(e => e.OccurredAt <= instant))
        {
            var p = e.Payload;
            switch (e.Type)
            {
                case "CreditRecordAccepted":
                    records[Text(p, "recordId")!] = new RecordFacts
                    {
                        Category = Text(p, "category")!, Severity = Text(p, "severity"), DecisionDate = Day(p, "decisionDate")!.Value,
                        Disclosed = p.TryGetProperty("disclosed", out var d) && d.GetBoolean(), From = Day(p, "publicityFrom"),
                        Until = Day(p, "publicityMaxUntil"), Content = Object(p, "content"),
                    };
                    break;
                case "CreditRecordCorrected" when records.TryGetValue(Text(p, "recordId")!, out var r):
                    r.Category = Text(p, "category") ?? r.Category;
                    if (Text(p, "category") is not null) r.Severity = Text(p, "severity");
                    r.DecisionDate = Day(p, "decisionDate") ?? r.DecisionDate;
                    if (p.TryGetProperty("disclosed", out var disclosed)) r.Disclosed = disclosed.GetBoolean();
                    r.From = Day(p, "publicityFrom") ?? r.From;
                    r.Until = Day(p, "publicityMaxUntil") ?? r.Until;
                    r.Content = Object(p, "content") ?? r.Content;
                    break;
                // 撤销 and 终止公示 (window over, or repaired: 信用修复管理办法) end a record's place in the report for good.
                case "CreditRecordRevoked" or "CreditRecordDisclosureEnded" when records.TryGetValue(Text(p, "recordId")!, out var ended):
                    ended.Withdrawn = true;
                    break;
                case "RepairDecided" when Text(p, "targetKind") == TargetKinds.Record && p.GetProperty("approved").GetBoolean()
                                          && records.TryGetValue(Text(p, "targetId")!, out var repaired):
                    repaired.Withdrawn = true;
                    break;
                case "ListEntryActivated":
                    entries[Text(p, "listEntryId")!] = new EntryFacts(Text(p, "listType")!, Text(p, "determinedBy"),
                        p.GetProperty("validFrom").GetDateTimeOffset(), p.GetProperty("validUntil").GetDateTimeOffset(), Suspended: false);
                    break;
                case "ListEntryRemoved":
                    entries.Remove(Text(p, "listEntryId")!);
                    break;
                case "ListEntrySuspended" when entries.TryGetValue(Text(p, "listEntryId")!, out var suspended):
                    entries[Text(p, "listEntryId")!] = suspended with { Suspended = true };
                    break;
                case "ListEntryRestored" when entries.TryGetValue(Text(p, "listEntryId")!, out var restored):
                    entries[Text(p, "listEntryId")!] = restored with { Suspended = false, ValidUntil = p.GetProperty("validUntil").GetDateTimeOffset() };
                    break;
                case "ObjectionOpened":
                    objections[Text(p, "objectionId")!] = Text(p, "targetId")!;
                    break;
                case "ObjectionResolved":
                    objections.Remove(Text(p, "objectionId")!);
                    break;
                case "EvaluationChanged":
                    evaluation = e;
                    break;
            }
        }
        var disputed = objections.Values.ToHashSet(StringComparer.Ordinal);
        var shown = records.Where(r => IsDisclosedAt(r.Value, instant)).OrderByDescending(r => r.Value.DecisionDate)
            .ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        IEnumerable<(string Id, RecordFacts Facts, bool Disputed)> Of(params string[] categories) =>
            shown.Where(r => categories.Contains(r.Value.Category)).Select(r => (r.Key, r.Value, disputed.Contains(r.Key)));

        return new ReportSections(
            [.. Of(RecordCategories.AdministrativeLicense).Select(r => new LicenseItem(r.Id, Field(r.Facts, "decisionNumber"),
                Field(r.Facts, "licenseName"), Field(r.Facts, "licenseContent"), Field(r.Facts, "decidingAuthorityName"), r.Facts.DecisionDate,
                r.Facts.Until, r.Disputed))],
            [.. Of(RecordCategories.AdministrativePenalty, RecordCategories.CourtDefaulter, RecordCategories.MajorTaxViolation).Select(r =>
                new PenaltyItem(r.Id, r.Facts.Category, r.Facts.Severity, Field(r.Facts, "decisionNumber"), Field(r.Facts, "violationType"),
                    Field(r.Facts, "penaltyContent") ?? Field(r.Facts, "facts"), Amount(r.Facts, "fineAmount"), Field(r.Facts, "decidingAuthorityName"),
                    r.Facts.DecisionDate, r.Facts.Until, r.Disputed))],
            [.. entries.Where(e => !e.Value.Suspended && e.Value.ValidFrom <= instant && instant < e.Value.ValidUntil)
                .OrderBy(e => e.Value.ValidFrom).ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new ListEntryItem(e.Key, e.Value.ListType, e.Value.DeterminedBy, e.Value.ValidFrom, e.Value.ValidUntil, disputed.Contains(e.Key)))],
            [.. Of(RecordCategories.Honor).Select(r => new HonorItem(r.Id, Field(r.Facts, "decisionNumber"), Field(r.Facts, "facts"),
                Field(r.Facts, "decidingAuthorityName"), r.Facts.DecisionDate, r.Facts.Until, r.Disputed))],
            [.. Of(RecordCategories.CreditCommitment, RecordCategories.CommitmentBreach).Select(r => new CommitmentItem(r.Id, r.Facts.Category,
                Field(r.Facts, "decisionNumber"), Field(r.Facts, "facts"), Field(r.Facts, "decidingAuthorityName"), r.Facts.DecisionDate, r.Facts.Until,
                r.Disputed))],
            EvaluationOf(evaluation));
    }

    /// <summary>Publicity runs from its first day up to, not including, its end day (China Standard Time), as disclosures show it.</summary>
    private static bool IsDisclosedAt(RecordFacts r, DateTimeOffset instant) =>
        r.Disclosed && !r.Withdrawn && (r.From is not { } from || ChinaTime.StartOf(from) <= instant)
        && (r.Until is not { } until || instant < ChinaTime.StartOf(until));

    private static EvaluationItem EvaluationOf(TimelineEvent? e)
    {
        if (e is null) return new EvaluationItem(false, null, null, null, null, "未评价 Not evaluated: no public credit evaluation of this subject is on record.");
        var p = e.Payload;
        var (grade, score, model) = (Text(p, "grade"), p.GetProperty("score").GetInt32(), Text(p, "modelVersion"));
        return new EvaluationItem(true, grade, score, model, e.OccurredAt, $"公共信用综合评价 {grade} 级（{score} 分，评价模型 {model}）");
    }

    private static string? Field(RecordFacts r, string name) =>
        r.Content is { } c && c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? PersonalData.Mask(v.GetString()!) : null;

    private static decimal? Amount(RecordFacts r, string name) =>
        r.Content is { } c && c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static string? Text(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement? Object(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    private static DateOnly? Day(JsonElement p, string name) =>
        Text(p, name) is { } s ? DateOnly.Parse(s, CultureInfo.InvariantCulture) : null;
}
