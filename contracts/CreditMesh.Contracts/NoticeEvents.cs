namespace CreditMesh.Contracts;

/// <summary>
/// 告知书 (DESIGN §4.9, 国办发〔2020〕49号): before a list entry takes effect the subject is told which entry is proposed,
/// on which records and legal basis, and until when it may object (<paramref name="ObjectionDeadline"/>, the end of the
/// objection window in working days).
/// </summary>
public sealed record ListingNoticeIssued(Guid EventId, DateTimeOffset OccurredAt, string SubjectCode, string SourceStream, long SourceVersion,
    string? CorrelationId, Actor? Actor, string NoticeId, string ListEntryId, string ListType, IReadOnlyList<string> BasisRecordIds,
    string LegalBasis, DateTimeOffset ObjectionDeadline) : IIntegrationEvent;
