namespace CreditMesh.Contracts;

/// <summary>A list entry (名单) was proposed: notice to the subject, objection window running.</summary>
public sealed record ListEntryProposed(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, string ListType, string DeterminedBy, DateTimeOffset? ValidUntil) : IIntegrationEvent;

/// <summary>A list entry became active: matching hits it from ValidFrom until ValidUntil.</summary>
public sealed record ListEntryActivated(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, string ListType, string DeterminedBy, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil)
    : IIntegrationEvent;

/// <summary>A list entry was removed: Expired, Repaired, BasisRevoked, ObjectionUpheld or Withdrawn.</summary>
public sealed record ListEntryRemoved(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, string Reason) : IIntegrationEvent;
