namespace CreditMesh.Contracts;

/// <summary>A list entry (名单) was proposed: notice to the subject, objection window running.</summary>
public sealed record ListEntryProposed(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, string ListType, string DeterminedBy, DateTimeOffset? ValidUntil,
    IReadOnlyList<string>? BasisRecordIds = null, DateTimeOffset? ObjectionWindowEndsAt = null) : IIntegrationEvent;

/// <summary>
/// A list entry became active: matching hits it from ValidFrom until ValidUntil. An entry imported from a national list
/// (国家下发名单) carries its <paramref name="NationalId"/>, the national <paramref name="Basis"/> it rests on and the subject's name as
/// the national list gives it.
/// </summary>
public sealed record ListEntryActivated(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, string ListType, string DeterminedBy, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil,
    IReadOnlyList<string>? BasisRecordIds = null, string? NationalId = null, string? Basis = null,
    string? SubjectName = null) : IIntegrationEvent;

/// <summary>A list entry was removed: Expired, Repaired, BasisRevoked, ObjectionUpheld or Withdrawn.</summary>
public sealed record ListEntryRemoved(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, string Reason) : IIntegrationEvent;

/// <summary>一票否决: a red-list entry is suspended while the subject has an active black entry (named by CausedBy).</summary>
public sealed record ListEntrySuspended(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, string CausedBy) : IIntegrationEvent;

/// <summary>A suspended red-list entry is active again: the black entry that suspended it was removed and it is still valid.</summary>
public sealed record ListEntryRestored(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ListEntryId, DateTimeOffset ValidUntil) : IIntegrationEvent;
