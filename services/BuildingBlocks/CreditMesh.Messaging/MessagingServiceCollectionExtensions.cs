using CreditMesh.EventSourcing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CreditMesh.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ for one service: publisher confirms, bounded retries then the endpoint's
    /// _error queue, kebab-case endpoint names prefixed with the service name, optional quorum queues, and
    /// the outbox relay publishing the service's integration events from its event store. Usage telemetry is off (<see cref="UsageTelemetry"/>).
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        builder.Services.AddOptions<RabbitMqOptions>().Bind(builder.Configuration.GetSection(RabbitMqOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OutboxRelayOptions>().Bind(builder.Configuration.GetSection(OutboxRelayOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IEventSubscription, OutboxRelay>();
        builder.Services.AddOptions<MassTransitHostOptions>().Configure<IOptions<RabbitMqOptions>>((host, rabbit) =>
        {
            host.WaitUntilStarted = rabbit.Value.WaitUntilStarted;
            host.StartTimeout = TimeSpan.FromSeconds(60);
            host.StopTimeout = TimeSpan.FromSeconds(30);
        });

        var hasEventStore = builder.Services.Any(d => d.ServiceType == typeof(EventStore));
        builder.Services.AddMassTransit(bus =>
        {
            UsageTelemetry.TurnOff(bus);
            configure?.Invoke(bus);
            if (hasEventStore) bus.AddConsumer<StreamRepublishConsumer>();
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
