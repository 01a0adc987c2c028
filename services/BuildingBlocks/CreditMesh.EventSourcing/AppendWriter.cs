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
        if (store.InlineProjections.Count > 0) await context.ExecuteAsync($"select pg_advisory_xact_lock_shared({EventStore.ProjectionLockKey})", ct);

        var existing = await LockExistingAsync(pending.Where(p => !p.IsNew).Select(p => p.StreamId).ToArray(), ct);
        var now = HashChain.TruncateToMicroseconds(store.Time.GetUtcNow());
        var metadataJson = EventSerializer.SerializeMetadata(metadata);
        var (rows, json, streamHeads) = Prepare(pending, existing, now, metadataJson);

        // One round trip: stream rows, event rows, the transaction id and the commit-time notification.
        await using var batch = new NpgsqlBatch(context.Connection, context.Transaction);
        var newStreams = streamHeads.Where(h => h.Stream.IsNew).ToList();
        if (newStreams.Count > 0) batch.BatchCommands.Add(InsertNewStreams(newStreams, now));
        var updated = streamHeads.Where(h => !h.Stream.IsNew).ToList();
        if (updated.Count > 0) batch.BatchCommands.Add(UpdateExistingStreams(updated, now));
        batch.BatchCommands.Add(InsertEvents(rows, json, metadataJson));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_current_xact_id()::text, pg_notify('{EventStoreSchema.NotifyChannel}', '')"));
        var stored = await ExecuteAsync(batch, rows, newStreams, ct);
        foreach (var projection in store.InlineProjections) await projection.ApplyAsync(context, stored, ct);
        return stored;
    }

    /// <summary>
    /// Checks each stream against its locked head, then serializes and hash-chains its events, keeping the
    /// order they were queued in.
    /// </summary>
    private (StoredEvent[] Rows, string[] Json, (PendingStream Stream, long Version, byte[] Hash)[] Heads) Prepare(
        IReadOnlyList<PendingStream> pending, Dictionary<string, (long Version, bool Archived, byte[] Hash)> existing,
        DateTimeOffset now, string metadataJson)
    {
        var offsets = new int[pending.Count];
        var total = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            var stream = pending[i];
            offsets[i] = total;
            total += stream.Events.Count;
            if (stream.IsNew) continue;
            if (!existing.TryGetValue(stream.StreamId, out var head)) throw new StreamNotFoundException(stream.StreamId);
            if (head.Archived) throw new StreamArchivedException(stream.StreamId);
            if (stream.ExpectedVersion is { } expected && expected != head.Version)
                throw new ConcurrencyException(stream.StreamId, expected, head.Version);
        }

        var rows = new StoredEvent[total];
        var json = new string[total];
        var heads = new (PendingStream, long, byte[])[pending.Count];
        var canonicalMetadata = CanonicalForm.Canonicalize(metadataJson);
        for (var i = 0; i < pending.Count; i++)
        {
            var stream = pending[i];
            var (version, hash) = stream.IsNew ? (0L, Array.Empty<byte>()) : (existing[stream.StreamId].Version, existing[stream.StreamId].Hash);
            for (var j = 0; j < stream.Events.Count; j++)
            {
                var data = stream.Events[j];
                var type = store.Serializer.NameOf(data.GetType());
                var n = offsets[i] + j;
                json[n] = store.Serializer.Serialize(data);
                var canonical = store.Serializer.WritesCanonically(data.GetType());
                hash = HashChain.Compute(hash, stream.StreamId, ++version, type, now, json[n], canonicalMetadata, canonical);
                rows[n] = new StoredEvent(0, Guid.CreateVersion7(now), stream.StreamId, version, type, data, metadata, now, 0, hash);
            }
            heads[i] = (stream, version, hash);
        }
        return (rows, json, heads);
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

    /// <summary>A stream id that exists already (or is created by a concurrent writer that commits first) breaks the primary key.</summary>
    private static NpgsqlBatchCommand InsertNewStreams(List<(PendingStream Stream, long Version, byte[] Hash)> heads, DateTimeOffset now)
    {
        heads.Sort((a, b) => string.CompareOrdinal(a.Stream.StreamId, b.Stream.StreamId));
        var command = new NpgsqlBatchCommand("""
            insert into streams (id, type, version, created_at, updated_at, last_hash)
            select u.id, u.type, u.version, $4, $4, u.hash from unnest($1::text[], $2::text[], $3::bigint[], $5::bytea[]) as u(id, type, version, hash)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Stream.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Stream.AggregateType!).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    private static NpgsqlBatchCommand UpdateExistingStreams(List<(PendingStream Stream, long Version, byte[] Hash)> heads, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand("""
            update streams s set version = u.version, last_hash = u.hash, updated_at = $4
            from unnest($1::text[], $2::bigint[], $3::bytea[]) as u(id, version, hash) where s.id = u.id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Stream.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = heads.Select(h => h.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        return command;
    }

    private static NpgsqlBatchCommand InsertEvents(StoredEvent[] rows, string[] json, string metadataJson)
    {
        var command = new NpgsqlBatchCommand("""
            insert into events (id, stream_id, version, type, data, metadata, created_at, hash)
            select u.id, u.stream_id, u.version, u.type, u.data, $6::jsonb, $7, u.hash
            from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $8::bytea[]) as u(id, stream_id, version, type, data, hash)
            returning seq
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.StreamId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = metadataJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = rows[0].CreatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    private async Task<IReadOnlyList<StoredEvent>> ExecuteAsync(NpgsqlBatch batch, StoredEvent[] rows,
        List<(PendingStream Stream, long Version, byte[] Hash)> newStreams, CancellationToken ct)
    {
        try
        {
            var seqs = new long[rows.Length];
            await using var reader = await batch.ExecuteReaderAsync(ct);
            // INSERT … SELECT FROM unnest keeps the arrays' order, so RETURNING rows line up with the input.
            for (var i = 0; await reader.ReadAsync(ct); i++) seqs[i] = reader.GetInt64(0);
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            var txId = ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
            var stored = new StoredEvent[rows.Length];
            for (var i = 0; i < rows.Length; i++) stored[i] = rows[i] with { Seq = seqs[i], TxId = txId };
            return stored;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "streams_pkey")
        {
            throw new StreamAlreadyExistsException(await FirstExistingAsync(newStreams.Select(h => h.Stream.StreamId).ToArray()));
        }
    }

    /// <summary>Which of the ids exists, asked outside the failed transaction.</summary>
    private async Task<string> FirstExistingAsync(string[] ids)
    {
        await using var command = store.DataSource.CreateCommand("select id from streams where id = any($1) order by id limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        return (string?)await command.ExecuteScalarAsync() ?? ids[0];
    }
}
