using CreditMesh.EventSourcing;
using CreditMesh.Evaluation.Domain.Facts;
using CreditMesh.Evaluation.Domain.Model;
using CreditMesh.Evaluation.Domain.Scoring;
using CreditMesh.Identifiers;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace CreditMesh.Evaluation.Projections;

/// <summary>
/// evaluation_current: each subject's last published evaluation (score, grade, model version, caps, stream version) and region
/// (positions 3–8 of a credit code, 1–6 of an ID number: the administrative division), for the statistics and the grades of a
/// draw. Written in the transaction that appends the evaluation, so the write path reads it as the stream's state.
/// evaluation_subjects: each subject's kind, from its facts (the registry's registration, else what a record said), for the
/// statistics; a kind learned after the last evaluation changes no evaluation, so it is kept apart.
/// evaluation_reviews: when each subject's evaluation may next change without an event (a window or validity boundary, a new
/// model version), for <see cref="Features.ReviewJob"/>.
/// </summary>
public sealed class CurrentEvaluations : SqlProjection
{
    public override string Name => "evaluation-current";
    public override IReadOnlyList<string> Tables => ["evaluation_current", "evaluation_subjects"];

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists evaluation_current (
                subject_code text primary key, region text not null, score int not null, grade text not null,
                model_version text not null, caps text[] not null, version bigint not null, evaluated_at timestamptz not null);
            create index if not exists evaluation_current_region on evaluation_current (region);
            create table if not exists evaluation_subjects (subject_code text primary key, kind text not null, registered boolean not null);
            create table if not exists evaluation_reviews (subject_code text primary key, due_at timestamptz);
            create index if not exists evaluation_reviews_due on evaluation_reviews (due_at) where due_at is not null;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // One row per subject and statement (a rebuild hands many events of one subject at once): the latest version wins.
        var rows = events.Where(e => e.Data is SubjectEvaluated).Select(e => (Event: (SubjectEvaluated)e.Data, e.Version))
            .GroupBy(r => r.Event.SubjectCode, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.Version)).ToList();
        if (rows.Count > 0)
            operations.QueueSql("""
                insert into evaluation_current as c (subject_code, region, score, grade, model_version, caps, version, evaluated_at)
                select s, r, sc, g, m, string_to_array(cp, ','), v, at
                from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::timestamptz[]) as u(s, r, sc, g, m, cp, v, at)
                on conflict (subject_code) do update set score = excluded.score, grade = excluded.grade, model_version = excluded.model_version,
                    caps = excluded.caps, version = excluded.version, evaluated_at = excluded.evaluated_at
                where excluded.version > c.version
                """,
                rows.Select(r => r.Event.SubjectCode).ToArray(), rows.Select(r => RegionOf(r.Event.SubjectCode)).ToArray(), rows.Select(r => r.Event.Score).ToArray(),
                rows.Select(r => r.Event.Grade).ToArray(), rows.Select(r => r.Event.ModelVersion).ToArray(), rows.Select(r => string.Join(',', r.Event.Caps)).ToArray(),
                rows.Select(r => r.Version).ToArray(), rows.Select(r => r.Event.EvaluatedAt.ToUniversalTime()).ToArray());
        // The registry's word on a subject's kind stands; a record's only fills in a kind not known yet.
        var kinds = events.Select(e => e.Data switch
            {
                SubjectNoted n => new KindFact(n.SubjectCode, n.Kind, Registered: true),
                RecordNoted { SubjectKind: { } kind } r => new KindFact(r.SubjectCode, kind, Registered: false),
                _ => null,
            })
            .OfType<KindFact>()
            .GroupBy(k => k.SubjectCode, StringComparer.Ordinal).Select(g => g.LastOrDefault(k => k.Registered) ?? g.First())
            .ToList();
        if (kinds.Count > 0)
            operations.QueueSql("""
                insert into evaluation_subjects as s (subject_code, kind, registered)
                select * from unnest($1::text[], $2::text[], $3::boolean[])
                on conflict (subject_code) do update set kind = excluded.kind, registered = s.registered or excluded.registered
                where excluded.registered or not s.registered
                """, kinds.Select(k => k.SubjectCode).ToArray(), kinds.Select(k => k.Kind!).ToArray(), kinds.Select(k => k.Registered).ToArray());
        return Task.CompletedTask;
    }

    private sealed record KindFact(string SubjectCode, string Kind, bool Registered);

    /// <summary>
    /// The administrative division (行政区划代码) in a subject's code: positions 1–6 of a valid resident ID number, else positions
    /// 3–8 of a credit code (a credit code may be all digits too, so the shape alone does not tell them apart).
    /// </summary>
    public static string RegionOf(string subjectCode) =>
        subjectCode.Length != 18 ? "" : ResidentIdNumber.Validate(subjectCode).IsValid ? subjectCode[..6] : subjectCode.Substring(2, 6);

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
