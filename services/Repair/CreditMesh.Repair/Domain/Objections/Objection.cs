using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.Repair.Domain.Objections;

public enum ObjectionStatus { Open, Upheld, Rejected }

/// <summary>An objection (异议), folded from its stream.</summary>
public sealed record Objection(string ObjectionId, string SubjectCode, TargetKind TargetKind, string TargetId, string OwnerUnit, string Grounds,
    ObjectionStatus Status, DateTimeOffset RaisedAt, ObjectionAction Action = ObjectionAction.None, string? Correction = null, string? Reason = null)
    : IAggregate<Objection>
{
    public static Objection Create(object firstEvent) => firstEvent switch
    {
        ObjectionRaised e => new(e.ObjectionId, e.SubjectCode, e.TargetKind, e.TargetId, e.OwnerUnit, e.Grounds, ObjectionStatus.Open, e.RaisedAt),
        _ => throw new InvalidOperationException($"An objection stream cannot start with {firstEvent.GetType().Name}."),
    };

    public Objection Apply(object @event) => @event switch
    {
        ObjectionSettled e => this with
        {
            Status = e.Upheld ? ObjectionStatus.Upheld : ObjectionStatus.Rejected, Action = e.Action, Correction = e.Correction, Reason = e.Reason,
        },
        _ => this,
    };
}

/// <summary>Pure decisions on objections (DESIGN §4.5): the subject raises one on its own target; the owning unit settles it.</summary>
public static class ObjectionDecider
{
    /// <summary>
    /// The target must be known and the subject's own. Its state does not matter: a proposed entry is disputed during its
    /// notice period, and an ended record may still be wrong in the subject's archive.
    /// </summary>
    public static (ObjectionRaised? Event, string? Refusal) Raise(string objectionId, string subjectCode, TargetKind kind, string targetId,
        RepairTarget? target, string grounds, DateTimeOffset at)
    {
        if (target is null || target.SubjectCode != subjectCode)
            return (null, $"No {RepairTarget.Describe(kind, targetId)} of subject {subjectCode} is known.");
        if (target.OwnerUnit is null) return (null, $"The unit that owns the {target.Describe()} is not known yet.");
        return (new ObjectionRaised(objectionId, subjectCode, kind, targetId, target.OwnerUnit, grounds, at), null);
    }

    /// <summary>Upheld needs Correct or Revoke, rejected needs None (checked by the caller as input). The same resolution again changes nothing.</summary>
    public static Decision Settle(Objection current, DecidingParty party, bool upheld, ObjectionAction action, string? correction, string reason,
        DateTimeOffset at)
    {
        if (upheld == (action == ObjectionAction.None)) throw new ArgumentException("Upheld needs Correct or Revoke; rejected needs None.", nameof(action));
        if (!party.MayDecideFor(current.OwnerUnit))
            return Decision.Forbidden("unit", $"Objection {current.ObjectionId} is resolved by unit {current.OwnerUnit} or the credit centre, not {party}.");
        if (current.Status == ObjectionStatus.Open)
            return Decision.Of(new ObjectionSettled(current.ObjectionId, current.SubjectCode, current.TargetKind, current.TargetId, upheld, action,
                correction, reason, at));
        return (current.Status == ObjectionStatus.Upheld) == upheld && current.Action == action && current.Reason == reason
            ? new Decision.Unchanged()
            : Decision.Conflict("status", $"Objection {current.ObjectionId} is already {current.Status}.");
    }
}
