using CreditMesh.Calendar;
using System.Text.Json;

namespace CreditMesh.Registry.Domain.Archive;

/// <summary>One archived integration event as the state fold reads it.</summary>
public sealed record TimelineEvent(string Type, DateTimeOffset OccurredAt, JsonElement Payload);

/// <summary>The subject's evaluation (公共信用综合评价) as last published at or before the instant (EvaluationChanged).</summary>
public sealed record ArchivedEvaluation(string Grade, int Score, string ModelVersion, IReadOnlyList<string> Caps);

/// <summary>
/// A subject's credit state at an instant, derived from its archive alone: records in their publicity
/// window, list entries active, repairs and objections open, and its evaluation then. Pure: the instant is a parameter.
/// </summary>
public sealed record ArchiveState(IReadOnlyList<string> DisclosedRecords, IReadOnlyList<string> ActiveListEntries,
    IReadOnlyList<string> OpenRepairs, IReadOnlyList<string> OpenObjections, ArchivedEvaluation? Evaluation = null)
{
    /// <summary>Folds the events that happened at or before <paramref name="asOf"/>, in the order given.</summary>
    public static ArchiveState At(IEnumerable<TimelineEvent> events, DateTimeOffset asOf)
    {
        var records = new Dictionary<string, (DateTimeOffset From, DateTimeOffset Until)>();
        var entries = new Dictionary<string, DateTimeOffset>();
        var repairs = new HashSet<string>();
        var objections = new HashSet<string>();
        ArchivedEvaluation? evaluation = null;
        foreach (var e in events.Where(e => e.OccurredAt <= asOf))
        {
            var p = e.Payload;
            switch (e.Type)
            {
                case "CreditRecordAccepted" when p.GetProperty("disclosed").GetBoolean():
                    records[Text(p, "recordId")] = (StartOfDay(p, "publicityFrom") ?? e.OccurredAt, StartOfDay(p, "publicityMaxUntil") ?? DateTimeOffset.MaxValue);
                    break;
                case "CreditRecordRevoked" or "CreditRecordDisclosureEnded":
                    records.Remove(Text(p, "recordId"));
                    break;
                case "ListEntryActivated":
                    entries[Text(p, "listEntryId")] = p.GetProperty("validUntil").GetDateTimeOffset();
                    break;
                case "ListEntryRemoved":
                    entries.Remove(Text(p, "listEntryId"));
                    break;
                case "RepairApplied":
                    repairs.Add(Text(p, "repairId"));
                    break;
                case "RepairDecided":
                    repairs.Remove(Text(p, "repairId"));
                    break;
                case "ObjectionOpened":
                    objections.Add(Text(p, "objectionId"));
                    break;
                case "ObjectionResolved":
                    objections.Remove(Text(p, "objectionId"));
                    break;
                case "EvaluationChanged":
                    evaluation = new ArchivedEvaluation(Text(p, "grade"), p.GetProperty("score").GetInt32(), Text(p, "modelVersion"),
                        p.TryGetProperty("caps", out var caps) && caps.ValueKind == JsonValueKind.Array ? caps.EnumerateArray().Select(c => c.GetString()!).ToList() : []);
                    break;
            }
        }
        // Publicity runs from its first day up to (not including) its end date; list entries until validUntil.
        return new ArchiveState(
            records.Where(r => r.Value.From <= asOf && asOf < r.Value.Until).Select(r => r.Key).Order(StringComparer.Ordinal).ToList(),
            entries.Where(e => asOf < e.Value).Select(e => e.Key).Order(StringComparer.Ordinal).ToList(),
            repairs.Order(StringComparer.Ordinal).ToList(),
            objections.Order(StringComparer.Ordinal).ToList(),
            evaluation);
    }

    private static string Text(JsonElement payload, string name) => payload.GetProperty(name).GetString()!;

    private static DateTimeOffset? StartOfDay(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? ChinaTime.StartOf(DateOnly.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
