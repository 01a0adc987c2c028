using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.EventSourcing;

/// <summary>
/// The event store of one service (DESIGN §3), shaped like Marten's IDocumentStore / IEventStore:
/// sessions for writing, FetchStream / AggregateStream for reading (also as of a version or instant),
/// Archive, and Verify for the hash chain.
/// </summary>
public sealed class EventStore(
    NpgsqlDataSource dataSource,
    EventSerializer serializer,
    TimeProvider time,
    IEnumerable<IProjection>? inlineProjections = null)
{
    internal const long ProjectionLockKey = 0x43_4D_50_52; // "CMPR": appends (shared) vs. rebuilds (exclusive)

    public NpgsqlDataSource DataSource { get; } = dataSource;
    public EventSerializer Serializer { get; } = serializer;
    public TimeProvider Time { get; } = time;
    public IReadOnlyList<IProjection> InlineProjections { get; } = (inlineProjections ?? []).ToList();

    public EventSession OpenSession(EventMetadata? metadata = null)
    {
        metadata ??= EventMetadata.None;
        if (metadata.TraceParent is null && System.Diagnostics.Activity.Current is { } activity)
            metadata = metadata with { TraceParent = activity.Id };
        return new EventSession(this, metadata);
    }

    public Task InitializeAsync(CancellationToken ct = default) => EventStoreSchema.EnsureCreatedAsync(DataSource, ct);

    public async Task<StreamState?> FetchStreamStateAsync(string streamId, CancellationToken ct = default)
    {
        await using var command = DataSource.CreateCommand(
            "select id, type, version, created_at, updated_at, archived from streams where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new StreamState(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
            reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5));
    }

    /// <summary>A stream's events in version order, optionally only up to a version and/or an instant.</summary>
    public async Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(string streamId, long? version = null,
        DateTimeOffset? timestamp = null, CancellationToken ct = default)
    {
        var sql = EventReader.SelectColumns + " where e.stream_id = $1";
        await using var command = DataSource.CreateCommand();
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        if (version is { } v)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = v });
            sql += $" and e.version <= ${command.Parameters.Count}";
        }
        if (timestamp is { } ts)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ts.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            sql += $" and e.created_at <= ${command.Parameters.Count}";
        }
        command.CommandText = sql + " order by e.version";
        return await EventReader.ReadAllAsync(command, Serializer, ct);
    }

    /// <summary>Folds a stream into its aggregate; null when the stream has no events up to that point.</summary>
    public async Task<T?> AggregateStreamAsync<T>(string streamId, long? version = null,
        DateTimeOffset? timestamp = null, CancellationToken ct = default) where T : class, IAggregate<T>
    {
        var events = await FetchStreamAsync(streamId, version, timestamp, ct);
        if (events.Count == 0) return null;
        var state = T.Create(events[0].Data);
        for (var i = 1; i < events.Count; i++) state = state.Apply(events[i].Data);
        return state;
    }

    /// <summary>Closes a stream for writing. Its events stay for audit and verification but leave live projections.</summary>
    public async Task ArchiveStreamAsync(string streamId, CancellationToken ct = default)
    {
        await using var command = DataSource.CreateCommand(
            "update streams set archived = true, updated_at = $2 where id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = HashChain.TruncateToMicroseconds(Time.GetUtcNow()) });
        if (await command.ExecuteNonQueryAsync(ct) == 0) throw new StreamNotFoundException(streamId);
    }

    /// <summary>Recomputes a stream's hash chain and names the first event whose hash or version does not hold.</summary>
    public async Task<StreamVerification> VerifyStreamAsync(string streamId, CancellationToken ct = default)
    {
        await using var command = DataSource.CreateCommand(
            "select version, type, data::text, metadata::text, created_at, hash from events where stream_id = $1 order by version");
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var previous = Array.Empty<byte>();
        long expectedVersion = 1;
        while (await reader.ReadAsync(ct))
        {
            var version = reader.GetInt64(0);
            var computed = HashChain.Compute(previous, streamId, version, reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(2), reader.GetString(3));
            var stored = reader.GetFieldValue<byte[]>(5);
            if (version != expectedVersion || !computed.AsSpan().SequenceEqual(stored))
                return new StreamVerification(streamId, false, Math.Min(version, expectedVersion), expectedVersion - 1);
            previous = stored;
            expectedVersion++;
        }
        return new StreamVerification(streamId, true, null, expectedVersion - 1);
    }
}

/// <summary>The outcome of re-checking one stream's hash chain.</summary>
public sealed record StreamVerification(string StreamId, bool Intact, long? FirstBrokenVersion, long EventsChecked);
