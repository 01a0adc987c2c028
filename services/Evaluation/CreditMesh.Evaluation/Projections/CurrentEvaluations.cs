using CreditMesh.EventSourcing;
using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Scoring;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Evaluation.Projections;

/// <summary>
/// evaluation_current: each subject's last published evaluation (score, grade, model version, caps, stream version), with its kind
/// and region (positions 3–8 of a credit code, 1–6 of an ID number: the administrative division) for the statistics and the
/// grades of a draw. Written in the transaction that appends the evaluation, so the write path reads it as the stream's state.
/// evaluation_reviews: when each subject's evaluation may next change without an event (a window or validity boundary, a new
/// model version), for <see cref="Features.ReviewJob"/>.
/// </summary>
public sealed class CurrentEvaluations : SqlProjection
{
    public override string Name => "evaluation-current";
    public override IReadOnlyList<string> Tables => ["evaluation_current"];

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists evaluation_current (
                subject_code text primary key, kind text, region text not null, score int not null, grade text not null,
                model_version text not null, caps text[] not null, version bigint not null, evaluated_at timestamptz not null);
            create index if not exists evaluation_current_grade on evaluation_current (grade, kind, region);
            create table if not exists evaluation_reviews (subject_code text primary key, due_at timestamptz);
            create index if not exists evaluation_reviews_due on evaluation_reviews (due_at) where due_at is not null;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var rows = events.Where(e => e.Data is SubjectEvaluated).Select(e => (Event: (SubjectEvaluated)e.Data, e.Version)).ToList();
        if (rows.Count == 0) return Task.CompletedTask;
        operations.QueueSql("""
            insert into evaluation_current as c (subject_code, kind, region, score, grade, model_version, caps, version, evaluated_at)
            select s, k, r, sc, g, m, string_to_array(cp, ','), v, at
            from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[])
                as u(s, k, r, sc, g, m, cp, v, at)
            on conflict (subject_code) do update set kind = coalesce(excluded.kind, c.kind), score = excluded.score, grade = excluded.grade,
                model_version = excluded.model_version, caps = excluded.caps, version = excluded.version, evaluated_at = excluded.evaluated_at
            where excluded.version > c.version
            """,
            rows.Select(r => r.Event.SubjectCode).ToArray(), new SqlOperation.Typed(rows.Select(r => r.Event.Kind).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
            rows.Select(r => RegionOf(r.Event.SubjectCode)).ToArray(), rows.Select(r => r.Event.Score).ToArray(), rows.Select(r => r.Event.Grade).ToArray(),
            rows.Select(r => r.Event.ModelVersion).ToArray(), rows.Select(r => string.Join(',', r.Event.Caps)).ToArray(), rows.Select(r => r.Version).ToArray(),
            rows.Select(r => r.Event.EvaluatedAt.ToUniversalTime()).ToArray());
        return Task.CompletedTask;
    }

    /// <summary>The administrative division (行政区划代码) in a subject's code: positions 3–8 of a credit code, 1–6 of an ID number.</summary>
    public static string RegionOf(string subjectCode) =>
        subjectCode.Length != 18 ? "" : subjectCode.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0 ? subjectCode[..6] : subjectCode.Substring(2, 6);

    /// <summary>The last published evaluation of each of these subjects, read on the write session (under its subject locks).</summary>
    public static async Task<Dictionary<string, PublishedEvaluation>> OfAsync(IQuerySession session, string[] subjects, CancellationToken ct) =>
        (await session.ReadSqlAsync("select subject_code, score, grade, model_version, caps, version from evaluation_current where subject_code = any($1)",
            r => new PublishedEvaluation(r.GetString(0), r.GetInt32(1), Enum.Parse<Grade>(r.GetString(2)), r.GetString(3), r.GetFieldValue<string[]>(4), r.GetInt64(5)),
            ct, (object)subjects)).ToDictionary(e => e.SubjectCode, StringComparer.Ordinal);

    /// <summary>Queues when each subject is due for review (null: nothing will change by itself).</summary>
    public static void QueueReviews(IDocumentOperations operations, IReadOnlyList<(string Subject, DateTimeOffset? Due)> reviews)
    {
        if (reviews.Count == 0) return;
        operations.QueueSql("""
            insert into evaluation_reviews (subject_code, due_at) select * from unnest($1::text[], $2::timestamptz[])
            on conflict (subject_code) do update set due_at = excluded.due_at
            """, reviews.Select(r => r.Subject).ToArray(),
            new SqlOperation.Typed(reviews.Select(r => r.Due?.UtcDateTime).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz));
    }
}
