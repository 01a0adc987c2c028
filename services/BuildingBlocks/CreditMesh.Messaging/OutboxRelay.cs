using System.Diagnostics;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CreditMesh.Messaging;

/// <summary>
/// The outbox relay (DESIGN §2): the event store is the outbox. A Marten subscription, so the daemon hands it every
/// committed event in commit order (waiting for a late transaction rather than skipping it) and records its progress
/// only after this method returns — that is, after RabbitMQ confirmed every publish (publisher confirms). A crash in
/// between republishes the tail of a page with the same message ids; consumers' inboxes make that harmless.
/// Each stream's events go out one after another, in version order; different streams go out side by side, so
/// confirms are pipelined instead of costing one round trip per event.
/// </summary>
public sealed class OutboxRelay(IBus bus, IEnumerable<IIntegrationEventMapper> mappers, IOptions<OutboxRelayOptions> options) : SubscriptionBase, IReadsSomeEventTypes
{
    public const string SubscriptionName = "outbox-relay";

    public static readonly ActivitySource ActivitySource = new("CreditMesh.OutboxRelay");

    /// <summary>What some mapper may publish; a type every mapper calls unpublished is never read.</summary>
    public bool Reads(Type storedEventType) => mappers.Any(m => !m.Unpublished.Contains(storedEventType));

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await Task.WhenAll(page.Events.GroupBy(e => e.StreamKey).Select(async stream =>
        {
            foreach (var stored in stream) await PublishAsync(bus, mappers, stored, timeout.Token);
        }));
        return NullChangeListener.Instance;
    }

    /// <summary>Publishes what a stored event maps to, with message ids that stay the same when it is published again.</summary>
    public static async Task PublishAsync(IBus bus, IEnumerable<IIntegrationEventMapper> mappers, IEvent stored, CancellationToken ct)
    {
        foreach (var message in mappers.SelectMany(m => m.Map(stored)))
        {
            using var activity = ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, EventMetadata.Of(stored).TraceParent);
            activity?.SetTag("creditmesh.stream", stored.StreamKey);
            await bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(publish =>
            {
                publish.MessageId = message is IIntegrationEvent withId ? withId.EventId : stored.Id;
                if (Guid.TryParse(stored.CorrelationId, out var correlation)) publish.CorrelationId = correlation;
            }), ct);
        }
    }
}
