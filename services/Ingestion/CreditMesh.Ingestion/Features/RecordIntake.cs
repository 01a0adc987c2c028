using CreditMesh.EventSourcing;
using CreditMesh.Calendar;
using CreditMesh.Ingestion.Domain.Calendar;
using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.Ingestion.Features;

/// <summary>Section "Publicity": whether Minor (轻微) penalties are disclosed (DESIGN §4.2: not by default; if so, at most 3 months).</summary>
public sealed class PublicityOptions
{
    public bool DiscloseMinor { get; set; }
}

/// <summary>
/// Takes a validated record from a member unit: works out lateness and the publicity window, then
/// starts the record's stream, or recognises a repeat of the same record (idempotency key sourceUnit +
/// sourceRecordId, DESIGN §4.2).
/// </summary>
public sealed class RecordIntake(EventStore store, WorkingDayCalendar calendar, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<PublicityOptions> publicityOptions)
{
    /// <summary>Publicity dates and the 7-working-day rule are calendar days in China Standard Time.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>The publicity window under the rule version in force at the decision date; ArgumentException when no version covers it.</summary>
    public PublicityWindow PublicityOf(CreditRecord record) =>
        PublicityRules.Compute(record.Category, record.Severity, record.DecisionDate, record.Sector,
            record.ValidUntil ?? record.License?.ValidUntil, PublicityRuleSet.Shipped, publicityOptions.Value.DiscloseMinor);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);

    public async Task<SubmissionOutcome> SubmitAsync(string sourceUnit, CreditRecord record, EventMetadata metadata, CancellationToken ct)
    {
        var recordId = RecordIds.For(sourceUnit, record.SourceRecordId);
        var today = Today;
        var publicity = PublicityOf(record);
        var late = Timeliness.IsLate(record.DecisionDate, today, calendar);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await store.AggregateStreamAsync<CreditRecordState>(RecordIds.StreamId(recordId), ct: ct);
            var outcome = RecordDecider.Submit(existing, sourceUnit, record, late, publicity, today, time.GetUtcNow());
            if (outcome is not SubmissionOutcome.Accept accept) return outcome;
            try
            {
                await using var session = store.OpenSession(metadata);
                session.Events.StartStream<CreditRecordState>(RecordIds.StreamId(recordId), accept.Event);
                await session.SaveChangesAsync(ct);
                return outcome;
            }
            catch (StreamAlreadyExistsException) when (attempt == 1)
            {
                // The same record arrived twice at once: decide again against the one that won.
            }
        }
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
            var publicity = PublicityOf(record);
            outcomes[i] = RecordDecider.Submit(existing.GetValueOrDefault(ids[i]), sourceUnit, record,
                Timeliness.IsLate(record.DecisionDate, today, calendar), publicity, today, time.GetUtcNow());
            if (outcomes[i] is SubmissionOutcome.Accept accept) fresh[ids[i]] = accept.Event;
        }
        if (fresh.Count == 0) return outcomes;
        try
        {
            await using var session = store.OpenSession(metadata);
            foreach (var (id, accepted) in fresh) session.Events.StartStream<CreditRecordState>(RecordIds.StreamId(id), accepted);
            await session.SaveChangesAsync(ct);
            return outcomes;
        }
        catch (StreamAlreadyExistsException)
        {
            for (var i = 0; i < records.Count; i++)
                if (outcomes[i] is SubmissionOutcome.Accept) outcomes[i] = await SubmitAsync(sourceUnit, records[i], metadata, ct);
            return outcomes;
        }
    }

    private async Task<Dictionary<string, CreditRecordState>> ExistingAsync(string[] recordIds, CancellationToken ct)
    {
        var found = new Dictionary<string, CreditRecordState>();
        await using var command = store.DataSource.CreateCommand("select id from streams where id = any($1)");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recordIds.Select(RecordIds.StreamId).ToArray() });
        var streams = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) streams.Add(reader.GetString(0));
        foreach (var stream in streams)
            if (await store.AggregateStreamAsync<CreditRecordState>(stream, ct: ct) is { } state) found[state.RecordId] = state;
        return found;
    }

    /// <summary>Appends a decided change to a record at the version it was decided on (a concurrent change is a 409).</summary>
    public async Task AppendAsync(string recordId, long expectedVersion, object change, EventMetadata metadata, CancellationToken ct)
    {
        await using var session = store.OpenSession(metadata);
        session.Events.Append(RecordIds.StreamId(recordId), expectedVersion, change);
        await session.SaveChangesAsync(ct);
    }

    public Task<IReadOnlyList<StoredEvent>> HistoryAsync(string recordId, CancellationToken ct) =>
        store.FetchStreamAsync(RecordIds.StreamId(recordId), ct: ct);

    public async Task<(CreditRecordState? State, long Version)> LoadAsync(string recordId, CancellationToken ct)
    {
        var events = await store.FetchStreamAsync(RecordIds.StreamId(recordId), ct: ct);
        if (events.Count == 0) return (null, 0);
        var state = CreditRecordState.Create(events[0].Data);
        for (var i = 1; i < events.Count; i++) state = state.Apply(events[i].Data);
        return (state, events[^1].Version);
    }
}
