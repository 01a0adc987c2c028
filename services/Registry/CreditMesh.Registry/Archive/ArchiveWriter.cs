using System.Collections.Concurrent;
using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Archive;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// Files integration events into the archive copy of their source streams, strictly in source-version order:
/// a repeat is dropped; an event ahead of its predecessor waits in archive_pending (a gap, refilled by
/// <see cref="GapRefiller"/> if the predecessor does not come by itself); when the missing version
/// arrives, it and everything waiting behind it are archived together.
/// An archived event is one timeline row carrying its chain hash, and its stream's head moves (ADR 0019); a whole
/// consumer batch is filed in one transaction of two round trips (DESIGN §6 throughput).
/// </summary>
public sealed class ArchiveWriter(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly ConcurrentDictionary<Type, bool> Canonical = new();

    private readonly record struct Arrived(ArchivedEvent Event, bool PayloadCanonical);

    public Task RecordAsync(IIntegrationEvent message, string summary, CancellationToken ct) =>
        RecordAllAsync([(message, summary)], ct);

    public async Task RecordAllAsync(IReadOnlyList<(IIntegrationEvent Message, string Summary)> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return;
        var arrived = messages.Select(m => Archive(m.Message, m.Summary))
            .GroupBy(a => a.Event.SourceStream, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(a => a.Event.SourceVersion).ToDictionary(v => v.Key, v => v.First()), StringComparer.Ordinal);
        var sources = arrived.Keys.ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var (heads, pending) = await ReadAsync(connection, sources, ct);

        var filed = new List<(ArchivedEvent Event, byte[] Hash)>();
        var moved = new List<ArchiveHead>();
        var waiting = new List<ArchivedEvent>();
        foreach (var (source, byVersion) in arrived)
        {
            var head = heads.GetValueOrDefault(source) ?? new ArchiveHead(source, 0, []);
            var available = pending.GetValueOrDefault(source) ?? [];
            foreach (var (v, e) in byVersion) if (v > head.Version) available.TryAdd(v, e);
            var (version, hash) = (head.Version, head.Hash ?? []);
            for (; available.Remove(version + 1, out var next); version++)
            {
                hash = ArchiveChain.Hash(hash, next.Event, next.PayloadCanonical);
                filed.Add((next.Event, hash));
            }
            if (version > head.Version) moved.Add(new ArchiveHead(source, version, hash));
            // What arrived now and still waits for a predecessor joins the waiting room.
            waiting.AddRange(byVersion.Values.Where(e => available.ContainsKey(e.Event.SourceVersion)).Select(e => e.Event));
        }
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (filed.Count > 0)
        {
            batch.BatchCommands.Add(File(filed));
            batch.BatchCommands.Add(Move(moved));
            batch.BatchCommands.Add(ArchiveSchema.Command("""
                delete from archive_pending p using unnest($1::text[], $2::bigint[]) c(stream, up_to)
                where p.source_stream = c.stream and p.source_version <= c.up_to
                """, moved.Select(c => c.SourceStream).ToArray(), moved.Select(c => c.Version).ToArray()));
        }
        if (waiting.Count > 0) batch.BatchCommands.Add(Wait(waiting));
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static Arrived Archive(IIntegrationEvent message, string summary) =>
        new(new ArchivedEvent(message.SubjectCode, message.SourceStream, message.SourceVersion, message.GetType().Name,
                HashChain.TruncateToMicroseconds(message.OccurredAt), message.Actor is { } a ? $"{a.Role}:{a.Unit}:{a.User}" : null, summary,
                JsonSerializer.Serialize(message, message.GetType(), EventJson.Options)),
            Canonical.GetOrAdd(message.GetType(), CanonicalForm.IsWrittenCanonically));

    /// <summary>
    /// One writer per source stream (locks taken in one global order, so two batches cannot deadlock), then the heads of
    /// these streams and what waits for them: one round trip.
    /// </summary>
    private static async Task<(Dictionary<string, ArchiveHead>, Dictionary<string, Dictionary<long, Arrived>>)> ReadAsync(NpgsqlConnection connection,
        string[] sources, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                ArchiveSchema.Command("select pg_advisory_xact_lock(h) from (select distinct hashtext(s) h from unnest($1::text[]) s order by 1) l", (object)sources),
                ArchiveSchema.Command("select source_stream, version, hash from archive_heads where source_stream = any($1)", (object)sources),
                ArchiveSchema.Command("select source_stream, source_version, event::text from archive_pending where source_stream = any($1)", (object)sources),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var heads = new Dictionary<string, ArchiveHead>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
            heads[reader.GetString(0)] = new ArchiveHead(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2));
        await reader.NextResultAsync(ct);
        var pending = new Dictionary<string, Dictionary<long, Arrived>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var (source, version) = (reader.GetString(0), reader.GetInt64(1));
            if (version <= (heads.GetValueOrDefault(source)?.Version ?? 0)) continue;
            if (!pending.TryGetValue(source, out var byVersion)) pending[source] = byVersion = [];
            // A waiting payload's type is not known here, so its hash canonicalizes it (the result is the same).
            byVersion[version] = new Arrived(JsonSerializer.Deserialize<ArchivedEvent>(reader.GetString(2), EventJson.Options)!, PayloadCanonical: false);
        }
        return (heads, pending);
    }

    private static NpgsqlBatchCommand File(List<(ArchivedEvent Event, byte[] Hash)> filed)
    {
        var rows = filed.Select(f => f.Event).ToList();
        return ArchiveSchema.Command("""
            insert into archive_timeline (subject_code, occurred_at, source_stream, source_version, type, actor, summary, payload, hash)
            select r.subject_code, r.occurred_at, r.source_stream, r.source_version, r.type, r.actor, r.summary, r.payload, r.hash
            from unnest($1::text[], $2::timestamptz[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::bytea[]) with ordinality
                as r(subject_code, occurred_at, source_stream, source_version, type, actor, summary, payload, hash, position)
            order by r.position
            on conflict do nothing
            """,
            rows.Select(r => r.SubjectCode).ToArray(), rows.Select(r => r.OccurredAt.ToUniversalTime()).ToArray(), rows.Select(r => r.SourceStream).ToArray(),
            rows.Select(r => r.SourceVersion).ToArray(), rows.Select(r => r.Type).ToArray(),
            new NpgsqlParameter { Value = rows.Select(r => r.Actor).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            rows.Select(r => r.Summary).ToArray(),
            new NpgsqlParameter { Value = rows.Select(r => r.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
            filed.Select(f => f.Hash).ToArray());
    }

    private static NpgsqlBatchCommand Move(List<ArchiveHead> moved) => ArchiveSchema.Command("""
        insert into archive_heads (source_stream, version, hash) select * from unnest($1::text[], $2::bigint[], $3::bytea[])
        on conflict (source_stream) do update set version = excluded.version, hash = excluded.hash
        """, moved.Select(m => m.SourceStream).ToArray(), moved.Select(m => m.Version).ToArray(), moved.Select(m => m.Hash).ToArray());

    private NpgsqlBatchCommand Wait(List<ArchivedEvent> waiting) => ArchiveSchema.Command("""
        insert into archive_pending (source_stream, source_version, event, received_at)
        select s, v, e, $4 from unnest($1::text[], $2::bigint[], $3::jsonb[]) w(s, v, e)
        on conflict do nothing
        """, waiting.Select(w => w.SourceStream).ToArray(), waiting.Select(w => w.SourceVersion).ToArray(),
        new NpgsqlParameter { Value = waiting.Select(w => JsonSerializer.Serialize(w, EventJson.Options)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
        time.GetUtcNow().ToUniversalTime());
}
