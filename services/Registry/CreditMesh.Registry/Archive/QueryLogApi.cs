using System.Text.Json;
using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Identifiers;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Registry.Archive;

/// <summary>
/// GET /api/v1/subjects/{code}/queries?from=&amp;to= (查询记录, DESIGN §4.9): who matched this subject — unit, matter, decision, time —
/// from the MatchPerformed events in its credit archive. For the subject itself and auditors; newest first, at most 1,000.
/// </summary>
public static class QueryLogApi
{
    public const int MaxItems = 1000;

    public sealed record QueryItem(DateTimeOffset At, string? Unit, string MatterCode, string Decision, string? MatchId);
    public sealed record QueryLog(IReadOnlyList<QueryItem> Items);

    public static IEndpointRouteBuilder MapQueryLogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/subjects/{code}/queries", ListAsync).RequireRoles(Roles.Subject, Roles.Auditor)
            .WithAccessLog("subject-queries", "code").WithTags("History");
        return app;
    }

    private static async Task<Results<Ok<QueryLog>, ValidationProblem, ProblemHttpResult>> ListAsync(string code, DateTimeOffset? from, DateTimeOffset? to,
        HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var check = SubjectCode.ValidateAnyKind(code);
        if (!check.IsValid) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [check.Error!] });
        if (from > to) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from must not be after to."] });
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.Subject && !caller.IsSubjectItself(check.Normalized))
            return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A subject sees who queried it, not who queried others.");
        await using var command = dataSource.CreateCommand($"""
            select occurred_at, payload::text from archive_timeline
            where subject_code = $1 and type = 'MatchPerformed' and occurred_at >= $2 and occurred_at <= $3
            order by occurred_at desc, archive_seq desc limit {MaxItems}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = check.Normalized });
        command.Parameters.Add(new NpgsqlParameter { Value = (from ?? DateTimeOffset.MinValue).ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (to ?? DateTimeOffset.MaxValue).ToUniversalTime() });
        var items = new List<QueryItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            using var payload = JsonDocument.Parse(reader.GetString(1));
            var p = payload.RootElement;
            // The asking approval system is the event's actor; an auditor's re-run names its role instead of a unit.
            var actor = p.TryGetProperty("actor", out var a) ? a : default;
            var unit = actor.ValueKind == JsonValueKind.Object
                ? (actor.TryGetProperty("unit", out var u) ? u.GetString() : null) ?? (actor.TryGetProperty("role", out var r) ? r.GetString() : null)
                : null;
            items.Add(new QueryItem(reader.GetFieldValue<DateTimeOffset>(0), unit, p.GetProperty("matterCode").GetString()!,
                p.GetProperty("decision").GetString()!, p.TryGetProperty("matchId", out var m) ? m.GetString() : null));
        }
        return TypedResults.Ok(new QueryLog(items));
    }
}
