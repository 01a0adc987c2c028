namespace CreditMesh.Contracts;

/// <summary>
/// Ingestion accepted a credit record (双公示 licence or penalty, court defaulter, honour…). Carries what
/// other services need about the record's subject, so the registry can register a subject it has not
/// seen yet (provisionally) without calling ingestion.
/// </summary>
public sealed record CreditRecordAccepted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SubjectCode,
    string SourceStream,
    long SourceVersion,
    string? CorrelationId,
    Actor? Actor,
    string RecordId,
    string SourceUnit,
    string Category,
    string SubjectName,
    string SubjectKind,
    DateOnly DecisionDate,
    string? Severity = null,
    string? LegalRepresentativeName = null,
    string? LegalRepresentativeIdNumber = null,
    bool Disclosed = false,
    DateOnly? PublicityFrom = null,
    DateOnly? PublicityMaxUntil = null,
    DateOnly? ValidUntil = null,
    DateOnly? PublicityMinUntil = null,
    string? PublicityRuleVersion = null,
    string? Sector = null,
    RecordContent? Content = null) : IIntegrationEvent;

/// <summary>
/// What a credit report prints of a record (DESIGN §4.8: decision number, authority, content): its 双公示 fields as the
/// source unit submitted them. Personal identity numbers in the free text are masked by the reader that shows them.
/// </summary>
public sealed record RecordContent(string? DecisionNumber = null, string? DecidingAuthority = null, string? ViolationType = null,
    string? PenaltyContent = null, string? Facts = null, string? LicenseName = null, string? LicenseContent = null,
    decimal? FineAmount = null);

/// <summary>
/// The source unit corrected a record (new version of its content, with the reason). The optional members carry
/// the corrected facts other services derive from (lists re-judge the entry, repair the minimum publicity).
/// </summary>
public sealed record CreditRecordCorrected(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RecordId, string Reason,
    string? Category = null, string? Severity = null, DateOnly? DecisionDate = null, DateOnly? ValidUntil = null,
    bool? Disclosed = null, DateOnly? PublicityFrom = null, DateOnly? PublicityMinUntil = null, DateOnly? PublicityMaxUntil = null,
    string? PublicityRuleVersion = null, string? SourceUnit = null, RecordContent? Content = null) : IIntegrationEvent;

/// <summary>The decision behind a record was withdrawn (reconsideration, court): derived entries go, disclosure ends.</summary>
public sealed record CreditRecordRevoked(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RecordId, string Reason) : IIntegrationEvent;

/// <summary>终止公示: a record is no longer disclosed (window ended, repaired, revoked).</summary>
public sealed record CreditRecordDisclosureEnded(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RecordId, string Reason) : IIntegrationEvent;
