using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>Stream operations of a session, named as Marten's IEventStoreOperations.</summary>
public interface IEventOperations
{
    string StartStream<TAggregate>(string streamId, params object[] events);
    string StartStream(string streamId, string aggregateType, params object[] events);
    void Append(string streamId, long expectedVersion, params object[] events);
    void Append(string streamId, params object[] events);
}

/// <summary>
/// A unit of work: every StartStream / Append queued on it, over any number of streams, commits
/// atomically in <see cref="SaveChangesAsync"/> together with the inline projections and any
/// inbox claim or custom write made through <see cref="GetContextAsync"/>.
/// </summary>
public sealed class EventSession(EventStore store, EventMetadata metadata) : IEventOperations, IAsyncDisposable
{
    private readonly List<PendingStream> _pending = [];
    private readonly Dictionary<string, PendingStream> _pendingById = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public IEventOperations Events => this;
    public EventMetadata Metadata { get; } = metadata;

    public string StartStream<TAggregate>(string streamId, params object[] events) =>
        StartStream(streamId, typeof(TAggregate).Name, events);

    public string StartStream(string streamId, string aggregateType, params object[] events)
    {
        if (events.Length == 0) throw new ArgumentException("A stream starts with at least one event.", nameof(events));
        if (_pendingById.ContainsKey(streamId)) throw new StreamAlreadyExistsException(streamId);
        Add(new PendingStream(streamId, aggregateType, IsNew: true, ExpectedVersion: 0, [.. events]));
        return streamId;
    }

    public void Append(string streamId, long expectedVersion, params object[] events) =>
        Queue(streamId, expectedVersion, events);

    public void Append(string streamId, params object[] events) => Queue(streamId, null, events);

    private void Queue(string streamId, long? expectedVersion, object[] events)
    {
        if (events.Length == 0) return;
        if (!_pendingById.TryGetValue(streamId, out var pending))
        {
            Add(new PendingStream(streamId, null, IsNew: false, expectedVersion, [.. events]));
            return;
        }
        if (expectedVersion is { } expected && pending.ExpectedVersion is { } queuedFrom && expected != queuedFrom + pending.Events.Count)
            throw new ConcurrencyException(streamId, expected, queuedFrom + pending.Events.Count);
        pending.Events.AddRange(events);
    }

    private void Add(PendingStream stream)
    {
        _pending.Add(stream);
        _pendingById.Add(stream.StreamId, stream);
    }

    /// <summary>The session's connection and transaction, opened on first use, for writes that must commit with the events.</summary>
    public async Task<ProjectionContext> GetContextAsync(CancellationToken ct = default)
    {
        if (_connection is null)
        {
            _connection = await store.DataSource.OpenConnectionAsync(ct);
            _transaction = await _connection.BeginTransactionAsync(ct);
        }
        return new ProjectionContext(_connection, _transaction!);
    }

    /// <summary>
    /// Claims a message for a consumer in this session's transaction (the inbox). False means it was
    /// already processed: the caller skips its effects. The claim commits or rolls back with the events.
    /// </summary>
    public async Task<bool> TryClaimInboxAsync(string consumer, Guid messageId, CancellationToken ct = default)
    {
        var context = await GetContextAsync(ct);
        await using var command = context.Command(
            "insert into inbox (consumer, message_id, processed_at) values ($1, $2, $3) on conflict do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        command.Parameters.Add(new NpgsqlParameter { Value = store.Time.GetUtcNow() });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Commits everything queued; returns the events as stored. Throws the store's typed errors.</summary>
    public async Task<IReadOnlyList<StoredEvent>> SaveChangesAsync(CancellationToken ct = default)
    {
        try
        {
            var stored = await FlushAsync(ct);
            await _transaction!.CommitAsync(ct);
            return stored;
        }
        finally
        {
            await DisposeConnectionAsync();
        }
    }

    /// <summary>
    /// Writes everything queued into the session's transaction without committing it, for callers that
    /// add their own writes before <see cref="SaveChangesAsync"/> commits the lot.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> FlushAsync(CancellationToken ct = default)
    {
        var context = await GetContextAsync(ct);
        try
        {
            var stored = await new AppendWriter(store, context, Metadata).WriteAsync(_pending, ct);
            _pending.Clear();
            _pendingById.Clear();
            return stored;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_stream_id_version_key")
        {
            // Safety net: the stream row lock makes this unreachable unless rows were written outside the store.
            var first = _pending[0];
            throw new ConcurrencyException(first.StreamId, first.ExpectedVersion ?? -1, -1);
        }
    }

    public ValueTask DisposeAsync() => DisposeConnectionAsync();

    private async ValueTask DisposeConnectionAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _transaction = null;
        _connection = null;
    }
}

internal sealed record PendingStream(string StreamId, string? AggregateType, bool IsNew, long? ExpectedVersion, List<object> Events);
