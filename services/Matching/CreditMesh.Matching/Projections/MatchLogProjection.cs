using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain.Matches;
using Npgsql;

namespace CreditMesh.Matching.Projections;

/// <summary>
/// One row per match, written in the same transaction as its stream (inline): the statistics (per unit, list,
/// measure and period, DESIGN §4.4) and the feedback completion are counted from it.
/// </summary>
public sealed class MatchLogProjection : IProjection
{
    public string Name => "match-log";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        var answered = events.Select(e => e.Data).OfType<MatchAnswered>().ToList();
        if (answered.Count > 0)
        {
            await using var command = context.Command("""
                insert into match_log (match_id, at, unit, user_name, subject_code, matter_code, decision, hits, list_types, measure_codes, replay)
                select u.id, u.at, u.unit, u.usr, u.subject, u.matter, u.decision, u.hits, string_to_array(u.lists, ','), string_to_array(u.measures, ','), u.replay
                from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::boolean[])
                    as u(id, at, unit, usr, subject, matter, decision, hits, lists, measures, replay)
                on conflict do nothing
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.MatchId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.EvaluatedAt.UtcDateTime).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.Unit ?? "").ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.User ?? "").ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.SubjectCode).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.MatterCode).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.Decision).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.Hits.Count).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => string.Join(',', a.Hits.Select(h => h.ListType).Distinct())).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => string.Join(',', a.Hits.SelectMany(h => h.MeasureCodes).Distinct())).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = answered.Select(a => a.AsOf is not null).ToArray() });
            await command.ExecuteNonQueryAsync(ct);
        }
        foreach (var feedback in events.Select(e => e.Data).OfType<FeedbackReported>())
            await context.ExecuteAsync("update match_log set feedback_outcome = $2, feedback_at = $3, not_applied = $4 where match_id = $1", ct,
                feedback.MatchId, feedback.Outcome, feedback.ReportedAt.UtcDateTime, feedback.NotApplied.Count);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("truncate match_log", ct);

    public static async Task EnsureCreatedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            create table if not exists match_log (
                match_id text primary key, at timestamptz not null, unit text not null, user_name text not null, subject_code text not null,
                matter_code text not null, decision text not null, hits int not null, list_types text[] not null, measure_codes text[] not null,
                replay boolean not null, feedback_outcome text, feedback_at timestamptz, not_applied int);
            create index if not exists match_log_at on match_log (at);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }
}
