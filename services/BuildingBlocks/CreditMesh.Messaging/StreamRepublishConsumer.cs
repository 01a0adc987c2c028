using CreditMesh.Contracts;
using Marten;
using MassTransit;

namespace CreditMesh.Messaging;

/// <summary>
/// Answers a consumer's request to refill a gap: if this service owns the stream, its integration events
/// from the requested version are published again, with their original ids (consumers' inboxes and
/// version checks drop what they already have).
/// </summary>
public sealed class StreamRepublishConsumer(IDocumentStore store, IEnumerable<IIntegrationEventMapper> mappers, IBus bus,
    Microsoft.Extensions.Options.IOptions<OutboxRelayOptions> options)
    : IConsumer<StreamRepublishRequested>
{
    public async Task Consume(ConsumeContext<StreamRepublishRequested> context)
    {
        var request = context.Message;
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(request.SourceStream, token: context.CancellationToken);
        await OutboxRelay.PublishAsync(bus, mappers, [.. events.Where(e => e.Version >= request.FromVersion)], options.Value.EventsPerMessage,
            context.CancellationToken);
    }
}
