using CreditMesh.EventSourcing;
using CreditMesh.Matching.Domain.Matches;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace CreditMesh.Matching.Projections;

/// <summary>
/// One row per match, written in the same transaction as its stream (inline): the statistics (per unit, list,
/// measure and period, DESIGN §4.4) and the feedback completion are counted from it.
/// </summary>
public sealed class MatchLogProjection : SqlProjection
{
    public override string Name => "match-log";
    public override IReadOnlyList<string> Tables => ["match_log"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var answered = events.Select(e => e.Data).OfType<MatchAnswered>().ToList();
        if (answered.Count > 0)
        {
            operations.QueueSql("""
                insert into match_log (match_id, at, unit, user_name, subject_code, matter_code, decision, hits, list_types, measure_codes, replay)
                select u.id, u.at, u.unit, u.usr, u.subject, u.matter, u.decision, u.hits, string_to_array(u.lists, ','), string_to_array(u.measures, ','), u.replay
                from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::boolean[])
                    as u(id, at, unit, usr, subject, matter, decision, hits, lists, measures, replay)
                on conflict do nothing
                """,
                answered.Select(a => a.MatchId).ToArray(), answered.Select(a => a.EvaluatedAt.UtcDateTime).ToArray(),
                answered.Select(a => a.Unit ?? "").ToArray(), answered.Select(a => a.User ?? "").ToArray(), answered.Select(a => a.SubjectCode).ToArray(),
                answered.Select(a => a.MatterCode).ToArray(), answered.Select(a => a.Decision).ToArray(), answered.Select(a => a.Hits.Count).ToArray(),
                answered.Select(a => string.Join(',', a.Hits.Select(h => h.ListType).Distinct())).ToArray(),
                answered.Select(a => string.Join(',', a.Hits.SelectMany(h => h.MeasureCodes).Distinct())).ToArray(),
                answered.Select(a => a.AsOf is not null).ToArray());
        }
        foreach (var feedback in events.Select(e => e.Data).OfType<FeedbackReported>())
            operations.QueueSql("update match_log set feedback_outcome = $2, feedback_at = $3, not_applied = $4 where match_id = $1",
                feedback.MatchId, feedback.Outcome, feedback.ReportedAt.UtcDateTime, feedback.NotApplied.Count);
        return Task.CompletedTask;
    }

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
