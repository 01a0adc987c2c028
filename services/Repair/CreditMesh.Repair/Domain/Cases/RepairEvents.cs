using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.Repair.Domain.Cases;

/// <summary>Evidence that obligations are fulfilled (履行义务证明), as the subject described it.</summary>
public sealed record Evidence(string Type, string Description, string? Reference);

// Every event of a case carries the subject and target, so each one maps to its integration event on its own.

/// <summary>信用修复申请: the subject applied with a credit commitment (信用修复承诺书); feedback is due by FeedbackDue.</summary>
public sealed record RepairSubmitted(string RepairId, string SubjectCode, TargetKind TargetKind, string TargetId, string? DecidingUnit,
    string Commitment, IReadOnlyList<Evidence> Evidence, DateOnly SubmittedOn, DateOnly FeedbackDue, DateTimeOffset SubmittedAt);

/// <summary>不予受理: the application was ineligible when made; the reasons say why, EligibleFrom when it was only too early.</summary>
public sealed record RepairRejected(string RepairId, string SubjectCode, TargetKind TargetKind, string TargetId, IReadOnlyList<string> Reasons,
    DateOnly? EligibleFrom, DateTimeOffset RejectedAt);

/// <summary>受理: the deciding party took the case on; its decision is due by DecisionDue.</summary>
public sealed record RepairAccepted(string RepairId, string SubjectCode, TargetKind TargetKind, string TargetId, DateOnly AcceptedOn,
    DateOnly DecisionDue, DateTimeOffset AcceptedAt);

/// <summary>准予修复: approved under a decision document number; disclosure ends or the entry is removed downstream.</summary>
public sealed record RepairApproved(string RepairId, string SubjectCode, TargetKind TargetKind, string TargetId, string DecisionNumber,
    DateTimeOffset ApprovedAt);

/// <summary>不予修复: denied, with the reason given to the subject.</summary>
public sealed record RepairDenied(string RepairId, string SubjectCode, TargetKind TargetKind, string TargetId, string Reason, DateTimeOffset DeniedAt);
