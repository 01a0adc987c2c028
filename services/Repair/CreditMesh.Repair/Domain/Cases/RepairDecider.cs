using CreditMesh.EventSourcing;
using CreditMesh.Calendar;
using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.Repair.Domain.Cases;

/// <summary>Pure decisions on a repair case: Submitted → Accepted | Rejected → Approved | Denied. Days and instants come from the caller.</summary>
public static class RepairDecider
{
    /// <summary>An application always starts a stream; when ineligible, it is rejected in the same breath with the reasons.</summary>
    public static IReadOnlyList<object> Submit(string repairId, string subjectCode, TargetKind kind, string targetId, RepairTarget? target,
        Eligibility eligibility, string commitment, IReadOnlyList<Evidence> evidence, DateOnly today, WorkingDayCalendar calendar,
        RepairOptions options, DateTimeOffset at)
    {
        var submitted = new RepairSubmitted(repairId, subjectCode, kind, targetId, target?.SubjectCode == subjectCode ? target.OwnerUnit : null,
            commitment, evidence, today, Deadlines.FeedbackDue(today, calendar, options), at);
        return eligibility.Eligible
            ? [submitted]
            : [submitted, new RepairRejected(repairId, subjectCode, kind, targetId, eligibility.Reasons, eligibility.EligibleFrom, at)];
    }

    /// <summary>Accepting an accepted case again changes nothing (a retried request); any other state is a conflict.</summary>
    public static Decision Accept(RepairCase current, DecidingParty party, DateOnly today, WorkingDayCalendar calendar, RepairOptions options,
        DateTimeOffset at)
    {
        if (!party.MayDecideFor(current.DecidingUnit))
            return Decision.Forbidden("unit", $"Repair {current.RepairId} is decided by unit {current.DecidingUnit ?? "(unknown)"} or the credit centre, not {party}.");
        return current.Status switch
        {
            RepairStatus.Submitted => Decision.Of(new RepairAccepted(current.RepairId, current.SubjectCode, current.TargetKind, current.TargetId,
                today, Deadlines.DecisionDue(today, calendar, options), at)),
            RepairStatus.Accepted => new Decision.Unchanged(),
            _ => Decision.Conflict("status", $"Repair {current.RepairId} is {current.Status} and cannot be accepted."),
        };
    }

    /// <summary>
    /// Approve (with the decision document number) or deny (with the reason) an accepted case. The same decision again
    /// changes nothing; a different one, or deciding a case not accepted, is a conflict.
    /// </summary>
    public static Decision Decide(RepairCase current, DecidingParty party, bool approved, string? decisionNumber, string? reason, DateTimeOffset at)
    {
        if (approved && string.IsNullOrWhiteSpace(decisionNumber)) throw new ArgumentException("An approval needs its decision number.", nameof(decisionNumber));
        if (!approved && string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A denial needs its reason.", nameof(reason));
        if (!party.MayDecideFor(current.DecidingUnit))
            return Decision.Forbidden("unit", $"Repair {current.RepairId} is decided by unit {current.DecidingUnit ?? "(unknown)"} or the credit centre, not {party}.");
        return current.Status switch
        {
            RepairStatus.Accepted when approved => Decision.Of(new RepairApproved(current.RepairId, current.SubjectCode, current.TargetKind,
                current.TargetId, decisionNumber!.Trim(), at)),
            RepairStatus.Accepted => Decision.Of(new RepairDenied(current.RepairId, current.SubjectCode, current.TargetKind, current.TargetId,
                reason!.Trim(), at)),
            RepairStatus.Approved when approved && current.DecisionNumber == decisionNumber!.Trim() => new Decision.Unchanged(),
            RepairStatus.Denied when !approved && current.DenialReason == reason!.Trim() => new Decision.Unchanged(),
            RepairStatus.Submitted => Decision.Conflict("status", $"Repair {current.RepairId} must be accepted before it is decided."),
            _ => Decision.Conflict("status", $"Repair {current.RepairId} is already {current.Status}."),
        };
    }
}
