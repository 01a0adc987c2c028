using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Domain.Notices;
using CreditMesh.Lists.Projections;
using Marten;
using Npgsql;

namespace CreditMesh.Lists.Features;

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
        await context.ExecuteAsync("select pg_advisory_xact_lock(hashtextextended($1, 4171))", ct, subjectCode);
        if (inbox is not null && !await session.TryClaimAsync(inbox.Inbox, inbox.MessageId, ct)) return null;
        if (updateFacts is not null) await updateFacts(context);
        var entries = await ListEntryQueries.OfSubjectAsync(context, subjectCode, ct);
        var facts = new SubjectFacts(subjectCode, await KnownRecords.OfSubjectAsync(context, subjectCode, ct), entries,
            await EntryObjections.OpenForAsync(context, entries.Select(e => e.State.ListEntryId).ToList(), ct));
        var changes = decide(facts, time.GetUtcNow());
        foreach (var change in changes)
            session.AppendAt<ListEntryState>(ListEntryIds.StreamId(change.ListEntryId), change.ExpectedVersion, [.. change.Events]);
        // 告知书: every proposal tells the subject in the same transaction (DESIGN §4.9).
        foreach (var notice in ListingNotice.For(changes)) session.AppendAt<ListingNotice>(ListingNotice.StreamId(notice.NoticeId), 0, notice);
        await session.CommitAsync(ct);
        return changes;
    }

    /// <summary>Brings the subject's entries in line with what is now known (records, clock, objections).</summary>
    public Task<IReadOnlyList<EntryChange>?> ReconcileAsync(string subjectCode, EventMetadata metadata, InboxClaim? inbox,
        Func<SessionConnection, Task>? updateFacts, CancellationToken ct) =>
        DecideAsync(subjectCode, metadata, inbox, updateFacts, decider.Reconcile, ct);

    public Task<(ListEntryState? State, long Version)> LoadAsync(string listEntryId, CancellationToken ct) =>
        store.LoadAsync<ListEntryState>(ListEntryIds.StreamId(listEntryId), ct);

    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string listEntryId, CancellationToken ct) =>
        StreamHistory.ReadAsync(dataSource, ListEntryIds.StreamId(listEntryId), ct);
}
