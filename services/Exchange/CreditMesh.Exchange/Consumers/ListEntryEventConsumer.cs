using CreditMesh.Contracts;
using CreditMesh.Exchange.Features;
using CreditMesh.Messaging;
using MassTransit;

namespace CreditMesh.Exchange.Consumers;

/// <summary>
/// List entries activated and removed, on a queue of their own (<c>exchange-list-entry-event</c>): under sustained ingestion the
/// records' queue holds a backlog, and a list change waiting behind it missed DESIGN §6's 2 s for push subscribers. The ledger and
/// its feed lock are shared with <see cref="SourceEventConsumer"/>, so a list change waits for at most the batches already in it.
/// </summary>
public sealed class ListEntryEventConsumer(SharingLedger ledger) :
    IConsumer<EventBatch<ListEntryActivated>>, IConsumer<EventBatch<ListEntryRemoved>>
{
    public Task Consume(ConsumeContext<EventBatch<ListEntryActivated>> c) => ledger.ApplyAsync(c, IncomingFacts.Of);
    public Task Consume(ConsumeContext<EventBatch<ListEntryRemoved>> c) => ledger.ApplyAsync(c, IncomingFacts.Of);
}
