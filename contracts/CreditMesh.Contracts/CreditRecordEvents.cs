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
    CreditRecordContent? Content = null) : IIntegrationEvent;

/// <summary>
/// The source unit corrected a record (new version of its content, with the reason). The optional members carry
/// the corrected facts other services derive from (lists re-judge the entry, repair the minimum publicity).
/// </summary>
public sealed record CreditRecordCorrected(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RecordId, string Reason,
    string? Category = null, string? Severity = null, DateOnly? DecisionDate = null, DateOnly? ValidUntil = null,
    bool? Disclosed = null, DateOnly? PublicityFrom = null, DateOnly? PublicityMinUntil = null, DateOnly? PublicityMaxUntil = null,
    string? PublicityRuleVersion = null, string? SourceUnit = null,
    CreditRecordContent? Content = null, string? SubjectName = null, string? SubjectKind = null) : IIntegrationEvent;

/// <summary>
/// The decision behind a record was withdrawn (reconsideration, court): derived entries go, disclosure ends.
/// <paramref name="ObjectionId"/> names the upheld objection (异议成立) when that is why it was revoked.
/// </summary>
public sealed record CreditRecordRevoked(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RecordId, string Reason, string? ObjectionId = null) : IIntegrationEvent;

/// <summary>终止公示: a record is no longer disclosed (window ended, repaired, revoked).</summary>
public sealed record CreditRecordDisclosureEnded(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string RecordId, string Reason) : IIntegrationEvent;

/// <summary>
/// What a record says, as the national 双公示 exchange and credit reports need it (DESIGN §4.2, §5.1): the decision document,
/// the authority, the facts and the penalty or licence. Names follow POST /api/v1/records; amounts are yuan.
/// </summary>
public sealed record CreditRecordContent(
    string DecisionNumber,
    string DecidingAuthorityName,
    string? DecidingAuthorityCode = null,
    string? ViolationType = null,
    string? Facts = null,
    string? LegalBasis = null,
    IReadOnlyList<string>? PenaltyCategories = null,
    string? PenaltyContent = null,
    decimal? FineAmount = null,
    decimal? ConfiscatedAmount = null,
    string? LicenseName = null,
    string? LicenseContent = null,
    DateOnly? LicenseValidFrom = null,
    DateOnly? LicenseValidUntil = null);
