using CreditMesh.EventSourcing;

namespace CreditMesh.Lists.Domain;

/// <summary>A list entry (名单条目) folded from its stream.</summary>
public sealed record ListEntryState(string ListEntryId, ListType ListType, string SubjectCode, string DeterminedBy, IReadOnlyList<string> BasisRecordIds,
    DeterminationRule Rule, EntryStatus Status, RemovalReason? RemovalReason, DateTimeOffset? ValidFrom, DateTimeOffset ValidUntil,
    DateTimeOffset? ObjectionWindowEndsAt, string? SuspendedBy, string? NationalId = null) : IAggregate<ListEntryState>
{
    public static ListEntryState Create(object firstEvent) => firstEvent switch
    {
        EntryProposed e => new(e.ListEntryId, e.ListType, e.SubjectCode, e.DeterminedBy, e.BasisRecordIds, e.Rule, EntryStatus.Proposed, null,
            null, e.ValidUntil, e.ObjectionWindowEndsAt, null),
        EntryActivated e => new(e.ListEntryId, e.ListType, e.SubjectCode, e.DeterminedBy, e.BasisRecordIds, e.Rule, EntryStatus.Active, null,
            e.ValidFrom, e.ValidUntil, null, null, e.NationalId),
        _ => throw new InvalidOperationException($"A list entry stream cannot start with {firstEvent.GetType().Name}."),
    };

    public ListEntryState Apply(object @event) => @event switch
    {
        EntryActivated e => this with { Status = EntryStatus.Active, ValidFrom = e.ValidFrom, ValidUntil = e.ValidUntil },
        EntryRemoved e => this with { Status = EntryStatus.Removed, RemovalReason = e.Reason, SuspendedBy = null },
        EntrySuspended e => this with { Status = EntryStatus.Suspended, SuspendedBy = e.CausedBy },
        EntryRestored e => this with { Status = EntryStatus.Active, SuspendedBy = null, ValidUntil = e.ValidUntil },
        _ => this,
    };

    /// <summary>Not yet removed by an event (it may still have expired: see <see cref="AsSeenAt"/>).</summary>
    public bool IsLive => Status != EntryStatus.Removed;

    /// <summary>
    /// The entry as a reader sees it at <paramref name="now"/>: expiry is exact at read time (DESIGN §4.3: a
    /// match at 10:00 must not hit an entry that expired at 09:00), even before the Expired event is written.
    /// </summary>
    public ListEntryState AsSeenAt(DateTimeOffset now) =>
        IsLive && ValidUntil <= now ? this with { Status = EntryStatus.Removed, RemovalReason = Domain.RemovalReason.Expired, SuspendedBy = null } : this;
}
