using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CreditMesh.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs on the OpenTelemetry SDK itself (the hosting and instrumentation packages
/// are not obtainable here): providers subscribe to the built-in activity sources and meters of
/// ASP.NET Core, HttpClient, MassTransit and Npgsql plus our own, and export over OTLP when
/// "Otlp:Endpoint" is set. Extra exporters (tests use in-memory ones) are added by registering
/// an Action&lt;TracerProviderBuilder&gt;.
/// </summary>
public static class Telemetry
{
    public static readonly string[] Sources = ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql", "CreditMesh.*"];
    public static readonly string[] Meters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "MassTransit", "Npgsql", "CreditMesh.*"];

    public static void AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerProvider, Security.RedactingLoggerProvider>();
        builder.Services.AddSingleton<Security.ILogSink, Security.ConsoleLogSink>();

        var endpoint = builder.Configuration["Otlp:Endpoint"];
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);

        builder.Services.AddSingleton(sp =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(Sources)
                .AddProcessor(new Security.RedactingActivityProcessor());
            if (endpoint is not null) tracing.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            foreach (var configure in sp.GetServices<Action<TracerProviderBuilder>>()) configure(tracing);
            return tracing.Build();
        });
        builder.Services.AddSingleton(_ =>
        {
            var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(Meters);
            if (endpoint is not null) metrics.AddOtlpExporter((o, _) => o.Endpoint = new Uri(endpoint));
            return metrics.Build();
        });
        builder.Services.AddHostedService<TelemetryStarter>();

        if (endpoint is not null)
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.SetResourceBuilder(resource);
                logging.IncludeFormattedMessage = true;
                logging.AddProcessor(new Security.RedactingLogRecordProcessor());
                logging.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            });
    }

    /// <summary>Creates the providers when the host starts, so listening begins before the first request.</summary>
    private sealed class TelemetryStarter(TracerProvider tracer, MeterProvider meter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            tracer.ForceFlush(2000);
            meter.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
