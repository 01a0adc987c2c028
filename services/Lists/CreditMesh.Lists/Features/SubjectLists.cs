using CreditMesh.EventSourcing;
using CreditMesh.Lists.Domain;
using CreditMesh.Lists.Projections;

namespace CreditMesh.Lists.Features;

/// <summary>An inbox claim: the consumer and the message it is about to process.</summary>
public sealed record InboxClaim(string Consumer, Guid MessageId);

/// <summary>
/// Runs one decision about a subject's entries in one transaction: a per-subject advisory lock (so two
/// deliveries for one subject cannot decide on the same facts at once), the inbox claim, the fact update,
/// loading the facts, the pure decision and the appends all commit together or not at all.
/// </summary>
public sealed class SubjectLists(EventStore store, SubjectDecider decider, TimeProvider time)
{
    public SubjectDecider Decider => decider;

    /// <summary>Returns the changes written, or null when the inbox says the message was already processed.</summary>
    public async Task<IReadOnlyList<EntryChange>?> DecideAsync(string subjectCode, EventMetadata metadata, InboxClaim? inbox,
        Func<ProjectionContext, Task>? updateFacts, Func<SubjectFacts, DateTimeOffset, IReadOnlyList<EntryChange>> decide, CancellationToken ct)
    {
        await using var session = store.OpenSession(metadata);
        var context = await session.GetContextAsync(ct);
        await context.ExecuteAsync("select pg_advisory_xact_lock(hashtextextended($1, 4171))", ct, subjectCode);
        if (inbox is not null && !await session.TryClaimInboxAsync(inbox.Consumer, inbox.MessageId, ct)) return null;
        if (updateFacts is not null) await updateFacts(context);
        var entries = await ListEntryQueries.OfSubjectAsync(context, subjectCode, ct);
        var facts = new SubjectFacts(subjectCode, await KnownRecords.OfSubjectAsync(context, subjectCode, ct), entries,
            await EntryObjections.OpenForAsync(context, entries.Select(e => e.State.ListEntryId).ToList(), ct));
        var changes = decide(facts, time.GetUtcNow());
        foreach (var change in changes)
        {
            var stream = ListEntryIds.StreamId(change.ListEntryId);
            if (change.ExpectedVersion == 0) session.Events.StartStream<ListEntryState>(stream, [.. change.Events]);
            else session.Events.Append(stream, change.ExpectedVersion, [.. change.Events]);
        }
        await session.SaveChangesAsync(ct);
        return changes;
    }

    /// <summary>Brings the subject's entries in line with what is now known (records, clock, objections).</summary>
    public Task<IReadOnlyList<EntryChange>?> ReconcileAsync(string subjectCode, EventMetadata metadata, InboxClaim? inbox,
        Func<ProjectionContext, Task>? updateFacts, CancellationToken ct) =>
        DecideAsync(subjectCode, metadata, inbox, updateFacts, decider.Reconcile, ct);

    public async Task<(ListEntryState? State, long Version)> LoadAsync(string listEntryId, CancellationToken ct)
    {
        var events = await store.FetchStreamAsync(ListEntryIds.StreamId(listEntryId), ct: ct);
        if (events.Count == 0) return (null, 0);
        var state = ListEntryState.Create(events[0].Data);
        for (var i = 1; i < events.Count; i++) state = state.Apply(events[i].Data);
        return (state, events[^1].Version);
    }

    public Task<IReadOnlyList<StoredEvent>> HistoryAsync(string listEntryId, CancellationToken ct) =>
        store.FetchStreamAsync(ListEntryIds.StreamId(listEntryId), ct: ct);
}
