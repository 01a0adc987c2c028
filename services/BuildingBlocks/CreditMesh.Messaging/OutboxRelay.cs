using System.Diagnostics;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditMesh.Messaging;

/// <summary>Turns a service's stored domain events into the integration events it publishes (none for most).</summary>
public interface IIntegrationEventMapper
{
    IEnumerable<object> Map(StoredEvent stored);
}

/// <summary>
/// The outbox relay (DESIGN §2): the event store is the outbox. Runs as a subscription, so it reads
/// committed events in commit order, publishes each batch, and its checkpoint is saved only after this
/// method returns, i.e. after the broker has confirmed every publish (MassTransit awaits RabbitMQ
/// publisher confirms).
/// A crash between publish and checkpoint republishes the tail of a batch with the same message ids;
/// consumers' inboxes make that harmless.
/// </summary>
public sealed class OutboxRelay(IBus bus, IBusControl busControl, IEnumerable<IIntegrationEventMapper> mappers, IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger)
    : IEventSubscription
{
    private int _failuresInARow;

    public static readonly ActivitySource ActivitySource = new("CreditMesh.OutboxRelay");

    public string Name => "outbox-relay";
    public bool IncludeArchivedStreams => true;
    public int BatchSize => 200;

    /// <summary>Publishes what a stored event maps to, with message ids that stay the same when it is published again.</summary>
    public static async Task PublishAsync(IBus bus, IEnumerable<IIntegrationEventMapper> mappers, StoredEvent stored, CancellationToken ct)
    {
        foreach (var message in mappers.SelectMany(m => m.Map(stored)))
        {
            using var activity = ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, stored.Metadata.TraceParent);
            activity?.SetTag("creditmesh.stream", stored.StreamId);
            await bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(publish =>
            {
                publish.MessageId = message is IIntegrationEvent withId ? withId.EventId : stored.Id;
                if (Guid.TryParse(stored.Metadata.CorrelationId, out var correlation)) publish.CorrelationId = correlation;
            }), ct);
        }
    }

    public async Task HandleAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.PublishTimeout);
        // Each stream's events go out one after another, in version order; different streams go out side by
        // side, so confirms are pipelined instead of costing one round trip per event. Order matters within a
        // stream (consumers check versions); streams are independent. The checkpoint moves only after every confirm.
        try
        {
            await Task.WhenAll(events.GroupBy(e => e.StreamId).Select(async stream =>
            {
                foreach (var stored in stream) await PublishAsync(bus, mappers, stored, timeout.Token);
            }));
            _failuresInARow = 0;
        }
        catch (Exception) when (!ct.IsCancellationRequested && ++_failuresInARow >= options.Value.RestartBusAfterFailures)
        {
            _failuresInARow = 0;
            await RestartBusAsync();
            throw; // the daemon retries the batch from the checkpoint, on the new connections
        }
    }

    private async Task RestartBusAsync()
    {
        logger.LogWarning("Publishing failed {Failures} batches in a row; restarting the bus to reconnect to the broker",
            options.Value.RestartBusAfterFailures);
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await busControl.StopAsync(stop.Token);
            using var start = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await busControl.StartAsync(start.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or MassTransitException or TimeoutException)
        {
            logger.LogError(e, "Restarting the bus failed; the relay keeps retrying");
        }
    }
}
