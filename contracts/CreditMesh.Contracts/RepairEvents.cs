namespace CreditMesh.Contracts;

/// <summary>信用修复: a subject applied to repair a record's disclosure or a list entry.</summary>
public sealed record RepairApplied(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RepairId, string TargetKind, string TargetId,
    string? DecidingUnit = null) : IIntegrationEvent;

/// <summary>A repair case was decided (or rejected as ineligible): the case is closed.</summary>
public sealed record RepairDecided(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RepairId, string TargetKind, string TargetId, bool Approved, string? DecisionNumber, string? Reason)
    : IIntegrationEvent;

/// <summary>异议: a subject disputes a record or list entry.</summary>
public sealed record ObjectionOpened(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ObjectionId, string TargetKind, string TargetId) : IIntegrationEvent;

/// <summary>The owning unit resolved an objection: upheld (correct or revoke) or rejected.</summary>
public sealed record ObjectionResolved(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ObjectionId, bool Upheld, string Action, string? Reason,
    string? TargetKind = null, string? TargetId = null) : IIntegrationEvent;

/// <summary>受理: the deciding party accepted a repair case; its decision is due by DecisionDue (working days, China Standard Time).</summary>
public sealed record RepairAccepted(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RepairId, string TargetKind, string TargetId, DateOnly DecisionDue) : IIntegrationEvent;
