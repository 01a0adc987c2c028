using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Lists.Features;
using CreditMesh.Lists.Projections;
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
    public const string Name = "lists-records";

    public Task Consume(ConsumeContext<CreditRecordAccepted> context) =>
        ReconcileAsync(context.Message, c => KnownRecords.AcceptedAsync(c, context.Message, context.CancellationToken), context.CancellationToken);

    public Task Consume(ConsumeContext<CreditRecordCorrected> context) =>
        ReconcileAsync(context.Message, c => KnownRecords.CorrectedAsync(c, context.Message, context.CancellationToken), context.CancellationToken);

    public Task Consume(ConsumeContext<CreditRecordRevoked> context) =>
        ReconcileAsync(context.Message, c => KnownRecords.RevokedAsync(c, context.Message, context.CancellationToken), context.CancellationToken);

    private Task ReconcileAsync(IIntegrationEvent cause, Func<ProjectionContext, Task> updateFacts, CancellationToken ct) =>
        lists.ReconcileAsync(cause.SubjectCode, MetadataOf(cause), new InboxClaim(Name, cause.EventId), updateFacts, ct);

    /// <summary>Entries caused by another service's event carry its correlation and name it as the cause.</summary>
    internal static EventMetadata MetadataOf(IIntegrationEvent cause) =>
        new(cause.CorrelationId, cause.EventId.ToString(), cause.Actor is { } a ? new EventActor(a.Unit, a.User, a.Role) : null);
}
