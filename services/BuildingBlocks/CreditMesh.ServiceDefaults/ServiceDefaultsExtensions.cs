using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using CreditMesh.ServiceDefaults.AccessLog;
using CreditMesh.ServiceDefaults.Json;
using CreditMesh.ServiceDefaults.Security;

namespace CreditMesh.ServiceDefaults;

/// <summary>What every CreditMesh host shares (eShop's ServiceDefaults): telemetry, health, problems, JSON, time, OpenAPI.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddTelemetry(serviceName);
        builder.AddCreditMeshAuth();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddApiJson();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"]);
        builder.Services.AddOpenApi(openApi => openApi.AddSchemaTransformer(TextSchemas.TransformAsync));
        return builder;
    }

    /// <summary>/health/live (the process answers), /health/ready (dependencies reachable, projections caught up), /openapi/v1.json.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCorrelationId();
        app.UseSecurityHeaders();
        app.UseLocationMasking();
        app.UseAuthentication();
        app.UseAccessLog();
        app.UseAuthorization();
        app.UseQueryHygiene();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapOpenApi();
        return app;
    }
}

internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
}
