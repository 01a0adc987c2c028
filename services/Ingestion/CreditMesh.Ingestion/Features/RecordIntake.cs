using CreditMesh.EventSourcing;
using CreditMesh.Calendar;
using CreditMesh.Ingestion.Domain.Calendar;
using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Ingestion.Projections;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.Ingestion.Features;

/// <summary>
/// Takes a validated record from a member unit: works out lateness and the publicity window, then
/// starts the record's stream, or recognises a repeat of the same record (idempotency key sourceUnit +
/// sourceRecordId, DESIGN §4.2). Changes to a record go through the one write path.
/// </summary>
public sealed class RecordIntake(IDocumentStore store, NpgsqlDataSource dataSource, WorkingDayCalendar calendar, TimeProvider time,
    IOptions<PublicityOptions> options)
{
    /// <summary>The publicity window under the rule version in force at the decision date; ArgumentException when no version covers it.</summary>
    public PublicityWindow PublicityOf(CreditRecord record) =>
        PublicityRules.Compute(record.Category, record.Severity, record.DecisionDate, record.Sector,
            record.ValidUntil ?? record.License?.ValidUntil, PublicityRuleSet.Shipped, options.Value.DiscloseMinor);

    public DateOnly Today => ChinaTime.Today(time);

    public async Task<SubmissionOutcome> SubmitAsync(string sourceUnit, CreditRecord record, EventMetadata metadata, CancellationToken ct)
    {
        var recordId = RecordIds.For(sourceUnit, record.SourceRecordId);
        var (today, publicity) = (Today, PublicityOf(record));
        var late = Timeliness.IsLate(record.DecisionDate, today, calendar);
        SubmissionOutcome outcome = null!;
        await store.DecideAsync<CreditRecordState>(RecordIds.StreamId(recordId), existing =>
        {
            outcome = RecordDecider.Submit(existing, sourceUnit, record, late, publicity, today, time.GetUtcNow());
            return outcome is SubmissionOutcome.Accept accept ? Decision.Of(accept.Event) : new Decision.Unchanged();
        }, metadata, ct);
        return outcome;
    }

    /// <summary>
    /// A batch in one transaction for the records that are new; repeats and key conflicts (also within the
    /// batch) are answered per item. If another writer creates one of the records meanwhile, the batch
    /// falls back to one submission per record, so no valid item is lost.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionOutcome>> SubmitBatchAsync(string sourceUnit, IReadOnlyList<CreditRecord> records,
        EventMetadata metadata, CancellationToken ct)
    {
        var today = Today;
        var outcomes = new SubmissionOutcome[records.Count];
        var ids = records.Select(r => RecordIds.For(sourceUnit, r.SourceRecordId)).ToArray();
        var existing = await ExistingAsync(ids, ct);
        var fresh = new Dictionary<string, RecordAccepted>();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (fresh.TryGetValue(ids[i], out var earlier))
            {
                var state = CreditRecordState.Create(earlier);
                outcomes[i] = RecordFingerprint.Of(record) == earlier.Fingerprint ? new SubmissionOutcome.Duplicate(state) : new SubmissionOutcome.Conflict(state);
                continue;
            }
            outcomes[i] = RecordDecider.Submit(existing.GetValueOrDefault(ids[i]), sourceUnit, record,
                Timeliness.IsLate(record.DecisionDate, today, calendar), PublicityOf(record), today, time.GetUtcNow());
            if (outcomes[i] is SubmissionOutcome.Accept accept) fresh[ids[i]] = accept.Event;
        }
        if (fresh.Count == 0) return outcomes;
        try
        {
            await using var session = await store.OpenWriteSessionAsync(metadata, ct);
            foreach (var (id, accepted) in fresh) session.AppendAt<CreditRecordState>(RecordIds.StreamId(id), 0, accepted);
            await session.CommitAsync(ct);
            return outcomes;
        }
        catch (Exception e) when (StreamWriting.IsConcurrency(e))
        {
            for (var i = 0; i < records.Count; i++)
                if (outcomes[i] is SubmissionOutcome.Accept) outcomes[i] = await SubmitAsync(sourceUnit, records[i], metadata, ct);
            return outcomes;
        }
    }

    private async Task<Dictionary<string, CreditRecordState>> ExistingAsync(string[] recordIds, CancellationToken ct)
    {
        var found = new Dictionary<string, CreditRecordState>();
        foreach (var stream in await RecordQueries.ExistingStreamsAsync(dataSource, recordIds.Select(RecordIds.StreamId).ToArray(), ct))
            if ((await store.LoadAsync<CreditRecordState>(stream, ct)).State is { } state) found[state.RecordId] = state;
        return found;
    }

    /// <summary>A change to a record through the one write path (If-Match honoured when given).</summary>
    public Task<Written<CreditRecordState>> ChangeAsync(string recordId, Func<CreditRecordState?, Decision> decide, EventMetadata metadata,
        CancellationToken ct, long? expectedVersion = null) =>
        store.DecideAsync(RecordIds.StreamId(recordId), decide, metadata, ct, expectedVersion);

    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string recordId, CancellationToken ct) =>
        StreamHistory.ReadAsync(dataSource, RecordIds.StreamId(recordId), ct);

    public Task<(CreditRecordState? State, long Version)> LoadAsync(string recordId, CancellationToken ct) =>
        store.LoadAsync<CreditRecordState>(RecordIds.StreamId(recordId), ct);
}
