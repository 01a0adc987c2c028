using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Delivery;
using CreditMesh.Exchange.Domain.Sharing;
using CreditMesh.Exchange.Projections;
using Marten;

namespace CreditMesh.Exchange.Features;

/// <summary>
/// Exchange's one write path (STYLE 9) for what other services tell it and what the clock does: in one transaction, under one
/// advisory lock (the feed lock; pushes alone skip it, see <see cref="PushAsync"/>), it claims the messages in the inbox, updates
/// the items, gives each feed item the next sequence (the counter row is written in the same transaction, so the feed has no gaps
/// and commits in sequence order: a reader never sees n + 1 before n), appends the items' events, and plans the deliveries they
/// cause. A redelivered message changes nothing twice.
/// </summary>
public sealed class SharingLedger(IDocumentStore store, DeliverySignal signal, TimeProvider time)
{
    /// <summary>The feed lock's advisory-lock key ("EXCH").</summary>
    public const long FeedLock = 0x45_58_43_48;

    public const int ExpiryBatch = 500;

    public async Task ApplyAsync(IReadOnlyList<Incoming> messages, string inbox, EventMetadata metadata, CancellationToken ct)
    {
        if (messages.All(m => m is Pushed))
        {
            await PushAsync([.. messages.Cast<Pushed>()], inbox, metadata, ct);
            return;
        }
        await using var session = await store.OpenWriteSessionAsync(metadata, ct);
        var db = await LockAsync(session, ct);
        var claimed = await session.ClaimAsync(inbox, messages.Select(m => m.MessageId).ToList(), ct);
        var fresh = messages.Where(m => claimed.Remove(m.MessageId)).ToList(); // once each, in arrival order
        await ItemStore.RememberNamesAsync(db, [.. fresh.OfType<RecordSeen>().Where(r => r.Record.SubjectName is not null)
            .Select(r => (r.Record.SubjectCode, r.Record.SubjectName!))], ct);
        var names = await ItemStore.NamesAsync(db, [.. fresh.OfType<EntrySeen>().Where(e => e.Entry.SubjectName is null).Select(e => e.Entry.SubjectCode)], ct);
        var work = await FeedWork.StartAsync(db, await ItemStore.LoadAsync(db, [.. fresh.Select(Key).OfType<(ItemKind, string)>().Distinct()], ct), ct);
        var now = time.GetUtcNow();
        foreach (var message in fresh)
            switch (message)
            {
                case RecordSeen r:
                    work.Learn(new ItemFact(ItemKind.Record, r.Record.RecordId, r.Record.SubjectCode,
                        ItemContents.Of(r.Record, r.Version, r.At, r.Disclosed)), now);
                    break;
                case EntrySeen e:
                    var entry = e.Entry.SubjectName is null && names.TryGetValue(e.Entry.SubjectCode, out var name) ? e.Entry with { SubjectName = name } : e.Entry;
                    work.Learn(new ItemFact(ItemKind.ListEntry, entry.ListEntryId, entry.SubjectCode, ItemContents.Of(entry, e.Version, e.At)), now);
                    break;
                case ItemEnded x:
                    work.Learn(new ItemFact(x.Kind, x.SourceId, x.SubjectCode, Ending: x.Ending), now);
                    break;
                case Pushed p:
                    work.Pushes.Add(p.Push);
                    break;
            }
        await CommitAsync(session, db, work, now, ct);
    }

    /// <summary>
    /// Pushes alone (evaluation changes: about half of what a burst of records brings) touch no item and no feed sequence, so they
    /// skip the feed lock instead of queueing behind the feed's transactions; the deliveries they plan still go through the
    /// planner's own lock, so each subscription's deliveries keep their order.
    /// </summary>
    private async Task PushAsync(IReadOnlyList<Pushed> pushes, string inbox, EventMetadata metadata, CancellationToken ct)
    {
        await using var session = await store.OpenWriteSessionAsync(metadata, ct);
        var db = await SessionConnection.OfAsync(session, ct);
        var claimed = await session.ClaimAsync(inbox, pushes.Select(p => p.MessageId).ToList(), ct);
        var planned = await DeliveryPlanner.PlanAsync(db, [.. pushes.Where(p => claimed.Remove(p.MessageId)).Select(p => p.Push)], time.GetUtcNow(), ct);
        await session.CommitAsync(ct);
        if (planned > 0) signal.Notify();
    }

    /// <summary>
    /// Withdraws (Expired) every shared item whose window has closed by now, earliest first, whether or not its owner said so
    /// (DESIGN §4.10: expiry at the end of the publicity window enters the feed even if no event arrives). Returns how many.
    /// </summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var total = 0;
        for (var round = 0; round < 100; round++) // bounded: each round withdraws what it read, so the next reads later items
        {
            await using var session = await store.OpenWriteSessionAsync(new EventMetadata(Actor: new EventActor(null, "exchange-expiry", "system")), ct);
            var db = await LockAsync(session, ct);
            var now = time.GetUtcNow();
            var due = await ItemStore.DueAsync(db, now, ExpiryBatch, ct);
            if (due.Count == 0) return total;
            var work = await FeedWork.StartAsync(db, due.ToDictionary(d => (d.Item.Kind, d.Item.SourceId)), ct);
            foreach (var item in due) work.Expire(item.Item, now);
            await CommitAsync(session, db, work, now, ct);
            total += due.Count;
        }
        return total;
    }

    private static async Task<SessionConnection> LockAsync(IDocumentSession session, CancellationToken ct)
    {
        var db = await SessionConnection.OfAsync(session, ct);
        await db.ExecuteAsync("select pg_advisory_xact_lock($1)", ct, FeedLock);
        return db;
    }

    private async Task CommitAsync(IDocumentSession session, SessionConnection db, FeedWork work, DateTimeOffset now, CancellationToken ct)
    {
        await ItemStore.SaveAsync(db, work.ChangedItems, ct);
        foreach (var (stream, baseVersion, events) in work.Appends) session.AppendAt<ExchangeItem>(stream, baseVersion, [.. events]);
        await db.ExecuteAsync("update exchange_feed_head set head = $1 where id = 1", ct, work.Head);
        var planned = await DeliveryPlanner.PlanAsync(db, work.Pushes, now, ct);
        await session.CommitAsync(ct);
        if (planned > 0) signal.Notify();
    }

    private static (ItemKind, string)? Key(Incoming message) => message switch
    {
        RecordSeen r => (ItemKind.Record, r.Record.RecordId),
        EntrySeen e => (ItemKind.ListEntry, e.Entry.ListEntryId),
        ItemEnded x => (x.Kind, x.SourceId),
        _ => null,
    };
}
