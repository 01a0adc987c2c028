using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Calendar;
using CreditMesh.Ingestion.Domain.Publicity;
using CreditMesh.Ingestion.Domain.Records;

namespace CreditMesh.Ingestion.Features;

/// <summary>
/// Takes a validated record from a member unit: works out lateness and the publicity window, then
/// starts the record's stream, or recognises a repeat of the same record (idempotency key sourceUnit +
/// sourceRecordId, DESIGN §4.2).
/// </summary>
public sealed class RecordIntake(EventStore store, WorkingDayCalendar calendar, TimeProvider time)
{
    /// <summary>Publicity dates and the 7-working-day rule are calendar days in China Standard Time.</summary>
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);

    public async Task<SubmissionOutcome> SubmitAsync(string sourceUnit, CreditRecord record, EventMetadata metadata, CancellationToken ct)
    {
        var recordId = RecordIds.For(sourceUnit, record.SourceRecordId);
        var today = Today;
        var publicity = PublicityRules.Compute(record.Category, record.Severity, record.DecisionDate, record.Sector,
            record.ValidUntil ?? record.License?.ValidUntil, PublicityRuleSet.Shipped);
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
