using CreditMesh.Contracts.Vocabulary;
using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CreditMesh.ServiceDefaults.AccessLog;

public static class AccessLogEndpoints
{
    /// <summary>Registers the access log of a service (its table lives in the service's own database).</summary>
    public static IHostApplicationBuilder AddAccessLog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessLogOptions>().Bind(builder.Configuration.GetSection(AccessLogOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AccessLogWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AccessLogWriter>());
        return builder;
    }

    /// <summary>
    /// Records every call of this endpoint (who, when, what, outcome) before the answer leaves.
    /// The target is the subject code or object id the call is about: a route value or query parameter.
    /// Calls refused before the endpoint runs (401, 403) are recorded by <see cref="UseAccessLog"/>.
    /// </summary>
    public static TBuilder WithAccessLog<TBuilder>(this TBuilder endpoint, string action, params string[] targetKeys)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new AccessLogged(action, targetKeys)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Items[typeof(AccessLogged)] = true;
            object? result;
            int status;
            try
            {
                result = await next(context);
                status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            }
            catch
            {
                await RecordAsync(http, action, targetKeys, StatusCodes.Status500InternalServerError);
                throw;
            }
            var entry = Entry(http, action, targetKeys, status);
            if (result is IJoinsAccessLog joins) joins.Join(entry); // written with the result's own commit
            else await http.RequestServices.GetRequiredService<AccessLogWriter>().RecordAsync(entry, CancellationToken.None);
            return result;
        });

    /// <summary>
    /// Records the calls to access-logged endpoints that were refused before reaching them (no token,
    /// wrong role): attempts are part of the record too. Goes between authentication and authorization.
    /// </summary>
    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        await next(http);
        if (http.GetEndpoint()?.Metadata.GetMetadata<AccessLogged>() is { } logged && !http.Items.ContainsKey(typeof(AccessLogged))
            && http.RequestServices.GetService<AccessLogWriter>() is not null)
            await RecordAsync(http, logged.Action, logged.TargetKeys, http.Response.StatusCode);
    });

    private sealed record AccessLogged(string Action, string[] TargetKeys);

    private static Task RecordAsync(HttpContext http, string action, string[] targetKeys, int status) =>
        http.RequestServices.GetRequiredService<AccessLogWriter>().RecordAsync(Entry(http, action, targetKeys, status), CancellationToken.None);

    private static AccessLogEntry Entry(HttpContext http, string action, string[] targetKeys, int status)
    {
        var caller = Caller.From(http.User);
        var target = targetKeys.Select(k => http.Request.RouteValues[k]?.ToString() ?? http.Request.Query[k].FirstOrDefault())
            .FirstOrDefault(v => !string.IsNullOrEmpty(v));
        // A refused call is recorded too, with what it sent: text PostgreSQL cannot store (NUL) would fail the whole batch.
        if (target is not null && Json.InputText.Refusal(target) is not null)
            target = new string([.. target.Take(Json.TextLimits.Identifier).Select(c => char.IsControl(c) ? '\uFFFD' : c)]);
        return new AccessLogEntry(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), action, target,
            caller.Role, caller.Unit, caller.Subject, caller.User, http.Request.Method, http.Request.Path + http.Request.QueryString,
            status, http.CorrelationId(), http.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>GET /api/v1/access-log/{service}: auditors read who accessed what, newest first.</summary>
    public static IEndpointRouteBuilder MapAccessLogApi(this IEndpointRouteBuilder app, string service)
    {
        app.MapGet($"/api/v1/access-log/{service}", QueryAsync)
            .RequireRoles(Roles.Auditor)
            .WithAccessLog("access-log-read", "unit", "action")
            .WithName($"{service}-access-log")
            .WithTags("Access log");
        return app;
    }

    private static async Task<Results<Ok<AccessLogPage>, ProblemHttpResult>> QueryAsync(NpgsqlDataSource dataSource,
        DateTimeOffset? from, DateTimeOffset? to, string? unit, string? action, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 1000)
            return TypedResults.Problem(statusCode: 400, title: "Invalid query", detail: "limit must be between 1 and 1000.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["limit"] = ["limit must be between 1 and 1000."] } });
        await using var command = dataSource.CreateCommand("""
            select at, action, target, role, unit, subject, user_id, method, path, status, correlation_id, client from access_log
            where ($1::timestamptz is null or at >= $1) and ($2::timestamptz is null or at < $2)
              and ($3::text is null or unit = $3) and ($4::text is null or action = $4)
            order by at desc, id desc limit $5
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)unit ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)action ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit ?? 100 });
        var items = new List<AccessLogEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new AccessLogEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), Text(reader, 2), Text(reader, 3),
                Text(reader, 4), Text(reader, 5), Text(reader, 6), reader.GetString(7), reader.GetString(8), reader.GetInt32(9),
                Text(reader, 10), Text(reader, 11)));
        return TypedResults.Ok(new AccessLogPage(items));
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public sealed record AccessLogPage(IReadOnlyList<AccessLogEntry> Items);
}
