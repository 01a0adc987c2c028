using CreditMesh.Contracts.Vocabulary;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Matching.Features;

/// <summary>
/// GET /api/v1/match/statistics?from=&amp;to=&amp;unit= (credit centre, auditors): matches, hits and feedback completion per
/// decision, list, measure and outcome for the period (DESIGN §4.4). Auditors' asOf replays are not approvals and are left out.
/// </summary>
public static class StatisticsApi
{
    public sealed record StatisticsResponse(DateTimeOffset? From, DateTimeOffset? To, string? Unit, long Matches, long MatchesWithHits, long Hits,
        long FeedbackReceived, long FeedbackPending, double FeedbackCompletion, IReadOnlyDictionary<string, long> ByDecision,
        IReadOnlyDictionary<string, long> ByList, IReadOnlyDictionary<string, long> ByMeasure, IReadOnlyDictionary<string, long> ByOutcome,
        IReadOnlyDictionary<string, long> ByUnit, IReadOnlyList<GroupStatistics> Units, IReadOnlyList<GroupStatistics> Lists);

    /// <summary>One asking unit's (or one list's) matches, those with hits, hits, and how many of those got feedback.</summary>
    public sealed record GroupStatistics(string Key, long Matches, long MatchesWithHits, long Hits, long FeedbackReceived, double FeedbackCompletion);

    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/match/statistics", GetAsync).RequireRoles(Roles.CreditCenter, Roles.Auditor).WithTags("Match");
        return app;
    }

    private static async Task<Results<Ok<StatisticsResponse>, ValidationProblem>> GetAsync(DateTimeOffset? from, DateTimeOffset? to, string? unit,
        NpgsqlDataSource dataSource, UnitCodes units, CancellationToken ct)
    {
        if (units.InvalidFilter(unit) is { } invalid) return invalid;
        if (from is not null && to is not null && from > to)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to must not be before from."] });
        const string Where = "where not replay and ($1::timestamptz is null or at >= $1) and ($2::timestamptz is null or at < $2) and ($3::text is null or unit = $3)";
        async Task<Dictionary<string, long>> Counts(string key) =>
            (await QueryAsync(dataSource, $"select k, count(*) from (select {key} as k from match_log {Where}) x where k is not null group by k order by k",
                from, to, unit, r => (r.GetString(0), r.GetInt64(1)), ct)).ToDictionary(x => x.Item1, x => x.Item2);
        var totals = (await QueryAsync(dataSource, $"""
            select count(*), count(*) filter (where hits > 0), coalesce(sum(hits), 0),
                   count(*) filter (where hits > 0 and feedback_outcome is not null), count(*) filter (where hits > 0 and feedback_outcome is null)
            from match_log {Where}
            """, from, to, unit, r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)), ct))[0];
        var completion = totals.Item2 == 0 ? 1.0 : (double)totals.Item4 / totals.Item2;
        async Task<List<GroupStatistics>> Groups(string from_, string key) => await QueryAsync(dataSource, $"""
            select {key}, count(*), count(*) filter (where hits > 0), coalesce(sum(hits), 0), count(*) filter (where hits > 0 and feedback_outcome is not null)
            from {from_} {Where} group by 1 order by 1
            """, from, to, unit, r => new GroupStatistics(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4),
                r.GetInt64(2) == 0 ? 1.0 : Math.Round((double)r.GetInt64(4) / r.GetInt64(2), 4)), ct);
        return TypedResults.Ok(new StatisticsResponse(from, to, unit, totals.Item1, totals.Item2, totals.Item3, totals.Item4, totals.Item5,
            Math.Round(completion, 4), await Counts("decision"), await Counts("unnest(list_types)"), await Counts("unnest(measure_codes)"),
            await Counts("feedback_outcome"), await Counts("unit"), await Groups("match_log", "unit"),
            await Groups("match_log cross join lateral unnest(list_types) as l(list_type)", "list_type")));
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlDataSource dataSource, string sql, DateTimeOffset? from, DateTimeOffset? to, string? unit,
        Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)unit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }
}
