using CreditMesh.Registry.Projections;
using CreditMesh.ServiceDefaults.AccessLog;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace CreditMesh.Registry.Features;

/// <summary>
/// GET /api/v1/subjects?name=: the public portal's name search (信用门户 "按名称查询"). Anonymous like
/// disclosures, and answers only what a business licence shows anyway: code, name, kind (ADR 0010).
/// </summary>
public static class SubjectSearchApi
{
    public const int MaxResults = 20;

    public sealed record SubjectMatch(string Code, string Name, string Kind, bool Deregistered);
    public sealed record SubjectSearchResponse(IReadOnlyList<SubjectMatch> Items);

    public static IEndpointRouteBuilder MapSubjectSearchApi(this IEndpointRouteBuilder app)
    {
        // Anonymous on purpose: the public finds a subject before reading its disclosures; the gateway rate-limits per address.
        app.MapGet("/api/v1/subjects", SearchAsync).AllowAnonymous().WithAccessLog("subject-search", "name").WithTags("Subjects");
        return app;
    }

    private static async Task<Results<Ok<SubjectSearchResponse>, ValidationProblem>> SearchAsync(string? name, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var text = name?.Trim() ?? "";
        // Two characters at least: one character would list half the registry to an anonymous caller.
        if (text.Length is < 2 or > 100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["name must be 2 to 100 characters of the subject's name."] });
        var found = await SubjectQueries.SearchAsync(dataSource, text, MaxResults, ct);
        return TypedResults.Ok(new SubjectSearchResponse(found.Select(f => new SubjectMatch(f.Code, f.Name, f.Kind, f.Deregistered)).ToList()));
    }
}
