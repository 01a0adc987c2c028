using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CreditMesh.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs through OpenTelemetry.Extensions.Hosting: ASP.NET Core, HttpClient, runtime and Npgsql
/// instrumentation, MassTransit's, Marten's and our own sources, exported over OTLP when "Otlp:Endpoint" is set.
/// Extra exporters (tests use in-memory ones) are added by registering an Action&lt;TracerProviderBuilder&gt;.
/// Every log line, span and exported log record passes ID-number redaction first (DESIGN §7).
/// </summary>
public static class Telemetry
{
    public static readonly string[] Sources = ["MassTransit", "Marten", "CreditMesh.*"];
    public static readonly string[] Meters = ["MassTransit", "Marten", "CreditMesh.*"];

    public static void AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        // Marten logs its DDL and every daemon page at Information: warnings and above are what an operator needs.
        foreach (var category in new[] { "Marten", "JasperFx", "Weasel" }) builder.Logging.AddFilter(category, LogLevel.Warning);
        builder.Services.AddSingleton<ILoggerProvider, Security.RedactingLoggerProvider>();
        builder.Services.AddSingleton<Security.ILogSink, Security.ConsoleLogSink>();

        var endpoint = builder.Configuration["Otlp:Endpoint"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql().AddSource(Sources)
                    .AddProcessor(new Security.RedactingActivityProcessor());
                if (endpoint is not null) tracing.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation()
                    .AddMeter(Meters);
                if (endpoint is not null) metrics.AddOtlpExporter((o, _) => o.Endpoint = new Uri(endpoint));
            });
        builder.Services.ConfigureOpenTelemetryTracerProvider((sp, tracing) =>
        {
            foreach (var configure in sp.GetServices<Action<TracerProviderBuilder>>()) configure(tracing);
        });
        if (endpoint is not null)
            telemetry.WithLogging(logging => logging.AddProcessor(new Security.RedactingLogRecordProcessor()).AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)),
                options => options.IncludeFormattedMessage = true);
    }
}
