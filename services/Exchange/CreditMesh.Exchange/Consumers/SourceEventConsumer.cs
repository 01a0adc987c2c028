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
    IConsumer<Batch<CreditRecordAccepted>>, IConsumer<Batch<CreditRecordCorrected>>, IConsumer<Batch<CreditRecordRevoked>>,
    IConsumer<Batch<CreditRecordDisclosureEnded>>, IConsumer<Batch<ListEntryActivated>>, IConsumer<Batch<ListEntryRemoved>>,
    IConsumer<Batch<EvaluationChanged>>
{
    public Task Consume(ConsumeContext<Batch<CreditRecordAccepted>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<Batch<CreditRecordCorrected>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<Batch<CreditRecordRevoked>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<Batch<CreditRecordDisclosureEnded>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<Batch<ListEntryActivated>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<Batch<ListEntryRemoved>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<Batch<EvaluationChanged>> c) => ApplyAsync(c, IncomingFacts.Of);

    private Task ApplyAsync<T>(ConsumeContext<Batch<T>> context, Func<T, Incoming?> map) where T : class, IIntegrationEvent
    {
        var messages = context.Message.Select(m => m.Message).ToList();
        // A single event keeps its own trace metadata; a batch is caused by many (each item stream event is still about one).
        var metadata = messages.Count == 1 ? CausedBy.Metadata(messages[0]) : new EventMetadata(CausationId: $"exchange-batch:{messages.Count}");
        return ledger.ApplyAsync([.. messages.Select(map).OfType<Incoming>()], context.InboxName(), metadata, context.CancellationToken);
    }
}
