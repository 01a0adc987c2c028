using JasperFx.Events;
using CreditMesh.Messaging;
using CreditMesh.Repair.Domain.Cases;
using CreditMesh.Repair.Domain.Objections;
using Contracts = CreditMesh.Contracts;

namespace CreditMesh.Repair.Features;

/// <summary>
/// What repair tells other services (published by the outbox relay). Every version of every case and objection stream
/// maps to exactly one integration event (the registry's archive expects no holes, ADR 0005): an at-once rejection and a
/// denial are both RepairDecided with Approved = false.
/// </summary>
public sealed class RepairEventMapper : IIntegrationEventMapper
{
    public IEnumerable<Contracts.IIntegrationEvent> Map(IEvent stored)
    {
        var (id, at, stream, version, correlation, actor) = SourceOf.Event(stored);
        Contracts.IIntegrationEvent? mapped = stored.Data switch
        {
            RepairSubmitted e => new Contracts.RepairApplied(id, at, e.SubjectCode, stream, version, correlation, actor, e.RepairId,
                e.TargetKind.ToString(), e.TargetId, e.DecidingUnit),
            RepairRejected e => new Contracts.RepairDecided(id, at, e.SubjectCode, stream, version, correlation, actor, e.RepairId,
                e.TargetKind.ToString(), e.TargetId, false, null, "Ineligible: " + string.Join(" ", e.Reasons)),
            RepairAccepted e => new Contracts.RepairAccepted(id, at, e.SubjectCode, stream, version, correlation, actor, e.RepairId,
                e.TargetKind.ToString(), e.TargetId, e.DecisionDue),
            RepairApproved e => new Contracts.RepairDecided(id, at, e.SubjectCode, stream, version, correlation, actor, e.RepairId,
                e.TargetKind.ToString(), e.TargetId, true, e.DecisionNumber, null),
            RepairDenied e => new Contracts.RepairDecided(id, at, e.SubjectCode, stream, version, correlation, actor, e.RepairId,
                e.TargetKind.ToString(), e.TargetId, false, null, e.Reason),
            ObjectionRaised e => new Contracts.ObjectionOpened(id, at, e.SubjectCode, stream, version, correlation, actor, e.ObjectionId,
                e.TargetKind.ToString(), e.TargetId),
            ObjectionSettled e => new Contracts.ObjectionResolved(id, at, e.SubjectCode, stream, version, correlation, actor, e.ObjectionId,
                e.Upheld, e.Action.ToString(), e.Reason, e.TargetKind.ToString(), e.TargetId),
            _ => null,
        };
        if (mapped is not null) yield return mapped;
    }
}
