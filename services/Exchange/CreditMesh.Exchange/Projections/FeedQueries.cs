using Npgsql;

namespace CreditMesh.Exchange.Projections;

/// <summary>A feed item as DESIGN §5.2 shapes it (plus the kind of its source).</summary>
public sealed record FeedItem(long Sequence, string Type, DateTimeOffset OccurredAt, string SubjectCode, string SourceKind, string SourceId,
    string? Reason, IReadOnlyDictionary<string, object?> Payload);

/// <summary>One exchange client's position.</summary>
public sealed record ClientPosition(string Unit, long Acknowledged, long Pending, DateTimeOffset AcknowledgedAt);

/// <summary>Reads of the feed, its head and the receipts.</summary>
public sealed class FeedQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The committed head: the feed's last sequence (items 1..head all exist, written in order).</summary>
    public async Task<long> HeadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select head from exchange_feed_head where id = 1");
        return (long)(await command.ExecuteScalarAsync(ct) ?? 0L);
    }

    /// <summary>
    /// Items after <paramref name="after"/>, in sequence order, up to <paramref name="limit"/>, and never beyond the head read first:
    /// the counter commits with the rows, so every sequence up to it is there (no gap, nothing skipped).
    /// </summary>
    public async Task<(List<FeedItem> Items, long Head)> PageAsync(long after, int limit, CancellationToken ct)
    {
        var head = await HeadAsync(ct);
        await using var command = dataSource.CreateCommand("""
            select sequence, type, occurred_at, subject_code, source_kind, source_id, reason, payload::text from exchange_feed
            where sequence > $1 and sequence <= $2 order by sequence limit $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = head });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var items = new List<FeedItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new FeedItem(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), JsonValues.Parse(reader.GetString(7))));
        return (items, head);
    }

    public async Task<List<ClientPosition>> ClientsAsync(long head, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select unit, acknowledged, acknowledged_at from exchange_receipts order by unit");
        var clients = new List<ClientPosition>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var acknowledged = reader.GetInt64(1);
            clients.Add(new ClientPosition(reader.GetString(0), acknowledged, Math.Max(0, head - acknowledged), reader.GetFieldValue<DateTimeOffset>(2)));
        }
        return clients;
    }
}
