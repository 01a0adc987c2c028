using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using Npgsql;

namespace CreditMesh.Matching.Index;

/// <summary>
/// Stores grade changes in matching's tables, in the caller's transaction, under the index writers' lock (so the tailers see them
/// in commit order): every change in the history, the latest per subject (a stale or repeated version changes nothing), and a
/// log row per subject whose grade moved.
/// </summary>
public static class EvaluationWriter
{
    public static async Task WriteAsync(SessionConnection context, IReadOnlyList<EvaluationChanged> changes, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        await context.ExecuteAsync($"select pg_advisory_xact_lock({IndexSchema.WriterLock})", ct);
        var latest = changes.GroupBy(c => c.SubjectCode, StringComparer.Ordinal).Select(g => g.MaxBy(c => c.SourceVersion)!).ToList();
        await using var batch = new NpgsqlBatch(context.Connection);
        batch.BatchCommands.Add(Command("""
            insert into subject_evaluation_history (subject_code, source_version, grade, score, model_version, changed_at)
            select * from unnest($1::text[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::timestamptz[]) on conflict do nothing
            """, changes));
        batch.BatchCommands.Add(Command("""
            with newer as (
                insert into subject_evaluations as e (subject_code, source_version, grade, score, model_version)
                select s, v, g, sc, m from unnest($1::text[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::timestamptz[]) as u(s, v, g, sc, m, at)
                on conflict (subject_code) do update set grade = excluded.grade, score = excluded.score, model_version = excluded.model_version,
                    source_version = excluded.source_version
                where excluded.source_version > e.source_version
                returning subject_code, grade, score, model_version)
            insert into index_changes (subject_code, grade, score, model_version) select * from newer
            """, latest));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select pg_notify('{IndexSchema.Channel}', '')"));
        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, IReadOnlyList<EvaluationChanged> changes)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.SubjectCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.SourceVersion).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.Grade).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.Score).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.ModelVersion).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = changes.Select(c => c.OccurredAt.UtcDateTime).ToArray() });
        return command;
    }
}
