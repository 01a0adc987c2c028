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
    : IConsumer<Batch<CreditRecordAccepted>>, IConsumer<CreditRecordCorrected>, IConsumer<CreditRecordRevoked>
{
    public async Task Consume(ConsumeContext<Batch<CreditRecordAccepted>> context)
    {
        // One transaction per request that caused them (a batch submission shares one correlation and actor), so the entries
        // keep the correlation and actor of their record; the causation is the record's event when there is exactly one.
        foreach (var group in context.Message.Select(m => m.Message).GroupBy(m => (m.CorrelationId, m.Actor)))
        {
            var messages = group.ToList();
            await lists.ReconcileAllAsync(context.InboxName(),
                [.. messages.Select(m => new FactUpdate(m.SubjectCode, m.EventId, c => KnownRecords.AcceptedAsync(c, m, context.CancellationToken)))],
                CausedBy.Metadata(messages), context.CancellationToken);
        }
    }

    public Task Consume(ConsumeContext<CreditRecordCorrected> context) =>
        ReconcileAsync(context, c => KnownRecords.CorrectedAsync(c, context.Message, context.CancellationToken));

    public Task Consume(ConsumeContext<CreditRecordRevoked> context) =>
        ReconcileAsync(context, c => KnownRecords.RevokedAsync(c, context.Message, context.CancellationToken));

    private Task ReconcileAsync<T>(ConsumeContext<T> context, Func<SessionConnection, Task> updateFacts) where T : class, IIntegrationEvent =>
        lists.ReconcileAsync(context.Message.SubjectCode, CausedBy.Metadata(context.Message), new InboxClaim(context.InboxName(), context.Message.EventId),
            updateFacts, context.CancellationToken);
}
