using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain.Archive;
using Npgsql;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// archive_timeline: every archived event by subject and time, written in the archive's append
/// transaction, so a subject's history is one indexed range read. Rebuildable from the archive streams.
/// </summary>
public sealed class TimelineProjection : IProjection
{
    public string Name => "archive-timeline";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var archived = events.Where(e => e.Data is ArchivedEvent).ToList();
        if (archived.Count == 0) return;
        await using var command = context.Command("""
            insert into archive_timeline (subject_code, occurred_at, source_stream, source_version, type, actor, summary, payload, archive_seq)
            select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::bigint[])
            on conflict do nothing
            """);
        var rows = archived.Select(e => ((ArchivedEvent)e.Data, e.Seq)).ToList();
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.SubjectCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.OccurredAt).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.SourceStream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.SourceVersion).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.Actor).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.Summary).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Item1.Payload).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("truncate archive_timeline", ct);

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists archive_timeline (
                subject_code text not null, occurred_at timestamptz not null, source_stream text not null, source_version bigint not null,
                type text not null, actor text, summary text not null, payload jsonb not null, archive_seq bigint not null,
                primary key (source_stream, source_version));
            create index if not exists archive_timeline_subject on archive_timeline (subject_code, occurred_at, archive_seq);
            create table if not exists archive_pending (
                source_stream text not null, source_version bigint not null, event jsonb not null, received_at timestamptz not null,
                primary key (source_stream, source_version));
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
