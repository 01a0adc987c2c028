namespace CreditMesh.Contracts;

/// <summary>
/// 信用报告 (DESIGN §4.8): the registry issued a credit report about a subject, a snapshot of its credit archive at
/// <paramref name="GeneratedAt"/>. <paramref name="Sha256"/> is the hex SHA-256 of the report's canonical JSON. The
/// verification code is not carried: it is what a receiver of the report holds to check it is genuine.
/// </summary>
public sealed record ReportIssued(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string ReportId, string ReportNumber, string Purpose, DateTimeOffset GeneratedAt, string Sha256)
    : IIntegrationEvent;
