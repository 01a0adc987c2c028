namespace CreditMesh.Matching.Domain.Index;

/// <summary>Where a list entry stands as matching knows it (DESIGN §4.3 lifecycle).</summary>
public enum EntryStatus { Proposed, Active, Suspended, Removed }

/// <summary>
/// What matching knows about one list entry, folded from the lists service's events. Events arrive duplicated
/// and out of order; each stream is ordered by its source version, so the status follows the highest version
/// seen, while the entry's facts (list, determining unit, validity) are taken from whichever event carries them.
/// </summary>
public sealed record ListEntryState(
    string ListEntryId,
    string SubjectCode,
    ListType? ListType,
    string? DeterminedBy,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    EntryStatus Status,
    long StatusVersion)
{
    /// <summary>Hit from ValidFrom until ValidUntil (exclusive), when active and its facts are known.</summary>
    public bool Hits => Status == EntryStatus.Active && ListType is not null && ValidFrom is not null && ValidUntil is not null;

    public ActiveEntry? AsActive() => Hits ? new ActiveEntry(ListEntryId, ListType!.Value, DeterminedBy ?? "", ValidFrom!.Value, ValidUntil!.Value) : null;
}

/// <summary>A list change as the lists service published it, reduced to what matching needs.</summary>
public sealed record ListEntryChange(
    string ListEntryId,
    string SubjectCode,
    long SourceVersion,
    DateTimeOffset OccurredAt,
    EntryStatus Status,
    ListType? ListType = null,
    string? DeterminedBy = null,
    DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidUntil = null);

public static class ListEntryFold
{
    /// <summary>The state after the change, or null when the change tells nothing new (a duplicate or a stale version).</summary>
    public static ListEntryState? Apply(ListEntryState? state, ListEntryChange change)
    {
        if (state is null)
            return new ListEntryState(change.ListEntryId, change.SubjectCode, change.ListType, change.DeterminedBy, change.ValidFrom,
                change.ValidUntil, change.Status, change.SourceVersion);
        var newer = change.SourceVersion > state.StatusVersion;
        var filled = state with
        {
            ListType = state.ListType ?? change.ListType,
            DeterminedBy = state.DeterminedBy ?? change.DeterminedBy,
            ValidFrom = state.ValidFrom ?? change.ValidFrom,
            // A restoration or a later activation may carry a new validity; a stale one only fills a gap.
            ValidUntil = newer && change.ValidUntil is not null ? change.ValidUntil : state.ValidUntil ?? change.ValidUntil,
        };
        if (newer) filled = filled with { Status = change.Status, StatusVersion = change.SourceVersion };
        return filled == state ? null : filled;
    }
}
