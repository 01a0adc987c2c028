using System.Text.Json;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Archive;
using Marten;
using NpgsqlTypes;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// Files integration events into the archive copy of their source streams, strictly in source-version order:
/// a repeat is dropped; an event ahead of its predecessor waits in archive_pending (a gap, refilled by
/// <see cref="GapRefiller"/> if the predecessor does not come by itself); when the missing version
/// arrives, it and everything waiting behind it are appended together.
/// A whole consumer batch is filed in one transaction (DESIGN §6 throughput): one set-based read per step
/// instead of one transaction per event; the order and gap rules are those of each source stream alone.
/// </summary>
public sealed class ArchiveWriter(IDocumentStore store, TimeProvider time)
{
    public Task RecordAsync(IIntegrationEvent message, string summary, CancellationToken ct) =>
        RecordAllAsync([(message, summary)], ct);

    public async Task RecordAllAsync(IReadOnlyList<(IIntegrationEvent Message, string Summary)> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return;
        var arrived = messages.Select(m => Archive(m.Message, m.Summary))
            .GroupBy(a => a.SourceStream, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(a => a.SourceVersion).ToDictionary(v => v.Key, v => v.First()), StringComparer.Ordinal);
        var sources = arrived.Keys.ToArray();

        await using var session = await store.OpenWriteSessionAsync(Metadata(messages), ct);
        // One writer per source stream; locks taken in one global order so two batches cannot deadlock.
        await session.ExecuteSqlAsync("select pg_advisory_xact_lock(h) from (select distinct hashtext(s) h from unnest($1::text[]) s order by 1) l", ct, (object)sources);
        var versions = await ArchivedVersionsAsync(session, sources, ct);
        var pending = await PendingAsync(session, sources, versions, ct);

        var waiting = new List<ArchivedEvent>();
        var caughtUp = new List<(string Stream, long UpTo)>();
        foreach (var (source, byVersion) in arrived)
        {
            var version = versions.GetValueOrDefault(source);
            var available = pending.GetValueOrDefault(source) ?? [];
            foreach (var (v, e) in byVersion) if (v > version) available.TryAdd(v, e);
            var next = new List<object>();
            for (var expected = version + 1; available.Remove(expected, out var e); expected++) next.Add(e);
            if (next.Count > 0)
            {
                session.AppendAt<ArchivedEvent>(ArchivedEvent.StreamId(source), version, [.. next]);
                caughtUp.Add((source, version + next.Count));
            }
            // What arrived now and still waits for a predecessor joins the waiting room.
            waiting.AddRange(byVersion.Values.Where(e => available.ContainsKey(e.SourceVersion)));
        }
        MoveOutOfWaiting(session, caughtUp);
        Wait(session, waiting);
        await session.CommitAsync(ct);
    }

    private static ArchivedEvent Archive(IIntegrationEvent message, string summary) =>
        new(message.SubjectCode, message.SourceStream, message.SourceVersion, message.EventId,
            message.GetType().Name, message.OccurredAt.ToUniversalTime(), message.Actor is { } a ? $"{a.Role}:{a.Unit}:{a.User}" : null, summary,
            JsonSerializer.Serialize(message, message.GetType(), EventJson.Options));

    /// <summary>A single event keeps its own trace metadata; a batch is caused by many, so it names none (each archived event carries its id and actor).</summary>
    private static EventMetadata Metadata(IReadOnlyList<(IIntegrationEvent Message, string Summary)> messages) =>
        messages.Count == 1 && messages[0].Message is var m
            ? new EventMetadata(m.CorrelationId, m.EventId.ToString(), m.Actor is { } actor ? new EventActor(actor.Unit, actor.User, actor.Role) : null)
            : new EventMetadata(CausationId: $"archive-batch:{messages.Count}");

    private static async Task<Dictionary<string, long>> ArchivedVersionsAsync(IDocumentSession session, string[] sources, CancellationToken ct) =>
        (await session.ReadSqlAsync("select substr(id, 9), version from mt_streams where id = any($1)", r => (r.GetString(0), r.GetInt64(1)), ct,
            (object)sources.Select(ArchivedEvent.StreamId).ToArray())).ToDictionary(v => v.Item1, v => v.Item2, StringComparer.Ordinal);

    /// <summary>The waiting events of these source streams that are not yet archived, by stream and version.</summary>
    private static async Task<Dictionary<string, Dictionary<long, ArchivedEvent>>> PendingAsync(IDocumentSession session, string[] sources,
        Dictionary<string, long> versions, CancellationToken ct)
    {
        var pending = new Dictionary<string, Dictionary<long, ArchivedEvent>>(StringComparer.Ordinal);
        var rows = await session.ReadSqlAsync("select source_stream, source_version, event::text from archive_pending where source_stream = any($1)",
            r => (Source: r.GetString(0), Version: r.GetInt64(1), Json: r.GetString(2)), ct, (object)sources);
        foreach (var (source, version, json) in rows)
        {
            if (version <= versions.GetValueOrDefault(source)) continue;
            if (!pending.TryGetValue(source, out var byVersion)) pending[source] = byVersion = [];
            byVersion[version] = JsonSerializer.Deserialize<ArchivedEvent>(json, EventJson.Options)!;
        }
        return pending;
    }

    private static void MoveOutOfWaiting(IDocumentSession session, List<(string Stream, long UpTo)> caughtUp)
    {
        if (caughtUp.Count == 0) return;
        session.QueueSql("""
            delete from archive_pending p using unnest($1::text[], $2::bigint[]) c(stream, up_to)
            where p.source_stream = c.stream and p.source_version <= c.up_to
            """, caughtUp.Select(c => c.Stream).ToArray(), caughtUp.Select(c => c.UpTo).ToArray());
    }

    private void Wait(IDocumentSession session, List<ArchivedEvent> waiting)
    {
        if (waiting.Count == 0) return;
        session.QueueSql("""
            insert into archive_pending (source_stream, source_version, event, received_at)
            select s, v, e, $4 from unnest($1::text[], $2::bigint[], $3::jsonb[]) w(s, v, e)
            on conflict do nothing
            """, waiting.Select(w => w.SourceStream).ToArray(), waiting.Select(w => w.SourceVersion).ToArray(),
            new SqlOperation.Typed(waiting.Select(w => JsonSerializer.Serialize(w, EventJson.Options)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb),
            time.GetUtcNow().ToUniversalTime());
    }
}
