using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Lists.Features;
using CreditMesh.Lists.Projections;
using CreditMesh.Messaging;
using MassTransit;

namespace CreditMesh.Lists.Consumers;

/// <summary>
/// Determines list entries from ingestion's record events (DESIGN §4.3). Each message updates the record
/// facts and reconciles the subject's entries in one transaction with its inbox claim: a repeat does
/// nothing, and a revocation that overtakes its acceptance leaves a tombstone the acceptance respects.
/// Acceptances, the bulk of the traffic, come in batches filed in one transaction (<see cref="SubjectLists.ReconcileAllAsync"/>).
/// </summary>
public sealed class RecordConsumer(SubjectLists lists)
    : IConsumer<EventBatch<CreditRecordAccepted>>, IConsumer<EventBatch<CreditRecordCorrected>>, IConsumer<EventBatch<CreditRecordRevoked>>
{
    public async Task Consume(ConsumeContext<EventBatch<CreditRecordAccepted>> context)
    {
        // One transaction per request that caused them (a batch submission shares one correlation and actor), so the entries
        // keep the correlation and actor of their record; the causation is the record's event when there is exactly one.
        foreach (var group in context.Message.Events.GroupBy(m => (m.CorrelationId, m.Actor)))
        {
            var messages = group.DistinctBy(m => m.EventId).ToDictionary(m => m.EventId);
            await lists.ReconcileAllAsync(context.InboxName(), [.. messages.Values.Select(m => new FactUpdate(m.SubjectCode, m.EventId))],
                (c, fresh) => KnownRecords.AcceptedAllAsync(c, [.. fresh.Select(u => messages[u.MessageId])], context.CancellationToken),
                CausedBy.Metadata([.. messages.Values]), context.CancellationToken);
        }
    }

    public Task Consume(ConsumeContext<EventBatch<CreditRecordCorrected>> context) =>
        context.EachAsync(m => ReconcileAsync(context, m, c => KnownRecords.CorrectedAsync(c, m, context.CancellationToken)));

    public Task Consume(ConsumeContext<EventBatch<CreditRecordRevoked>> context) =>
        context.EachAsync(m => ReconcileAsync(context, m, c => KnownRecords.RevokedAsync(c, m, context.CancellationToken)));

    private Task ReconcileAsync(ConsumeContext context, IIntegrationEvent message, Func<SessionConnection, Task> updateFacts) =>
        lists.ReconcileAsync(message.SubjectCode, CausedBy.Metadata(message), new InboxClaim(context.InboxName(), message.EventId),
            updateFacts, context.CancellationToken);
}
