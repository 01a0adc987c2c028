using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.EventSourcing;

/// <summary>
/// Writes one session's pending streams in its transaction: locks the existing streams (in id order,
/// so concurrent writers cannot deadlock), checks expected versions, chains hashes, inserts all rows
/// with one statement per table, runs inline projections and notifies subscribers on commit.
/// </summary>
internal sealed class AppendWriter(EventStore store, ProjectionContext context, EventMetadata metadata)
{
    public async Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<PendingStream> pending, CancellationToken ct)
    {
        if (pending.Count == 0) return [];
        if (store.InlineProjections.Count > 0) await ExecuteAsync($"select pg_advisory_xact_lock_shared({EventStore.ProjectionLockKey})", ct);

        var existing = await LockExistingAsync(pending.Where(p => !p.IsNew).Select(p => p.StreamId).ToArray(), ct);
        var now = HashChain.TruncateToMicroseconds(store.Time.GetUtcNow());
        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        var rows = new List<StoredEvent>();
        var json = new List<string>();
        var streamHeads = new List<(PendingStream Stream, long Version, byte[] Hash)>(pending.Count);

        foreach (var stream in pending)
        {
            var (version, hash) = (0L, Array.Empty<byte>());
            if (!stream.IsNew)
            {
                if (!existing.TryGetValue(stream.StreamId, out var head)) throw new StreamNotFoundException(stream.StreamId);
                if (head.Archived) throw new StreamArchivedException(stream.StreamId);
                if (stream.ExpectedVersion is { } expected && expected != head.Version)
                    throw new ConcurrencyException(stream.StreamId, expected, head.Version);
                (version, hash) = (head.Version, head.Hash);
            }
            foreach (var data in stream.Events)
            {
                version++;
                var type = store.Serializer.NameOf(data.GetType());
                json.Add(store.Serializer.Serialize(data));
                hash = HashChain.Compute(hash, stream.StreamId, version, type, now, json[^1], metadataJson);
                rows.Add(new StoredEvent(0, Guid.CreateVersion7(now), stream.StreamId, version, type, data, metadata, now, 0, hash));
            }
            streamHeads.Add((stream, version, hash));
        }

        await InsertNewStreamsAsync(streamHeads.Where(h => h.Stream.IsNew).ToList(), now, ct);
        await UpdateExistingStreamsAsync(streamHeads.Where(h => !h.Stream.IsNew).ToList(), now, ct);
        var stored = await InsertEventsAsync(rows, json, metadataJson, ct);
        foreach (var projection in store.InlineProjections) await projection.ApplyAsync(context, stored, ct);
        await ExecuteAsync($"select pg_notify('{EventStoreSchema.NotifyChannel}', '')", ct);
        return stored;
    }

    private async Task<Dictionary<string, (long Version, bool Archived, byte[] Hash)>> LockExistingAsync(string[] ids, CancellationToken ct)
    {
        var heads = new Dictionary<string, (long, bool, byte[])>(StringComparer.Ordinal);
        if (ids.Length == 0) return heads;
        await using var command = context.Command(
            "select id, version, archived, last_hash from streams where id = any($1) order by id for update");
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            heads[reader.GetString(0)] = (reader.GetInt64(1), reader.GetBoolean(2), reader.GetFieldValue<byte[]>(3));
        return heads;
    }

    private async Task InsertNewStreamsAsync(List<(PendingStream Stream, long Version, byte[] Hash)> heads, DateTimeOffset now, CancellationToken ct)
    {
        if (heads.Count == 0) return;
        heads.Sort((a, b) => string.CompareOrdinal(a.Stream.StreamId, b.Stream.StreamId));
        await using var command = context.Command("""
            insert into streams (id, type, version, created_at, updated_at, last_hash)
            select u.id, u.type, u.version, $4, $4, u.hash from unnest($1::text[], $2::text[], $3::bigint[], $5::bytea[]) as u(id, type, version, hash)
            on conflict (id) do nothing returning id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Stream.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Stream.AggregateType!).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
        var clash = heads.FirstOrDefault(h => !inserted.Contains(h.Stream.StreamId));
        if (clash.Stream is not null) throw new StreamAlreadyExistsException(clash.Stream.StreamId);
    }

    private async Task UpdateExistingStreamsAsync(List<(PendingStream Stream, long Version, byte[] Hash)> heads, DateTimeOffset now, CancellationToken ct)
    {
        if (heads.Count == 0) return;
        await using var command = context.Command("""
            update streams s set version = u.version, last_hash = u.hash, updated_at = $4
            from unnest($1::text[], $2::bigint[], $3::bytea[]) as u(id, version, hash) where s.id = u.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Stream.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<IReadOnlyList<StoredEvent>> InsertEventsAsync(List<StoredEvent> rows, List<string> json, string metadataJson, CancellationToken ct)
    {
        await using var command = context.Command("""
            insert into events (id, stream_id, version, type, data, metadata, created_at, hash)
            select u.id, u.stream_id, u.version, u.type, u.data, $6::jsonb, $7, u.hash
            from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $8::bytea[]) as u(id, stream_id, version, type, data, hash)
            returning seq, tx_id::text
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = json.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = metadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = rows[0].CreatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        var stored = new List<StoredEvent>(rows.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var i = 0;
        // INSERT … SELECT FROM unnest keeps the arrays' order, so RETURNING rows line up with the input.
        while (await reader.ReadAsync(ct))
            stored.Add(rows[i++] with { Seq = reader.GetInt64(0), TxId = ulong.Parse(reader.GetString(1), CultureInfo.InvariantCulture) });
        return stored;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = context.Command(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
