namespace CreditMesh.Contracts;

/// <summary>
/// A credit subject (主体) was registered in the registry (provisionally when first seen in a credit record).
/// RegisteredBy: the member unit that registered it (null for the credit centre, a provisional subject, or older events).
/// </summary>
public sealed record SubjectRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SubjectCode,
    string SourceStream,
    long SourceVersion,
    string? CorrelationId,
    Actor? Actor,
    string Kind,
    string Name,
    string? LegalRepresentativeName = null,
    string? LegalRepresentativeIdNumber = null,
    bool Provisional = false,
    string? RegisteredBy = null) : IIntegrationEvent;

/// <summary>A subject's name or legal representative changed (matching re-links the legal representative association).</summary>
public sealed record SubjectUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SubjectCode,
    string SourceStream,
    long SourceVersion,
    string? CorrelationId,
    Actor? Actor,
    string Name,
    string? LegalRepresentativeName = null,
    string? LegalRepresentativeIdNumber = null) : IIntegrationEvent;

/// <summary>转码/映射: a legacy identifier now resolves to this subject.</summary>
public sealed record LegacyCodeLinked(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SubjectCode,
    string SourceStream,
    long SourceVersion,
    string? CorrelationId,
    Actor? Actor,
    string LegacyCode,
    string LegacyCodeKind) : IIntegrationEvent;

/// <summary>The subject was deregistered (注销); its history stays.</summary>
public sealed record SubjectDeregistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SubjectCode,
    string SourceStream,
    long SourceVersion,
    string? CorrelationId,
    Actor? Actor,
    string Reason) : IIntegrationEvent;
