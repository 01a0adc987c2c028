using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Domain.Notices;
using CreditMesh.Lists.Projections;
using Marten;
using Npgsql;

namespace CreditMesh.Lists.Features;

/// <summary>A message that changes the record facts of its subject, for <see cref="SubjectLists.ReconcileAllAsync"/>.</summary>
public sealed record FactUpdate(string SubjectCode, Guid MessageId);

/// <summary>
/// Runs one decision about a subject's entries in one transaction: a per-subject advisory lock (so two
/// deliveries for one subject cannot decide on the same facts at once), the inbox claim, the fact update,
/// loading the facts, the pure decision and the appends (each entry at the version its row says) all commit
/// together or not at all. The lists' form of the one write path: many entry streams, decided per subject.
/// </summary>
public sealed class SubjectLists(IDocumentStore store, NpgsqlDataSource dataSource, SubjectDecider decider, TimeProvider time)
{
    public SubjectDecider Decider => decider;

    /// <summary>Returns the changes written, or null when the inbox says the message was already processed.</summary>
    public async Task<IReadOnlyList<EntryChange>?> DecideAsync(string subjectCode, EventMetadata metadata, InboxClaim? inbox,
        Func<SessionConnection, Task>? updateFacts, Func<SubjectFacts, DateTimeOffset, IReadOnlyList<EntryChange>> decide, CancellationToken ct)
    {
        await using var session = await store.OpenWriteSessionAsync(metadata, ct);
        var context = await SessionConnection.OfAsync(session, ct);
        await LockAsync(context, [subjectCode], ct);
        if (inbox is not null && !await session.TryClaimAsync(inbox.Inbox, inbox.MessageId, ct)) return null;
        if (updateFacts is not null) await updateFacts(context);
        var entries = await ListEntryQueries.OfSubjectAsync(context, subjectCode, ct);
        var facts = new SubjectFacts(subjectCode, await KnownRecords.OfSubjectAsync(context, subjectCode, ct), entries,
            await EntryObjections.OpenForAsync(context, entries.Select(e => e.State.ListEntryId).ToList(), ct));
        var changes = decide(facts, time.GetUtcNow());
        Append(session, changes);
        await session.CommitAsync(ct);
        return changes;
    }

    /// <summary>
    /// The subjects' transaction locks, the one key every lists writer of a subject takes, in hash order so two writers of
    /// overlapping subjects cannot deadlock.
    /// </summary>
    private static Task LockAsync(SessionConnection context, string[] subjectCodes, CancellationToken ct) =>
        context.ExecuteAsync("""
            select pg_advisory_xact_lock(h) from (select distinct hashtextextended(s, 4171) h from unnest($1::text[]) s order by 1) l
            """, ct, (object)subjectCodes);

    /// <summary>Each entry's events at the version its row says; 告知书: every proposal tells the subject in the same transaction (DESIGN §4.9).</summary>
    private static void Append(IDocumentSession session, IReadOnlyList<EntryChange> changes)
    {
        foreach (var change in changes)
            session.AppendAt<ListEntryState>(ListEntryIds.StreamId(change.ListEntryId), change.ExpectedVersion, [.. change.Events]);
        foreach (var notice in ListingNotice.For(changes)) session.AppendAt<ListingNotice>(ListingNotice.StreamId(notice.NoticeId), 0, notice);
    }

    /// <summary>Brings the subject's entries in line with what is now known (records, clock, objections).</summary>
    public Task<IReadOnlyList<EntryChange>?> ReconcileAsync(string subjectCode, EventMetadata metadata, InboxClaim? inbox,
        Func<SessionConnection, Task>? updateFacts, CancellationToken ct) =>
        DecideAsync(subjectCode, metadata, inbox, updateFacts, decider.Reconcile, ct);

    /// <summary>
    /// <see cref="ReconcileAsync"/> for a consumer batch in one transaction (DESIGN §6 throughput): every subject's lock in one
    /// statement (in hash order, so two batches cannot deadlock), one inbox claim for all, each claimed message's fact update
    /// in arrival order, one read of the facts of all subjects, the pure decision per subject, and all entry appends written
    /// together. If another writer moved an entry meanwhile, the batch is undone and each message is reconciled on its own.
    /// <paramref name="updateFacts"/> changes the facts of the messages it is given (all claimed ones at once, or one).
    /// </summary>
    public async Task ReconcileAllAsync(string inbox, IReadOnlyList<FactUpdate> updates, Func<SessionConnection, IReadOnlyList<FactUpdate>, Task> updateFacts,
        EventMetadata metadata, CancellationToken ct)
    {
        try
        {
            await using var session = await store.OpenWriteSessionAsync(metadata, ct);
            var context = await SessionConnection.OfAsync(session, ct);
            var subjects = updates.Select(u => u.SubjectCode).Distinct(StringComparer.Ordinal).ToArray();
            await LockAsync(context, subjects, ct);
            var claimed = await session.ClaimAsync(inbox, updates.Select(u => u.MessageId).ToList(), ct);
            var fresh = updates.Where(u => claimed.Contains(u.MessageId)).DistinctBy(u => u.MessageId).ToList();
            await updateFacts(context, fresh);
            var touched = fresh.Select(u => u.SubjectCode).Distinct(StringComparer.Ordinal).ToList();
            if (touched.Count > 0)
            {
                var records = await KnownRecords.OfSubjectsAsync(context, touched, ct);
                var entries = await ListEntryQueries.OfSubjectsAsync(context, touched, ct);
                var objected = await EntryObjections.OpenForAsync(context, touched.SelectMany(t => entries[t]).Select(e => e.State.ListEntryId).ToList(), ct);
                var now = time.GetUtcNow();
                foreach (var subject in touched)
                    Append(session, decider.Reconcile(new SubjectFacts(subject, [.. records[subject]], [.. entries[subject]], objected), now));
            }
            await session.CommitAsync(ct);
        }
        catch (Exception e) when (StreamWriting.IsConcurrency(e) && updates.Count > 1)
        {
            foreach (var update in updates)
                await ReconcileAsync(update.SubjectCode, metadata, new InboxClaim(inbox, update.MessageId), c => updateFacts(c, [update]), ct);
        }
    }

    public Task<(ListEntryState? State, long Version)> LoadAsync(string listEntryId, CancellationToken ct) =>
        store.LoadAsync<ListEntryState>(ListEntryIds.StreamId(listEntryId), ct);

    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string listEntryId, CancellationToken ct) =>
        StreamHistory.ReadAsync(dataSource, ListEntryIds.StreamId(listEntryId), ct);
}
