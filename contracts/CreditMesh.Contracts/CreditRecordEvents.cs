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
    string? LegalRepresentativeIdNumber = null) : IIntegrationEvent;
