using CreditMesh.Contracts;
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
    public Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> c) => ledger.ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordCorrected>> c) => ledger.ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordRevoked>> c) => ledger.ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<CreditRecordDisclosureEnded>> c) => ledger.ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<EvaluationChanged>> c) => ledger.ApplyAsync(c, IncomingFacts.Of);
}
