using System.Text.Json;
using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Domain.Sharing;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Exchange.Projections;

/// <summary>An item as stored, with the version its exchange stream is at (the expected version of its next append).</summary>
public sealed record StoredItem(SharedItem Item, long StreamVersion);

/// <summary>
/// Exchange's local projection of other services' records and entries (table exchange_items, one JSON state per item) and the
/// subject names it has seen (exchange_subject_names), read and written on the ledger's connection, inside its transaction.
/// </summary>
public static class ItemStore
{
    public static async Task<Dictionary<(ItemKind, string), StoredItem>> LoadAsync(SessionConnection db, IReadOnlyCollection<(ItemKind Kind, string Id)> keys,
        CancellationToken ct)
    {
        var found = new Dictionary<(ItemKind, string), StoredItem>();
        if (keys.Count == 0) return found;
        await using var command = db.Command("""
            select i.state::text, i.stream_version from exchange_items i
            join unnest($1::text[], $2::text[]) k(kind, source_id) on i.kind = k.kind and i.source_id = k.source_id
            """, keys.Select(k => k.Kind.ToString()).ToArray(), keys.Select(k => k.Id).ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var item = JsonSerializer.Deserialize<SharedItem>(reader.GetString(0), EventJson.Options)!;
            found[(item.Kind, item.SourceId)] = new StoredItem(item, reader.GetInt64(1));
        }
        return found;
    }

    /// <summary>Shared items whose window has closed by <paramref name="now"/>, the earliest first.</summary>
    public static async Task<List<StoredItem>> DueAsync(SessionConnection db, DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var command = db.Command("""
            select state::text, stream_version from exchange_items where shared_until <= $1 order by shared_until, kind, source_id limit $2
            """, now.ToUniversalTime(), limit);
        var due = new List<StoredItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            due.Add(new StoredItem(JsonSerializer.Deserialize<SharedItem>(reader.GetString(0), EventJson.Options)!, reader.GetInt64(1)));
        return due;
    }

    public static async Task<bool> AnyDueAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("select exists (select 1 from exchange_items where shared_until <= $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task SaveAsync(SessionConnection db, IReadOnlyCollection<StoredItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        await using var command = db.Command("""
            insert into exchange_items (kind, source_id, subject_code, state, stream_version, shared_until)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::bigint[], $6::timestamptz[])
            on conflict (kind, source_id) do update set state = excluded.state, stream_version = excluded.stream_version,
                shared_until = excluded.shared_until
            """, items.Select(i => i.Item.Kind.ToString()).ToArray(), items.Select(i => i.Item.SourceId).ToArray(),
            items.Select(i => i.Item.SubjectCode).ToArray(),
            new SqlOperation.Typed(items.Select(i => JsonSerializer.Serialize(i.Item, EventJson.Options)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb),
            items.Select(i => i.StreamVersion).ToArray(),
            new SqlOperation.Typed(items.Select(i => (object?)i.Item.SharedUntil?.ToUniversalTime() ?? DBNull.Value).ToArray(),
                NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task RememberNamesAsync(SessionConnection db, IReadOnlyCollection<(string Code, string Name)> names, CancellationToken ct)
    {
        if (names.Count == 0) return;
        var distinct = names.DistinctBy(n => n.Code).ToList();
        await db.ExecuteAsync("""
            insert into exchange_subject_names (subject_code, name) select * from unnest($1::text[], $2::text[])
            on conflict (subject_code) do update set name = excluded.name
            """, ct, distinct.Select(n => n.Code).ToArray(), distinct.Select(n => n.Name).ToArray());
    }

    public static async Task<Dictionary<string, string>> NamesAsync(SessionConnection db, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (codes.Count == 0) return names;
        await using var command = db.Command("select subject_code, name from exchange_subject_names where subject_code = any($1)", (object)codes.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names[reader.GetString(0)] = reader.GetString(1);
        return names;
    }
}
