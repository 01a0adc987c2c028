using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Exchange.Features;
using CreditMesh.Messaging;
using MassTransit;

namespace CreditMesh.Exchange.Consumers;

/// <summary>How exchange's consumers hand an envelope to the ledger.</summary>
internal static class LedgerEnvelopes
{
    /// <summary>One envelope through the ledger: its events mapped to what exchange learns, in one transaction with their inbox claims.</summary>
    public static Task ApplyAsync<T>(this SharingLedger ledger, ConsumeContext<EventBatch<T>> context, Func<T, Incoming?> map)
        where T : class, IIntegrationEvent
    {
        var messages = context.Message.Events;
        // A single event keeps its own trace metadata; a batch is caused by many (each item stream event is still about one).
        var metadata = messages.Count == 1 ? CausedBy.Metadata(messages[0]) : new EventMetadata(CausationId: $"exchange-batch:{messages.Count}");
        return ledger.ApplyAsync([.. messages.Select(map).OfType<Incoming>()], context.InboxName(), metadata, context.CancellationToken);
    }
}
