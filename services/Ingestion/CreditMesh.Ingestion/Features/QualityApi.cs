using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Ingestion.Projections;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Ingestion.Features;

/// <summary>GET /api/v1/quality?unit=&amp;from=&amp;to=: timeliness and error statistics per unit (DESIGN §4.2).</summary>
public static class QualityApi
{
    public sealed record UnitQuality(string Unit, int Accepted, int Rejected, int Late, int Corrected, double ErrorRate, double LateRate);
    public sealed record QualityResponse(DateOnly From, DateOnly To, IReadOnlyList<UnitQuality> Items);

    public static IEndpointRouteBuilder MapQualityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/quality", GetAsync).RequireRoles(Roles.CreditCenter, Roles.MemberUnit).WithTags("Quality");
        return app;
    }

    /// <summary>Days are China Standard Time, both ends included; a member unit sees its own unit only.</summary>
    private static async Task<Results<Ok<QualityResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(string? unit, DateOnly? from, DateOnly? to,
        HttpContext http, NpgsqlDataSource dataSource, RecordIntake intake, UnitCodes units, CancellationToken ct)
    {
        if (units.InvalidFilter(unit) is { } invalid) return invalid;
        var caller = Caller.From(http.User);
        if (caller.Role == Roles.MemberUnit)
        {
            if (unit is not null && unit != caller.Unit) return (ProblemHttpResult)AuthenticationSetup.ForbiddenObject("A member unit sees its own statistics only.");
            unit = caller.Unit;
        }
        var (start, end) = (from ?? intake.Today.AddDays(-30), to ?? intake.Today);
        if (end < start) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["to must not be before from."] });
        await using var command = dataSource.CreateCommand("""
            select unit, sum(accepted)::int, sum(rejected)::int, sum(late)::int, sum(corrected)::int from quality_daily
            where day between $1 and $2 and ($3::text is null or unit = $3) group by unit order by unit
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        command.Parameters.Add(new NpgsqlParameter { Value = end });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)unit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var items = new List<UnitQuality>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (accepted, rejected, late, corrected) = (reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4));
            var submitted = accepted + rejected;
            items.Add(new UnitQuality(reader.GetString(0), accepted, rejected, late, corrected,
                submitted == 0 ? 0 : Math.Round((double)rejected / submitted, 4), accepted == 0 ? 0 : Math.Round((double)late / accepted, 4)));
        }
        return TypedResults.Ok(new QualityResponse(start, end, items));
    }
}
