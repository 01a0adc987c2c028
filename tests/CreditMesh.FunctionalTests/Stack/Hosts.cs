using CreditMesh.ServiceDefaults.Security;
using CreditMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>A CreditMesh host (service or gateway) in-process, listening on a real loopback port.</summary>
public sealed class Host<TProgram>(IReadOnlyDictionary<string, string?> settings, LogCapture logs, SpanCapture spans,
    Action<IServiceCollection>? configure = null)
    : WebApplicationFactory<TProgram> where TProgram : class
{
    public string Address { get; } = $"http://127.0.0.1:{ProcessRunner.FreePort()}";

    public Host<TProgram> Start()
    {
        UseKestrel(new Uri(Address).Port);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        // Request lines (with their paths) are logged at Information: the redaction test needs them.
        builder.UseSetting("Logging:LogLevel:Default", "Information");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
        builder.UseSetting("Logging:LogLevel:Yarp", "Information");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILogSink>(logs);
            services.AddSingleton<Action<TracerProviderBuilder>>(tracing => tracing.AddInMemoryExporter(spans));
            configure?.Invoke(services);
        });
    }
}
