using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;
using Marten.Subscriptions;
using JasperFx.Events.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Core;

namespace CreditMesh.EventSourcing;

public static class EventStoreSetup
{
    /// <summary>
    /// Marten as the service's event store (DESIGN §3) on the "EventStore" section: string stream ids, Quick
    /// append with timestamps from the host's TimeProvider, correlation/causation/header metadata, our JSON,
    /// the hash chain, LISTEN/NOTIFY wake-ups, and the async daemon in HotCold mode so replicas share the work.
    /// Schema, the upgrade from the first store and read-model tables are set up at start (retrying while the
    /// database is not up), before the daemon or any consumer runs.
    /// </summary>
    public static EventStoreBuilder AddEventStore(this IHostApplicationBuilder host)
    {
        var services = host.Services;
        services.AddOptions<EventStoreOptions>().Bind(host.Configuration.GetSection(EventStoreOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => DataSource(sp.GetRequiredService<IOptions<EventStoreOptions>>().Value));
        var builder = new EventStoreBuilder(services);
        services.AddSingleton(builder);
        services.AddSingleton<EventStoreInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<EventStoreInitializer>());

        services.AddMarten(_ => { })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .AddAsyncDaemon(DaemonMode.HotCold);
        services.ConfigureMarten((sp, opts) => Configure(opts, sp, builder));
        services.AddHealthChecks().AddCheck<EventStoreHealthCheck>("event-store", tags: ["ready"]);
        services.AddSingleton<EventStoreHealthCheck>();
        services.AddExceptionHandler<Http.EventStoreProblemMapping>();
        return builder;
    }

    /// <summary>
    /// The service's data source. Statements it runs often are prepared on each connection (Npgsql auto-prepare) unless the
    /// connection string says otherwise: our set-based appends and upserts are large statements whose planning cost about a
    /// third of their execution in pg_stat_statements (docs/benchmarks.md, issue 16).
    /// </summary>
    internal static NpgsqlDataSource DataSource(EventStoreOptions settings)
    {
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = settings.ConnectionString }; // only the keys set
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            builder.ConnectionStringBuilder.MaxAutoPrepare = settings.PreparedStatements;
        return builder.Build();
    }

    private static void Configure(StoreOptions opts, IServiceProvider sp, EventStoreBuilder builder)
    {
        var settings = sp.GetRequiredService<IOptions<EventStoreOptions>>().Value;
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        opts.UseSystemTextJsonForSerialization(EventJson.Create(), EnumStorage.AsString, Casing.CamelCase);
        opts.Listeners.Add(new HashChainListener(sp.GetRequiredService<TimeProvider>(),
            [.. builder.Projections.Where(p => p.Lifecycle == ProjectionLifecycle.Inline).Select(p => (SqlProjection)sp.GetRequiredService(p.Type))]));
        opts.Events.StreamIdentity = StreamIdentity.AsString;
        opts.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        opts.Events.TimeProvider = sp.GetRequiredService<TimeProvider>();
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.UseListenNotifyForEventAppends = settings.NotifyOnAppend;
        foreach (var (type, name) in builder.EventTypes) opts.Events.MapEventType(type, name);
        opts.Projections.Errors.SkipApplyErrors = false; // a read model never silently misses an event; the shard pauses and restarts
        foreach (var (type, lifecycle) in builder.Projections)
        {
            var projection = (SqlProjection)sp.GetRequiredService(type);
            opts.Projections.Add(projection, lifecycle, projection.Name, async => async.BatchSize = settings.SubscriptionBatchSize);
        }
        foreach (var (type, configure) in builder.Subscriptions)
        {
            var subscription = (ISubscription)sp.GetRequiredService(type);
            opts.Events.Subscribe(subscription, s =>
            {
                s.Options.BatchSize = settings.SubscriptionBatchSize;
                // The daemon then reads only the rows of these types (its progress still moves past the others).
                if (subscription is IReadsSomeEventTypes some && builder.EventTypes.Any(e => !some.Reads(e.Type)))
                    foreach (var (stored, _) in builder.EventTypes.Where(e => some.Reads(e.Type))) s.IncludeType(stored);
                configure(s);
            });
        }
    }
}

/// <summary>Declares a service's event types, projections, subscriptions and read-model tables.</summary>
public sealed class EventStoreBuilder(IServiceCollection services)
{
    internal List<(Type Type, string Name)> EventTypes { get; } = [];
    internal List<(Type Type, ProjectionLifecycle Lifecycle)> Projections { get; } = [];
    internal List<(Type Type, Action<ISubscriptionOptions> Configure)> Subscriptions { get; } = [];
    internal List<Func<NpgsqlDataSource, CancellationToken, Task>> ReadModelSchemas { get; } = [];

    public IServiceCollection Services { get; } = services;

    /// <summary>An event type, stored under its kebab-case name (or the one given, to keep a renamed class's history).</summary>
    public EventStoreBuilder Event<T>(string? name = null)
    {
        EventTypes.Add((typeof(T), name ?? EventJson.TypeName(typeof(T))));
        return this;
    }

    /// <summary>A read model updated in the append transaction: for what the request path reads.</summary>
    public EventStoreBuilder InlineProjection<T>() where T : SqlProjection => Projection<T>(ProjectionLifecycle.Inline);

    /// <summary>A read model run by Marten's daemon behind the append path, resumable and rebuildable.</summary>
    public EventStoreBuilder AsyncProjection<T>() where T : SqlProjection => Projection<T>(ProjectionLifecycle.Async);

    /// <summary>Something that sees every committed event in order, from its own progress (e.g. the outbox relay).</summary>
    public EventStoreBuilder Subscription<T>(Action<ISubscriptionOptions>? configure = null) where T : class, ISubscription
    {
        Services.TryAddSingleton<T>();
        Subscriptions.Add((typeof(T), configure ?? (_ => { })));
        return this;
    }

    /// <summary>Creates a read model's tables at start-up, after Marten's schema (idempotent DDL).</summary>
    public EventStoreBuilder ReadModel(Func<NpgsqlDataSource, CancellationToken, Task> ensureCreated)
    {
        ReadModelSchemas.Add(ensureCreated);
        return this;
    }

    private EventStoreBuilder Projection<T>(ProjectionLifecycle lifecycle) where T : SqlProjection
    {
        Services.TryAddSingleton<T>();
        Projections.Add((typeof(T), lifecycle));
        return this;
    }
}
