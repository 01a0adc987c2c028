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
/// </summary>
public sealed class RecordConsumer(SubjectLists lists)
    : IConsumer<CreditRecordAccepted>, IConsumer<CreditRecordCorrected>, IConsumer<CreditRecordRevoked>
{
    public Task Consume(ConsumeContext<CreditRecordAccepted> context) =>
        ReconcileAsync(context, c => KnownRecords.AcceptedAsync(c, context.Message, context.CancellationToken));

    public Task Consume(ConsumeContext<CreditRecordCorrected> context) =>
        ReconcileAsync(context, c => KnownRecords.CorrectedAsync(c, context.Message, context.CancellationToken));

    public Task Consume(ConsumeContext<CreditRecordRevoked> context) =>
        ReconcileAsync(context, c => KnownRecords.RevokedAsync(c, context.Message, context.CancellationToken));

    private Task ReconcileAsync<T>(ConsumeContext<T> context, Func<SessionConnection, Task> updateFacts) where T : class, IIntegrationEvent =>
        lists.ReconcileAsync(context.Message.SubjectCode, CausedBy.Metadata(context.Message), new InboxClaim(context.InboxName(), context.Message.EventId),
            updateFacts, context.CancellationToken);
}
