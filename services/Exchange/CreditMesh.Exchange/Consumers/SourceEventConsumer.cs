using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Features;
using CreditMesh.Messaging;
using MassTransit;

namespace CreditMesh.Exchange.Consumers;

/// <summary>
/// Keeps exchange's view of records, list entries and evaluations from the owning services' events (it never reads their
/// databases) and lets the ledger decide what the feed and subscribers are told. Every type comes in batches (DESIGN §6: the
/// ingestion burst reaches exchange too), each batch one transaction with its inbox claims.
/// </summary>
public sealed class SourceEventConsumer(SharingLedger ledger) :
    IConsumer<EventBatch<CreditRecordAccepted>>, IConsumer<EventBatch<CreditRecordCorrected>>, IConsumer<EventBatch<CreditRecordRevoked>>,
    IConsumer<EventBatch<CreditRecordDisclosureEnded>>, IConsumer<EventBatch<ListEntryActivated>>, IConsumer<EventBatch<ListEntryRemoved>>,
    IConsumer<EventBatch<EvaluationChanged>>
{
    public Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordCorrected>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordRevoked>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordDisclosureEnded>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<ListEntryActivated>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<ListEntryRemoved>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<EvaluationChanged>> c) => ApplyAsync(c, IncomingFacts.Of);

    private Task ApplyAsync<T>(ConsumeContext<EventBatch<T>> context, Func<T, Incoming?> map) where T : class, IIntegrationEvent
    {
        var messages = context.Message.Events;
        // A single event keeps its own trace metadata; a batch is caused by many (each item stream event is still about one).
        var metadata = messages.Count == 1 ? CausedBy.Metadata(messages[0]) : new EventMetadata(CausationId: $"exchange-batch:{messages.Count}");
        return ledger.ApplyAsync([.. messages.Select(map).OfType<Incoming>()], context.InboxName(), metadata, context.CancellationToken);
    }
}
