using CreditMesh.Matching.Domain.Index;
using Npgsql;

namespace CreditMesh.Matching.Index;

/// <summary>The grade a subject had at a past instant, from matching's copy of the evaluation history (auditor replay, DESIGN §4.6).</summary>
public sealed class EvaluationHistory(NpgsqlDataSource dataSource)
{
    public async Task<SubjectGrade?> AtAsync(string subjectCode, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            select grade, score, model_version from subject_evaluation_history where subject_code = $1 and changed_at <= $2
            order by source_version desc limit 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = subjectCode });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new SubjectGrade(reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }
}
