using Npgsql;

namespace CreditMesh.Matching.Index;

/// <summary>
/// Matching's own copy of each subject's grade (公共信用综合评价, DESIGN §4.7), fed by the evaluation service's EvaluationChanged:
/// <c>subject_evaluations</c> the latest per subject (the start-up snapshot), <c>subject_evaluation_history</c> every change (asOf
/// replays), and rows of <c>index_changes</c> with a grade, which every replica tails into its <see cref="SubjectIndex"/> as it
/// does list changes. No call to the evaluation service on a match.
/// </summary>
public static class EvaluationSchema
{
    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists subject_evaluations (
                subject_code text primary key, grade text not null, score int not null, model_version text not null, source_version bigint not null);
            create table if not exists subject_evaluation_history (
                subject_code text not null, source_version bigint not null, grade text not null, score int not null, model_version text not null,
                changed_at timestamptz not null, primary key (subject_code, source_version));
            -- ALTER TABLE takes an exclusive lock even when the columns exist: only when they do not, so a replica starting while the
            -- list log is busy (or locked) is not held up here.
            do $$ begin
                if not exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = 'index_changes'
                               and column_name = 'model_version') then
                    alter table index_changes add column if not exists grade text, add column if not exists score int,
                        add column if not exists model_version text;
                end if;
            end $$;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
