using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Delivery;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Exchange.Projections;

namespace CreditMesh.Exchange.Features;

/// <summary>
/// One ledger transaction's work in memory: the items as decided so far (a batch may hold several events of one item), the feed
/// head, the events to append per item stream and the pushes to plan.
/// </summary>
internal sealed class FeedWork
{
    private readonly Dictionary<(ItemKind, string), StoredItem> _items;
    private readonly Dictionary<(ItemKind, string), long> _loadedVersions;
    private readonly Dictionary<(ItemKind, string), List<object>> _events = [];
    private readonly HashSet<(ItemKind, string)> _changed = [];

    private FeedWork(Dictionary<(ItemKind, string), StoredItem> items, long head)
    {
        _items = items;
        _loadedVersions = items.ToDictionary(i => i.Key, i => i.Value.StreamVersion);
        Head = head;
    }

    public static async Task<FeedWork> StartAsync(SessionConnection db, Dictionary<(ItemKind, string), StoredItem> items, CancellationToken ct) =>
        new(items, await db.ScalarAsync<long>("select head from exchange_feed_head where id = 1", ct));

    public long Head { get; private set; }

    public List<Push> Pushes { get; } = [];

    public IReadOnlyCollection<StoredItem> ChangedItems => [.. _changed.Select(k => _items[k])];

    public IEnumerable<(string Stream, long BaseVersion, List<object> Events)> Appends =>
        _events.Select(e => (ItemStreams.Of(e.Key.Item1, e.Key.Item2), _loadedVersions.GetValueOrDefault(e.Key), e.Value));

    public void Learn(ItemFact fact, DateTimeOffset now)
    {
        var key = (fact.Kind, fact.SourceId);
        var current = _items.TryGetValue(key, out var stored) ? stored : null;
        var (item, changes) = SharingDecider.Learn(current?.Item, fact, now);
        Record(key, item, current?.StreamVersion ?? 0, changes);
    }

    public void Expire(SharedItem item, DateTimeOffset now)
    {
        var key = (item.Kind, item.SourceId);
        var (expired, changes) = SharingDecider.Expire(_items[key].Item, now);
        Record(key, expired, _items[key].StreamVersion, changes);
    }

    private void Record((ItemKind, string) key, SharedItem item, long streamVersion, IReadOnlyList<ItemChange> changes)
    {
        foreach (var change in changes)
        {
            Pushes.Add(new Push(change.PushEvent, item.SubjectCode, change.ListType, change.OccurredAt, change.PushData));
            if (!change.ToFeed) continue;
            Head++;
            object feedEvent = change.Type == FeedItemType.Withdrawn
                ? new ItemWithdrawn(item.Kind, item.SourceId, item.SubjectCode, Head, change.Reason!.Value, change.OccurredAt, change.Payload)
                : new ItemShared(item.Kind, item.SourceId, item.SubjectCode, Head, change.Type, change.OccurredAt, change.Payload);
            if (!_events.TryGetValue(key, out var events)) _events[key] = events = [];
            events.Add(feedEvent);
            streamVersion++;
        }
        _items[key] = new StoredItem(item, streamVersion);
        _changed.Add(key);
    }
}
