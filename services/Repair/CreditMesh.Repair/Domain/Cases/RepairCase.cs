using CreditMesh.Calendar;
using CreditMesh.EventSourcing;
using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.Repair.Domain.Cases;

public enum RepairStatus { Submitted, Rejected, Accepted, Approved, Denied }

/// <summary>A repair case (信用修复案件), folded from its stream.</summary>
public sealed record RepairCase(string RepairId, string SubjectCode, TargetKind TargetKind, string TargetId, string? DecidingUnit,
    RepairStatus Status, string Commitment, IReadOnlyList<Evidence> Evidence, DateOnly SubmittedOn, DateOnly FeedbackDue,
    DateOnly? DecisionDue = null, IReadOnlyList<string>? Reasons = null, DateOnly? EligibleFrom = null, string? DecisionNumber = null,
    string? DenialReason = null) : IAggregate<RepairCase>
{
    public static RepairCase Create(object firstEvent) => firstEvent switch
    {
        RepairSubmitted e => new(e.RepairId, e.SubjectCode, e.TargetKind, e.TargetId, e.DecidingUnit, RepairStatus.Submitted, e.Commitment,
            e.Evidence, e.SubmittedOn, e.FeedbackDue),
        _ => throw new InvalidOperationException($"A repair stream cannot start with {firstEvent.GetType().Name}."),
    };

    public RepairCase Apply(object @event) => @event switch
    {
        RepairRejected e => this with { Status = RepairStatus.Rejected, Reasons = e.Reasons, EligibleFrom = e.EligibleFrom },
        RepairAccepted e => this with { Status = RepairStatus.Accepted, DecisionDue = e.DecisionDue },
        RepairApproved e => this with { Status = RepairStatus.Approved, DecisionNumber = e.DecisionNumber },
        RepairDenied e => this with { Status = RepairStatus.Denied, DenialReason = e.Reason },
        _ => this,
    };

    public bool IsOpen => Status is RepairStatus.Submitted or RepairStatus.Accepted;

    /// <summary>An open case past its feedback deadline, or accepted and past its decision deadline (DESIGN §4.5).</summary>
    public bool IsOverdue(DateOnly today) => Deadlines.IsOverdue(Status, FeedbackDue, DecisionDue, today);
}

/// <summary>
/// Working-day deadlines of a case (信用修复管理办法: 受理后3个工作日内作出决定; 申请之日起10个工作日内反馈): counted on the
/// State Council holiday calendar, the application or acceptance day itself not counted. Due on the last day; overdue after it.
/// </summary>
public static class Deadlines
{
    public static DateOnly FeedbackDue(DateOnly submittedOn, WorkingDayCalendar calendar, RepairOptions options) =>
        calendar.AddWorkingDays(submittedOn, options.FeedbackWorkingDays);

    public static DateOnly DecisionDue(DateOnly acceptedOn, WorkingDayCalendar calendar, RepairOptions options) =>
        calendar.AddWorkingDays(acceptedOn, options.DecisionWorkingDays);

    public static bool IsOverdue(RepairStatus status, DateOnly feedbackDue, DateOnly? decisionDue, DateOnly today) =>
        status is RepairStatus.Submitted or RepairStatus.Accepted
        && (today > feedbackDue || (status == RepairStatus.Accepted && decisionDue is { } due && today > due));
}
