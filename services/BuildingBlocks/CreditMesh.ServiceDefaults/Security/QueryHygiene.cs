using CreditMesh.ServiceDefaults.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.ServiceDefaults.Security;

/// <summary>
/// The same text rule as JSON bodies (<see cref="InputText"/>) for query strings and route values: a NUL in ?name= or in
/// a path segment is a 400 naming the parameter, never a PostgreSQL error (22021/22P05) with the text in its log.
/// </summary>
public static class QueryHygiene
{
    public static IApplicationBuilder UseQueryHygiene(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var values = http.Request.Query.SelectMany(q => q.Value.Select(v => (Name: q.Key, Value: v)))
            .Concat(http.Request.RouteValues.Select(r => (Name: r.Key, Value: r.Value as string)));
        foreach (var (name, value) in values)
        {
            if (value is null || InputText.Refusal(value) is not { } refusal) continue;
            await Results.ValidationProblem(new Dictionary<string, string[]> { [name] = [refusal] }).ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
