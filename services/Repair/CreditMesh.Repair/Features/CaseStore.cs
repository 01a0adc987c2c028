using CreditMesh.Calendar;
using CreditMesh.EventSourcing;
using Marten;
using Npgsql;

namespace CreditMesh.Repair.Features;

/// <summary>
/// Repair cases and objections as event streams ("repair-{id}", "objection-{id}"), read and written through the
/// building blocks' one write path; this names the streams and ids and gives the day and instant decisions use.
/// </summary>
public sealed class CaseStore(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Deadlines and publicity periods are calendar days in China Standard Time.</summary>
    public DateOnly Today => ChinaTime.Today(time);

    public DateTimeOffset Now => time.GetUtcNow();

    public static string RepairStream(string repairId) => "repair-" + repairId;

    public static string ObjectionStream(string objectionId) => "objection-" + objectionId;

    /// <summary>Time-ordered ids, so the queue lists cases in the order they came in.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// The id of a case or objection a request creates. With an Idempotency-Key (DESIGN §5) it follows from the caller and the
    /// key, so a retried request names the same stream and finds it already there instead of opening a second one.
    /// </summary>
    public static string IdFor(HttpContext http) => EventSourcing.Http.RequestEvents.IdFor(http);

    public Task<(T? State, long Version)> LoadAsync<T>(string streamId, CancellationToken ct) where T : class, IAggregate<T> =>
        store.LoadAsync<T>(streamId, ct);

    /// <summary>Starts a case or objection stream; it must not exist yet (a repeated Idempotency-Key finds it there).</summary>
    public async Task StartAsync<T>(string streamId, IEnumerable<object> events, EventMetadata metadata, CancellationToken ct) where T : class
    {
        await using var session = await store.OpenWriteSessionAsync(metadata, ct);
        session.AppendAt<T>(streamId, 0, [.. events]);
        await session.CommitAsync(ct);
    }

    /// <summary>The one write path for a change to a case or objection (If-Match honoured when given).</summary>
    public Task<Written<T>> DecideAsync<T>(string streamId, Func<T?, Decision> decide, EventMetadata metadata, CancellationToken ct,
        long? expectedVersion) where T : class, IAggregate<T> =>
        store.DecideAsync(streamId, decide, metadata, ct, expectedVersion);

    public Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string streamId, CancellationToken ct) => StreamHistory.ReadAsync(dataSource, streamId, ct);
}
