namespace CreditMesh.Registry.Domain.Reports;

/// <summary>What a report is for (DESIGN §5.2): attached to bids, loans or applications, or general use.</summary>
public enum ReportPurpose { General, Bidding, Financing, Application }

/// <summary>
/// 信用报告 (DESIGN §4.8): a subject's credit as its archive holds it at <see cref="GeneratedAt"/>. This is the document
/// GET /api/v1/reports/{id} answers and whose canonical JSON the report's SHA-256 is computed over; personal identity
/// numbers are already masked in it, so every reader sees the same bytes.
/// </summary>
public sealed record CreditReport(string ReportNumber, DateTimeOffset GeneratedAt, string Purpose, string VerificationCode, ReportSubject Subject,
    ReportSections Sections, IReadOnlyList<string> Notes);

public sealed record ReportSubject(string Code, string Name, string Kind, ReportRepresentative? LegalRepresentative);

/// <summary>法定代表人, the ID number masked (110105********0123).</summary>
public sealed record ReportRepresentative(string Name, string? IdNumber);

public sealed record ReportSections(IReadOnlyList<LicenseItem> Licenses, IReadOnlyList<PenaltyItem> Penalties, IReadOnlyList<ListEntryItem> ListEntries,
    IReadOnlyList<HonorItem> Honors, IReadOnlyList<CommitmentItem> Commitments, EvaluationItem Evaluation);

/// <summary>行政许可. <see cref="PublicityEnds"/> is the first day the record is no longer disclosed.</summary>
public sealed record LicenseItem(string RecordId, string? DecisionNumber, string? LicenseName, string? LicenseContent, string? DecidingAuthority,
    DateOnly DecisionDate, DateOnly? PublicityEnds, bool UnderObjection);

/// <summary>行政处罚, 失信被执行人, 重大税收违法: the dishonesty records, with decision number, authority and content.</summary>
public sealed record PenaltyItem(string RecordId, string Category, string? Severity, string? DecisionNumber, string? ViolationType, string? Content,
    decimal? FineAmount, string? DecidingAuthority, DateOnly DecisionDate, DateOnly? PublicityEnds, bool UnderObjection);

/// <summary>An active list entry (black, grey or red) at the report instant.</summary>
public sealed record ListEntryItem(string ListEntryId, string ListType, string? DeterminedBy, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil,
    bool UnderObjection);

/// <summary>表彰 (Honor records).</summary>
public sealed record HonorItem(string RecordId, string? DecisionNumber, string? Content, string? DecidingAuthority, DateOnly DecisionDate,
    DateOnly? PublicityEnds, bool UnderObjection);

/// <summary>信用承诺 and 违背承诺.</summary>
public sealed record CommitmentItem(string RecordId, string Category, string? DecisionNumber, string? Content, string? DecidingAuthority,
    DateOnly DecisionDate, DateOnly? PublicityEnds, bool UnderObjection);

/// <summary>公共信用综合评价 at the instant: the latest EvaluationChanged, or "not evaluated" before the first one.</summary>
public sealed record EvaluationItem(bool Evaluated, string? Grade, int? Score, string? ModelVersion, DateTimeOffset? EvaluatedAt, string Statement);
