using CreditMesh.EventSourcing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditMesh.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ for one service: publisher confirms, bounded retries then the endpoint's _error queue,
    /// kebab-case endpoint names prefixed with the service name, optional quorum queues, no usage telemetry (a
    /// government platform never calls home, <see cref="UsageTelemetry"/>), bus liveness, and — with an event store — the outbox relay publishing
    /// the service's integration events and the answer to gap-refill requests.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        var services = builder.Services;
        services.AddOptions<RabbitMqOptions>().Bind(builder.Configuration.GetSection(RabbitMqOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxRelayOptions>().Bind(builder.Configuration.GetSection(OutboxRelayOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsumerBatchOptions>().Bind(builder.Configuration.GetSection(ConsumerBatchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<RabbitMqOptions>>((host, rabbit) =>
        {
            host.WaitUntilStarted = rabbit.Value.WaitUntilStarted;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddHealthChecks().AddCheck<BusLiveness>("bus-liveness", tags: ["live"]);

        var eventStore = services.FirstOrDefault(d => d.ServiceType == typeof(EventStoreBuilder))?.ImplementationInstance as EventStoreBuilder;
        eventStore?.Subscription<OutboxRelay>(relay =>
        {
            relay.Name = OutboxRelay.SubscriptionName;
            relay.IncludeArchivedEvents = true;
        });

        services.AddMassTransit(bus =>
        {
            UsageTelemetry.TurnOff(bus);
            configure?.Invoke(bus);
            if (eventStore is not null) bus.AddConsumer<StreamRepublishConsumer>();
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
                    && context.GetRequiredService<IOptions<RabbitMqOptions>>().Value.UseQuorumQueues)
                    rabbit.SetQuorumQueue();
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                rabbit.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
                {
                    host.Username(options.Username);
                    host.Password(options.Password);
                    host.PublisherConfirmation = true;
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
                });
                rabbit.PrefetchCount = options.PrefetchCount;
                // Outer: while the service's database is unreachable or restarting (57P01-57P03: shut down, starting up), keep the
                // message and try again every 2 s for up to DatabaseOutageRetries, so a PostgreSQL restart sends nothing to _error.
                rabbit.UseMessageRetry(outage =>
                {
                    outage.Handle<Npgsql.NpgsqlException>(DatabaseOutage.IsOutage);
                    outage.Interval(options.DatabaseOutageRetries, TimeSpan.FromSeconds(2));
                });
                rabbit.UseMessageRetry(retry =>
                {
                    retry.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                    retry.Ignore<UnauthenticatedMessageException>();
                });
                rabbit.ConfigureEndpoints(context, new KebabCaseEndpointNameFormatter(serviceName, false));
            });
        });
        return builder;
    }
}

/// <summary>A database error that passes when the server is back: the connection failed or the server is stopping or starting.</summary>
public static class DatabaseOutage
{
    public static bool IsOutage(Npgsql.NpgsqlException e) =>
        e is Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" } || (e is not Npgsql.PostgresException && e.IsTransient);
}
