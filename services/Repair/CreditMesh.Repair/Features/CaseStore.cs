using CreditMesh.EventSourcing;

namespace CreditMesh.Repair.Features;

/// <summary>Reads and writes repair cases and objections as event streams ("repair-{id}", "objection-{id}").</summary>
public sealed class CaseStore(EventStore store, TimeProvider time)
{
    /// <summary>Deadlines and publicity periods are calendar days in China Standard Time.</summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaStandardTime).DateTime);

    public DateTimeOffset Now => time.GetUtcNow();

    public static string RepairStream(string repairId) => "repair-" + repairId;

    public static string ObjectionStream(string objectionId) => "objection-" + objectionId;

    /// <summary>Time-ordered ids, so the queue lists cases in the order they came in.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// The id of a case or objection a request creates. With an Idempotency-Key (DESIGN §5) it follows from the caller and the
    /// key, so a retried request names the same stream and finds it already there instead of opening a second one.
    /// </summary>
    public static string IdFor(HttpContext http)
    {
        if (http.Request.Headers["Idempotency-Key"].FirstOrDefault() is not { Length: > 0 } key) return NewId();
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{ServiceDefaults.Security.Caller.From(http.User)}\n{key}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    public async Task<(T? State, long Version)> LoadAsync<T>(string streamId, CancellationToken ct) where T : class, IAggregate<T>
    {
        var events = await store.FetchStreamAsync(streamId, ct: ct);
        if (events.Count == 0) return (null, 0);
        var state = T.Create(events[0].Data);
        for (var i = 1; i < events.Count; i++) state = state.Apply(events[i].Data);
        return (state, events[^1].Version);
    }

    public async Task StartAsync<T>(string streamId, IEnumerable<object> events, EventMetadata metadata, CancellationToken ct) where T : class, IAggregate<T>
    {
        await using var session = store.OpenSession(metadata);
        session.Events.StartStream<T>(streamId, [.. events]);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Appends at the version the change was decided on: a concurrent change is a ConcurrencyException (409).</summary>
    public async Task AppendAsync(string streamId, long expectedVersion, object change, EventMetadata metadata, CancellationToken ct)
    {
        await using var session = store.OpenSession(metadata);
        session.Events.Append(streamId, expectedVersion, change);
        await session.SaveChangesAsync(ct);
    }

    public Task<IReadOnlyList<StoredEvent>> HistoryAsync(string streamId, CancellationToken ct) => store.FetchStreamAsync(streamId, ct: ct);
}
