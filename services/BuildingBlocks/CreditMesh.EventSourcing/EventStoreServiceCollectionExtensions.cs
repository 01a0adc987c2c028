using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CreditMesh.EventSourcing;

public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the service's event store on the "EventStore" configuration section: schema set-up at
    /// start, the subscription daemon, and a "ready" health check.
    /// </summary>
    public static EventStoreBuilder AddEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventStoreOptions>()
            .Bind(configuration.GetSection(EventStoreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var builder = new EventStoreBuilder(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(builder.Serializer);
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<IOptions<EventStoreOptions>>().Value.ConnectionString).Build());
        services.AddSingleton(sp => new EventStore(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<EventSerializer>(),
            sp.GetRequiredService<TimeProvider>(),
            builder.InlineProjectionTypes.Select(t => (IProjection)sp.GetRequiredService(t))));
        services.AddSingleton<EventNotifier>();
        services.AddSingleton(sp => new EventStoreInitializer(sp.GetRequiredService<EventStore>(),
            sp.GetRequiredService<IOptions<EventStoreOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EventStoreInitializer>>(),
            builder.ReadModelSchemas));
        services.AddHostedService(sp => sp.GetRequiredService<EventStoreInitializer>());
        services.AddSingleton<SubscriptionDaemon>();
        services.AddHostedService(sp => sp.GetRequiredService<SubscriptionDaemon>());
        services.AddHealthChecks().AddCheck<EventStoreHealthCheck>("event-store", tags: ["ready"]);
        return builder;
    }
}

/// <summary>Declares the service's event types, projections and subscriptions.</summary>
public sealed class EventStoreBuilder(IServiceCollection services)
{
    internal EventSerializer Serializer { get; } = new();
    internal List<Type> InlineProjectionTypes { get; } = [];
    internal List<Func<NpgsqlDataSource, CancellationToken, Task>> ReadModelSchemas { get; } = [];

    public IServiceCollection Services { get; } = services;

    public EventStoreBuilder Event<T>(string? name = null)
    {
        Serializer.Register<T>(name);
        return this;
    }

    public EventStoreBuilder InlineProjection<T>() where T : class, IProjection
    {
        Services.AddSingleton<T>();
        InlineProjectionTypes.Add(typeof(T));
        return this;
    }

    public EventStoreBuilder AsyncProjection<T>() where T : class, IProjection
    {
        Services.AddSingleton<T>();
        Services.AddSingleton<IEventSubscription>(sp => new AsyncProjection(sp.GetRequiredService<T>()));
        return this;
    }

    /// <summary>Creates a read model's tables at start-up, right after the store's own schema (idempotent DDL).</summary>
    public EventStoreBuilder ReadModel(Func<NpgsqlDataSource, CancellationToken, Task> ensureCreated)
    {
        ReadModelSchemas.Add(ensureCreated);
        return this;
    }

    public EventStoreBuilder Subscription<T>() where T : class, IEventSubscription
    {
        Services.AddSingleton<IEventSubscription, T>();
        return this;
    }
}
