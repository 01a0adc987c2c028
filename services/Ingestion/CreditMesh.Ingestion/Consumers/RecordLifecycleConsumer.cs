using CreditMesh.Contracts;
using CreditMesh.EventSourcing;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Ingestion.Features;
using CreditMesh.Ingestion.Projections;
using MassTransit;
using Npgsql;

namespace CreditMesh.Ingestion.Consumers;

/// <summary>
/// What other services decide about ingestion's records: an approved repair ends disclosure (终止公示);
/// an objection marks the record "under objection" while open, and an upheld objection that revokes it
/// revokes it here. Records of other services' targets are ignored.
/// </summary>
public sealed class RecordLifecycleConsumer(RecordIntake intake, NpgsqlDataSource dataSource, TimeProvider time)
    : IConsumer<RepairDecided>, IConsumer<ObjectionOpened>, IConsumer<ObjectionResolved>
{
    public async Task Consume(ConsumeContext<RepairDecided> context)
    {
        var repair = context.Message;
        if (!repair.Approved || repair.TargetKind != "Record") return;
        await ChangeAsync(repair.TargetId, repair, s => RecordDecider.EndDisclosure(s, $"Repaired ({repair.DecisionNumber})", time.GetUtcNow()), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ObjectionOpened> context) =>
        context.Message.TargetKind == "Record"
            ? DisclosureProjection.OpenObjectionAsync(dataSource, context.Message.ObjectionId, context.Message.TargetId, context.CancellationToken)
            : Task.CompletedTask;

    /// <remarks>ObjectionResolved names the objection, not its target: the target is the record it was opened on.</remarks>
    public async Task Consume(ConsumeContext<ObjectionResolved> context)
    {
        var resolved = context.Message;
        var recordId = await DisclosureProjection.CloseObjectionAsync(dataSource, resolved.ObjectionId, context.CancellationToken);
        if (recordId is null) return;
        if (resolved.Upheld && resolved.Action == "Revoke")
            await ChangeAsync(recordId, resolved, s => RecordDecider.Revoke(s, $"Objection upheld: {resolved.Reason}", time.GetUtcNow()), context.CancellationToken);
    }

    private async Task ChangeAsync(string recordId, IIntegrationEvent cause, Func<CreditRecordState, object?> decide, CancellationToken ct)
    {
        var (state, version) = await intake.LoadAsync(recordId, ct);
        if (state is null || decide(state) is not { } change) return;
        await intake.AppendAsync(recordId, version, change,
            new EventMetadata(cause.CorrelationId, cause.EventId.ToString(), cause.Actor is { } a ? new EventActor(a.Unit, a.User, a.Role) : null), ct);
    }
}
