using CreditMesh.Calendar;
using CreditMesh.Exchange.Domain.Codes;

namespace CreditMesh.Exchange.Domain.Sharing;

/// <summary>The content an item gets from a record or entry event: the national-code payload for the feed and the data pushed to subscribers.</summary>
public static class ItemContents
{
    /// <summary>A record is shareable while disclosed, until its publicity window ends (the maximum is exclusive, PublicityWindow).</summary>
    public static ItemContent Of(RecordSnapshot r, long version, DateTimeOffset at, bool disclosed) =>
        new(version, at, r.Category, disclosed && r.PublicityMaxUntil is not null,
            r.PublicityMaxUntil is { } end ? ChinaTime.StartOf(end) : DateTimeOffset.MinValue, false, NationalCodes.ForRecord(r), Data(r));

    /// <summary>An entry is shareable while valid; one from a national list is pushed but not reported back to the nation.</summary>
    public static ItemContent Of(EntrySnapshot e, long version, DateTimeOffset at) =>
        new(version, at, e.ListType, true, e.ValidUntil, e.NationalId is not null, NationalCodes.ForEntry(e), Data(e));

    private static Dictionary<string, object?> Data(RecordSnapshot r) => Present(new()
    {
        ["recordId"] = r.RecordId, ["category"] = r.Category, ["severity"] = r.Severity, ["subjectName"] = r.SubjectName,
        ["decisionNumber"] = r.Content?.DecisionNumber, ["decisionDate"] = Day(r.DecisionDate), ["decidingAuthority"] = r.Content?.DecidingAuthorityName,
        ["penaltyContent"] = r.Content?.PenaltyContent, ["sourceUnit"] = r.SourceUnit, ["publicityUntil"] = Day(r.PublicityMaxUntil?.AddDays(-1)),
    });

    private static Dictionary<string, object?> Data(EntrySnapshot e) => Present(new()
    {
        ["listEntryId"] = e.ListEntryId, ["listType"] = e.ListType, ["determinedBy"] = e.DeterminedBy, ["validFrom"] = e.ValidFrom,
        ["validUntil"] = e.ValidUntil, ["basisRecordIds"] = e.BasisRecordIds, ["nationalId"] = e.NationalId,
    });

    private static Dictionary<string, object?> Present(Dictionary<string, object?> data)
    {
        foreach (var key in data.Where(d => d.Value is null).Select(d => d.Key).ToList()) data.Remove(key);
        return data;
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
