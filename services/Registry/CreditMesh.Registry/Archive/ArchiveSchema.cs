using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Archive;
using Npgsql;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// The archive's tables (ADR 0019): archive_timeline holds every archived event once, by subject and time, with its chain
/// hash; archive_heads the newest version and hash of each source stream's copy; archive_pending what waits for a
/// predecessor. archive_seq (from a sequence) orders events filed at the same instant in the order they were archived.
/// A database written by an earlier release (ADR 0005: one Marten archive stream per source stream, the timeline beside
/// it) is carried over at start-up: each old copy's chain is verified, then its timeline rows are chained anew.
/// </summary>
public static class ArchiveSchema
{
    private const int MigrationBatch = 5_000;
    private const string CarryOver = "adr-0019-carry-over";

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using (var command = dataSource.CreateCommand("""
            create sequence if not exists archive_timeline_seq;
            create table if not exists archive_timeline (
                subject_code text not null, occurred_at timestamptz not null, source_stream text not null, source_version bigint not null,
                type text not null, actor text, summary text not null, payload jsonb not null, archive_seq bigint not null default nextval('archive_timeline_seq'),
                hash bytea,
                primary key (source_stream, source_version));
            alter table archive_timeline add column if not exists hash bytea;
            alter table archive_timeline alter column archive_seq set default nextval('archive_timeline_seq');
            select setval('archive_timeline_seq', greatest((select coalesce(max(archive_seq), 0) from archive_timeline), (select last_value from archive_timeline_seq)));
            create index if not exists archive_timeline_subject on archive_timeline (subject_code, occurred_at, archive_seq);
            create table if not exists archive_heads (source_stream text primary key, version bigint not null, hash bytea) with (fillfactor = 80);
            create table if not exists archive_migrations (name text primary key, done_at timestamptz not null);
            create table if not exists archive_pending (
                source_stream text not null, source_version bigint not null, event jsonb not null, received_at timestamptz not null,
                primary key (source_stream, source_version));
            """))
            await command.ExecuteNonQueryAsync(ct);
        await using (var done = dataSource.CreateCommand($"select exists (select 1 from archive_migrations where name = '{CarryOver}')"))
            if ((bool)(await done.ExecuteScalarAsync(ct))!) return;
        // Once, in source-stream order; each batch commits, so a start that stops half-way resumes where it was.
        for (var after = ""; await CarryOverAsync(dataSource, after, ct) is { } last; after = last) { }
        await using var mark = dataSource.CreateCommand($"insert into archive_migrations values ('{CarryOver}', now()) on conflict do nothing");
        await mark.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Chains the timeline rows of the next <see cref="MigrationBatch"/> source streams after <paramref name="after"/> (in
    /// order) that have no head yet; the last stream it looked at, or null when there are none left.
    /// </summary>
    private static async Task<string?> CarryOverAsync(NpgsqlDataSource dataSource, string after, CancellationToken ct)
    {
        var (streams, last) = (new List<string>(), (string?)null);
        await using (var command = dataSource.CreateCommand($"""
            select source_stream, exists (select 1 from archive_heads h where h.source_stream = t.source_stream)
            from (select distinct source_stream from archive_timeline where source_stream > $1 order by 1 limit {MigrationBatch}) t
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = after });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                last = reader.GetString(0);
                if (!reader.GetBoolean(1)) streams.Add(last);
            }
        }
        if (streams.Count == 0) return last;

        var legacy = await StreamHistory.VerifyAsync(dataSource, streams.Select(ArchivedEvent.LegacyStreamId).ToList(), ct);
        var links = await HistoryReader.LinksAsync(dataSource, streams, ct);
        var (hashed, heads) = (new List<(string Stream, long Version, byte[] Hash)>(), new List<(string Stream, long Version, byte[]? Hash)>());
        foreach (var (stream, check) in streams.Zip(legacy))
        {
            // What the old chain vouched for is chained anew; from its first broken version on, nothing is (verify then names it).
            var chain = links.GetValueOrDefault(stream) ?? [];
            var previous = Array.Empty<byte>();
            var trusted = 0L;
            foreach (var link in chain)
            {
                if (link.Event.SourceVersion != trusted + 1 || (check.FirstBrokenVersion is { } broken && link.Event.SourceVersion >= broken)) break;
                previous = ArchiveChain.Hash(previous, link.Event, payloadCanonical: false);
                hashed.Add((stream, link.Event.SourceVersion, previous));
                trusted = link.Event.SourceVersion;
            }
            heads.Add((stream, Math.Max(trusted, chain.Count), trusted == chain.Count ? previous : null));
        }
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            update archive_timeline t set hash = u.hash from unnest($1::text[], $2::bigint[], $3::bytea[]) u(stream, version, hash)
            where t.source_stream = u.stream and t.source_version = u.version
            """, hashed.Select(h => h.Stream).ToArray(), hashed.Select(h => h.Version).ToArray(), hashed.Select(h => h.Hash).ToArray()));
        batch.BatchCommands.Add(Command("""
            insert into archive_heads (source_stream, version, hash) select * from unnest($1::text[], $2::bigint[], $3::bytea[]) on conflict do nothing
            """, heads.Select(h => h.Stream).ToArray(), heads.Select(h => h.Version).ToArray(), heads.Select(h => h.Hash).ToArray()));
        await batch.ExecuteNonQueryAsync(ct);
        return last;
    }

    internal static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}
