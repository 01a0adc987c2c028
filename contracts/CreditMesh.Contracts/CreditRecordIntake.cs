namespace CreditMesh.Contracts;

/// <summary>
/// A member unit submits a credit record over AMQP (DESIGN §5): the same body as POST /api/v1/records.
/// The sending unit is the broker login stamped in the message's user-id; <see cref="SourceUnit"/> must
/// match it or the record is rejected.
/// </summary>
public sealed record SubmitCreditRecord(Guid SubmissionId, string SourceUnit, CreditRecordBody Record);

/// <summary>The answer to a <see cref="SubmitCreditRecord"/>: Accepted, Duplicate or Rejected (with errors by field path).</summary>
public sealed record CreditRecordSubmissionResult(Guid SubmissionId, string SourceUnit, string? SourceRecordId, string Status,
    string? RecordId = null, bool? Late = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>A credit record as member units send it (field names as in DESIGN §5.1; all optional here, validated by ingestion).</summary>
public sealed record CreditRecordBody(
    string? SourceRecordId = null, string? Category = null, RecordSubjectBody? Subject = null, string? DecisionNumber = null,
    string? DecisionDate = null, AuthorityBody? DecidingAuthority = null, string? Severity = null, string? ViolationType = null,
    string? Facts = null, string? LegalBasis = null, IReadOnlyList<string>? PenaltyCategories = null, string? PenaltyContent = null,
    decimal? FineAmount = null, decimal? ConfiscatedAmount = null, string? Sector = null, string? ValidUntil = null, LicenseBody? License = null);

public sealed record RecordSubjectBody(string? Code = null, string? Name = null, string? Kind = null, LegalRepresentativeBody? LegalRepresentative = null);
public sealed record LegalRepresentativeBody(string? Name = null, string? IdNumber = null);
public sealed record AuthorityBody(string? Name = null, string? Code = null);
public sealed record LicenseBody(string? Name = null, string? Content = null, string? ValidFrom = null, string? ValidUntil = null);
