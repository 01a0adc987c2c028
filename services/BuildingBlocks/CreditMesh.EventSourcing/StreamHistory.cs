using System.Text.Json;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>One event of a stream as an auditor sees it: version, type, time, who, and its chain hash (DESIGN §4.6).</summary>
public sealed record HistoryEvent(long Version, string Type, DateTimeOffset At, EventMetadata Metadata, byte[] Hash, string DataJson)
{
    public string? Actor => Metadata.Actor?.ToString();
    public string HashHex => Convert.ToHexStringLower(Hash);
}

/// <summary>The outcome of re-checking one stream's hash chain.</summary>
public sealed record StreamVerification(string StreamId, bool Intact, long? FirstBrokenVersion, long EventsChecked);

/// <summary>
/// Reads a stream's events with their hashes straight from Marten's mt_events and cm_event_hashes (archived streams
/// included: they are kept for audit), and verifies the chain: each event's hash is recomputed from its stored
/// columns and the previous stored hash; the first event whose hash, row or version does not hold is named.
/// </summary>
public static class StreamHistory
{
    private const string Rows = """
        select coalesce(e.version, h.version), e.type, e.timestamp, e.data::text, e.correlation_id, e.causation_id, e.headers::text,
               h.hash, h.scheme, h.legacy_metadata
        from (select * from mt_events where stream_id = $1) e
        full join (select * from cm_event_hashes where stream_id = $1) h on h.version = e.version
        order by 1
        """;

    public static async Task<IReadOnlyList<HistoryEvent>> ReadAsync(NpgsqlDataSource dataSource, string streamId, CancellationToken ct)
    {
        var events = new List<HistoryEvent>();
        await foreach (var row in RowsAsync(dataSource, streamId, ct))
            if (row.Type is not null)
                events.Add(new HistoryEvent(row.Version, row.Type, row.At, Metadata(row), row.Hash ?? [], row.Data!));
        return events;
    }

    public static async Task<StreamVerification> VerifyAsync(NpgsqlDataSource dataSource, string streamId, CancellationToken ct)
    {
        var previous = Array.Empty<byte>();
        long expected = 1;
        await foreach (var row in RowsAsync(dataSource, streamId, ct))
        {
            if (row.Version != expected || row.Type is null || row.Hash is null || !row.Hash.AsSpan().SequenceEqual(Recompute(streamId, row, previous)))
                return new StreamVerification(streamId, false, Math.Min(row.Version, expected), expected - 1);
            previous = row.Hash;
            expected++;
        }
        await using var head = dataSource.CreateCommand("select version from mt_streams where id = $1");
        head.Parameters.Add(new NpgsqlParameter { Value = streamId });
        var version = await head.ExecuteScalarAsync(ct) as long?;
        // Events cut off the end of the stream leave mt_streams ahead of the chain.
        return version is { } v && v >= expected
            ? new StreamVerification(streamId, false, expected, expected - 1)
            : new StreamVerification(streamId, true, null, expected - 1);
    }

    private static byte[] Recompute(string streamId, Row row, byte[] previous)
    {
        var metadata = row.Scheme == 1 ? row.LegacyMetadata ?? "{}" : HashChain.MetadataJson(row.CorrelationId, row.CausationId, Headers(row.Headers));
        return HashChain.Compute(previous, streamId, row.Version, row.Type!, row.At, row.Data!, metadata);
    }

    private static EventMetadata Metadata(Row row)
    {
        var headers = Headers(row.Headers).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        string? Get(string key) => headers.GetValueOrDefault(key);
        var (unit, user, role) = (Get(EventMetadata.ActorUnit), Get(EventMetadata.ActorUser), Get(EventMetadata.ActorRole));
        return new EventMetadata(row.CorrelationId, row.CausationId,
            unit is null && user is null && role is null ? null : new EventActor(unit, user, role), Get(EventMetadata.ClientRequest), Get(EventMetadata.Trace));
    }

    private static IEnumerable<KeyValuePair<string, string?>> Headers(string? json)
    {
        if (json is null) return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind != JsonValueKind.Object
            ? []
            : document.RootElement.EnumerateObject()
                .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
                .ToList();
    }

    private sealed record Row(long Version, string? Type, DateTimeOffset At, string? Data, string? CorrelationId, string? CausationId, string? Headers,
        byte[]? Hash, short Scheme, string? LegacyMetadata);

    private static async IAsyncEnumerable<Row> RowsAsync(NpgsqlDataSource dataSource, string streamId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Rows);
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new Row(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? default : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7), reader.IsDBNull(8) ? (short)2 : reader.GetInt16(8), reader.IsDBNull(9) ? null : reader.GetString(9));
    }
}
