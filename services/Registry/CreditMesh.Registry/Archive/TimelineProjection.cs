using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Archive;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// archive_timeline: every archived event by subject and time, written in the archive's append
/// transaction, so a subject's history is one indexed range read. Rebuildable from the archive streams.
/// archive_seq (from a sequence) orders events filed at the same instant in the order they were archived.
/// </summary>
public sealed class TimelineProjection : SqlProjection
{
    public override string Name => "archive-timeline";
    public override IReadOnlyList<string> Tables => ["archive_timeline"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var rows = events.Select(e => e.Data).OfType<ArchivedEvent>().ToList();
        if (rows.Count == 0) return Task.CompletedTask;
        operations.QueueSql("""
            insert into archive_timeline (subject_code, occurred_at, source_stream, source_version, type, actor, summary, payload)
            select r.subject_code, r.occurred_at, r.source_stream, r.source_version, r.type, r.actor, r.summary, r.payload
            from unnest($1::text[], $2::timestamptz[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) with ordinality
                as r(subject_code, occurred_at, source_stream, source_version, type, actor, summary, payload, position)
            order by r.position
            on conflict do nothing
            """,
            rows.Select(r => r.SubjectCode).ToArray(), rows.Select(r => r.OccurredAt.ToUniversalTime()).ToArray(), rows.Select(r => r.SourceStream).ToArray(),
            rows.Select(r => r.SourceVersion).ToArray(), rows.Select(r => r.Type).ToArray(),
            new SqlOperation.Typed(rows.Select(r => r.Actor).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text), rows.Select(r => r.Summary).ToArray(),
            new SqlOperation.Typed(rows.Select(r => r.Payload).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb));
        return Task.CompletedTask;
    }

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create sequence if not exists archive_timeline_seq;
            create table if not exists archive_timeline (
                subject_code text not null, occurred_at timestamptz not null, source_stream text not null, source_version bigint not null,
                type text not null, actor text, summary text not null, payload jsonb not null, archive_seq bigint not null default nextval('archive_timeline_seq'),
                primary key (source_stream, source_version));
            alter table archive_timeline alter column archive_seq set default nextval('archive_timeline_seq');
            select setval('archive_timeline_seq', greatest((select coalesce(max(archive_seq), 0) from archive_timeline), (select last_value from archive_timeline_seq)));
            create index if not exists archive_timeline_subject on archive_timeline (subject_code, occurred_at, archive_seq);
            create table if not exists archive_pending (
                source_stream text not null, source_version bigint not null, event jsonb not null, received_at timestamptz not null,
                primary key (source_stream, source_version));
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
