using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Ingestion.Projections;
using CreditMesh.Messaging;
using Marten;
using MassTransit;

namespace CreditMesh.Ingestion.Consumers;

/// <summary>
/// What other services decide about ingestion's records: an approved repair ends disclosure (终止公示);
/// an objection marks the record "under objection" while open, and an upheld objection that revokes it
/// revokes it here. Records of other services' targets are ignored. Each message is claimed in the inbox in
/// the transaction of its effects, so a redelivery changes nothing twice.
/// </summary>
public sealed class RecordLifecycleConsumer(IDocumentStore store, TimeProvider time)
    : IConsumer<EventBatch<RepairDecided>>, IConsumer<EventBatch<ObjectionOpened>>, IConsumer<EventBatch<ObjectionResolved>>
{
    public Task Consume(ConsumeContext<EventBatch<RepairDecided>> context) => context.EachAsync(repair => DecidedAsync(context, repair));
    public Task Consume(ConsumeContext<EventBatch<ObjectionOpened>> context) => context.EachAsync(opened => OpenedAsync(context, opened));
    public Task Consume(ConsumeContext<EventBatch<ObjectionResolved>> context) => context.EachAsync(resolved => ResolvedAsync(context, resolved));

    private async Task DecidedAsync(ConsumeContext context, RepairDecided repair)
    {
        if (!repair.Approved || repair.TargetKind != TargetKinds.Record) return;
        await using var session = await ClaimAsync(context, repair);
        if (session is null) return;
        await ChangeAsync(session, repair.TargetId, s => RecordDecider.EndDisclosure(s, $"Repaired ({repair.DecisionNumber})", time.GetUtcNow()), context.CancellationToken);
    }

    private async Task OpenedAsync(ConsumeContext context, ObjectionOpened opened)
    {
        if (opened.TargetKind != TargetKinds.Record) return;
        await using var session = await ClaimAsync(context, opened);
        if (session is null) return;
        await session.ExecuteSqlAsync(RecordQueries.OpenObjection, context.CancellationToken, opened.ObjectionId, opened.TargetId);
        await session.CommitAsync(context.CancellationToken);
    }

    /// <remarks>ObjectionResolved names the objection, not its target: the target is the record it was opened on.</remarks>
    private async Task ResolvedAsync(ConsumeContext context, ObjectionResolved resolved)
    {
        await using var session = await ClaimAsync(context, resolved);
        if (session is null) return;
        var recordId = (await session.ReadSqlAsync(RecordQueries.CloseObjection, r => r.GetString(0), context.CancellationToken, resolved.ObjectionId))
            .FirstOrDefault();
        if (recordId is not null && resolved.Upheld && resolved.Action == "Revoke")
            await ChangeAsync(session, recordId, s => RecordDecider.Revoke(s, $"Objection upheld: {resolved.Reason}", time.GetUtcNow(), resolved.ObjectionId), context.CancellationToken);
        else
            await session.CommitAsync(context.CancellationToken);
    }

    /// <summary>A session for the message's effects with its inbox claim; null when the message was handled before.</summary>
    private async Task<IDocumentSession?> ClaimAsync(ConsumeContext context, IIntegrationEvent message)
    {
        var session = await store.OpenWriteSessionAsync(CausedBy.Metadata(message), context.CancellationToken);
        if (await session.TryClaimAsync(context.InboxName(), message.EventId, context.CancellationToken)) return session;
        await session.DisposeAsync();
        return null;
    }

    private static async Task ChangeAsync(IDocumentSession session, string recordId, Func<CreditRecordState, Decision> decide, CancellationToken ct)
    {
        await session.DecideAsync<CreditRecordState>(RecordIds.StreamId(recordId), s => s is null ? new Decision.Unchanged() : decide(s), ct);
        await session.CommitAsync(ct);
    }
}
