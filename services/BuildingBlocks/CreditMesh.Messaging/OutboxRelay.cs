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
/// between republishes the tail of a page with the same event ids; consumers' inboxes make that harmless.
/// A page goes out as envelopes (<see cref="EventBatch{T}"/>, ADR 0018), one per type and round of <see cref="RelayPlan"/>:
/// each stream's events in version order, a round only after the broker confirmed the one before, a round's
/// envelopes side by side, so confirms are pipelined and a burst costs one message per hundred events, not one per event.
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
        await PublishAsync(bus, mappers, page.Events, options.Value.EventsPerMessage, timeout.Token);
        return NullChangeListener.Instance;
    }

    /// <summary>Publishes what stored events map to, round by round, each envelope's id that of its first event.</summary>
    public static async Task PublishAsync(IBus bus, IEnumerable<IIntegrationEventMapper> mappers, IReadOnlyList<IEvent> stored, int eventsPerMessage,
        CancellationToken ct)
    {
        var page = stored.SelectMany(e => mappers.SelectMany(m => m.Map(e)).Select(message => (e.StreamKey!, (Stored: e, Message: message))));
        foreach (var round in RelayPlan.Rounds(page, p => p.Message, eventsPerMessage))
            await Task.WhenAll(round.Select(envelope => PublishAsync(bus, [.. envelope.Select(p => p.Message)], envelope[0].Stored, ct)));
    }

    private static async Task PublishAsync(IBus bus, IReadOnlyList<IIntegrationEvent> envelope, IEvent first, CancellationToken ct)
    {
        using var activity = ActivitySource.StartActivity("outbox publish", ActivityKind.Producer, EventMetadata.Of(first).TraceParent);
        activity?.SetTag("creditmesh.stream", first.StreamKey);
        activity?.SetTag("creditmesh.events", envelope.Count);
        var message = EventBatch.Of(envelope);
        await bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(publish =>
        {
            publish.MessageId = envelope[0].EventId;
            if (Guid.TryParse(first.CorrelationId, out var correlation)) publish.CorrelationId = correlation;
        }), ct);
    }
}
