using CreditMesh.Lists.Domain;

namespace CreditMesh.Lists.Features;

/// <summary>A list entry as DESIGN §5.1 names its fields; validUntil is an exclusive instant (ADR 0007).</summary>
public sealed record ListEntryResponse(string ListEntryId, string ListType, string SubjectCode, string Status, string? RemovalReason,
    string DeterminedBy, IReadOnlyList<string> BasisRecordIds, DateTimeOffset? ValidFrom, DateTimeOffset ValidUntil, long Version, string? NationalId = null)
{
    public static ListEntryResponse From(ListEntryState s, long version) => new(s.ListEntryId, s.ListType.ToString(), s.SubjectCode, s.Status.ToString(),
        s.RemovalReason?.ToString(), s.DeterminedBy, s.BasisRecordIds, s.ValidFrom, s.ValidUntil, version, s.NationalId);
}

public sealed record ListEntryPage(IReadOnlyList<ListEntryResponse> Items);

public sealed record HistoryEntry(long Version, string Type, DateTimeOffset At, string? Actor, string Hash);

public sealed record ListEntryHistory(string ListEntryId, IReadOnlyList<HistoryEntry> Items);
