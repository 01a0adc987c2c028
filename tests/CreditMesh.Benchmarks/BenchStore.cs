using CreditMesh.EventSourcing;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CreditMesh.Benchmarks;

/// <summary>A host with the event store wired as a service wires it (AddEventStore), for the store benchmarks.</summary>
public sealed class BenchStore(IHost host) : IAsyncDisposable
{
    public IDocumentStore Store => host.Services.GetRequiredService<IDocumentStore>();
    public NpgsqlDataSource DataSource => host.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<BenchStore> StartAsync(string connectionString, Action<EventStoreBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["EventStore:ConnectionString"] = connectionString + (Environment.GetEnvironmentVariable("CM_BENCH_CS") ?? "") });
        configure(builder.AddEventStore());
        var variant = Environment.GetEnvironmentVariable("CM_BENCH_VARIANT") ?? "";
        builder.Services.ConfigureMarten(opts =>
        {
            if (variant.Contains("nolistener")) opts.Listeners.Clear();
            if (variant.Contains("quick")) opts.Events.AppendMode = JasperFx.Events.EventAppendMode.Quick;
            if (variant.Contains("nonotify")) opts.Events.UseListenNotifyForEventAppends = false;
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchStore(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
