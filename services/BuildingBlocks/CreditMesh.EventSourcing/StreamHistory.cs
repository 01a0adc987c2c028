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
               h.hash, h.scheme, h.legacy_metadata, coalesce(e.stream_id, h.stream_id)
        from (select * from mt_events where stream_id = any($1)) e
        full join (select * from cm_event_hashes where stream_id = any($1)) h on h.stream_id = e.stream_id and h.version = e.version
        order by 11, 1
        """;

    public static async Task<IReadOnlyList<HistoryEvent>> ReadAsync(NpgsqlDataSource dataSource, string streamId, CancellationToken ct)
    {
        var events = new List<HistoryEvent>();
        await foreach (var row in RowsAsync(dataSource, [streamId], ct))
            if (row.Type is not null)
                events.Add(new HistoryEvent(row.Version, row.Type, row.At, Metadata(row), row.Hash ?? [], row.Data!));
        return events;
    }

    public static async Task<StreamVerification> VerifyAsync(NpgsqlDataSource dataSource, string streamId, CancellationToken ct) =>
        (await VerifyAsync(dataSource, [streamId], ct))[0];

    /// <summary>Verifies many streams with two queries in all (a subject's archive holds thousands), in the order given.</summary>
    public static async Task<IReadOnlyList<StreamVerification>> VerifyAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> streamIds,
        CancellationToken ct)
    {
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var head = dataSource.CreateCommand("select id, version from mt_streams where id = any($1)"))
        {
            head.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
            await using var reader = await head.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) heads[reader.GetString(0)] = reader.GetInt64(1);
        }
        var checks = new Dictionary<string, StreamVerification>(StringComparer.Ordinal);
        var (current, previous, expected, broken) = ((string?)null, Array.Empty<byte>(), 1L, false);
        void Close()
        {
            if (current is null || broken) return;
            // Events cut off the end of the stream leave mt_streams ahead of the chain.
            checks[current] = heads.TryGetValue(current, out var v) && v >= expected
                ? new StreamVerification(current, false, expected, expected - 1)
                : new StreamVerification(current, true, null, expected - 1);
        }
        await foreach (var row in RowsAsync(dataSource, streamIds, ct))
        {
            if (row.StreamId != current)
            {
                Close();
                (current, previous, expected, broken) = (row.StreamId, [], 1, false);
            }
            if (broken) continue;
            if (row.Version != expected || row.Type is null || row.Hash is null || !row.Hash.AsSpan().SequenceEqual(Recompute(row.StreamId, row, previous)))
            {
                checks[row.StreamId] = new StreamVerification(row.StreamId, false, Math.Min(row.Version, expected), expected - 1);
                broken = true;
                continue;
            }
            previous = row.Hash;
            expected++;
        }
        Close();
        return streamIds.Select(id => checks.GetValueOrDefault(id)
            ?? (heads.GetValueOrDefault(id) > 0 ? new StreamVerification(id, false, 1, 0) : new StreamVerification(id, true, null, 0))).ToList();
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

    private sealed record Row(string StreamId, long Version, string? Type, DateTimeOffset At, string? Data, string? CorrelationId, string? CausationId, string? Headers,
        byte[]? Hash, short Scheme, string? LegacyMetadata);

    private static async IAsyncEnumerable<Row> RowsAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> streamIds,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Rows);
        command.Parameters.Add(new NpgsqlParameter { Value = streamIds.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new Row(reader.GetString(10), reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? default : reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7), reader.IsDBNull(8) ? (short)2 : reader.GetInt16(8), reader.IsDBNull(9) ? null : reader.GetString(9));
    }
}
