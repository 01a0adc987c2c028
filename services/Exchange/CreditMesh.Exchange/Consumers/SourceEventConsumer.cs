using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Features;
using CreditMesh.Messaging;
using MassTransit;

namespace CreditMesh.Exchange.Consumers;

/// <summary>
/// Keeps exchange's view of records and evaluations from the owning services' events (it never reads their databases) and lets
/// the ledger decide what the feed and subscribers are told. Every type comes in batches (DESIGN §6: the ingestion burst reaches
/// exchange too), each batch one transaction with its inbox claims. List entries have their own queue
/// (<see cref="ListEntryEventConsumer"/>), so a list change is not queued behind a backlog of records (DESIGN §6: a push subscriber
/// hears of it within 2 s while 1,000 records/s of other ingestion run).
/// </summary>
public sealed class SourceEventConsumer(SharingLedger ledger) :
    IConsumer<EventBatch<CreditRecordAccepted>>, IConsumer<EventBatch<CreditRecordCorrected>>, IConsumer<EventBatch<CreditRecordRevoked>>,
    IConsumer<EventBatch<CreditRecordDisclosureEnded>>, IConsumer<EventBatch<EvaluationChanged>>
{
    public Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordCorrected>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordRevoked>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordDisclosureEnded>> c) => ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<EvaluationChanged>> c) => ApplyAsync(c, IncomingFacts.Of);

    private Task ApplyAsync<T>(ConsumeContext<EventBatch<T>> context, Func<T, Incoming?> map) where T : class, IIntegrationEvent =>
        Apply(ledger, context, map);

    /// <summary>One envelope through the ledger: its events mapped to what exchange learns, in one transaction with their inbox claims.</summary>
    internal static Task Apply<T>(SharingLedger ledger, ConsumeContext<EventBatch<T>> context, Func<T, Incoming?> map) where T : class, IIntegrationEvent
    {
        var messages = context.Message.Events;
        // A single event keeps its own trace metadata; a batch is caused by many (each item stream event is still about one).
        var metadata = messages.Count == 1 ? CausedBy.Metadata(messages[0]) : new EventMetadata(CausationId: $"exchange-batch:{messages.Count}");
        return ledger.ApplyAsync([.. messages.Select(map).OfType<Incoming>()], context.InboxName(), metadata, context.CancellationToken);
    }
}
