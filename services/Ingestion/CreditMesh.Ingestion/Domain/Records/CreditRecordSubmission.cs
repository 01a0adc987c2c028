using CreditMesh.ServiceDefaults.Json;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// A credit record (信用记录) as a member unit sends it (POST /api/v1/records, DESIGN §5.1), before any check:
/// every field may be missing or wrong, and <see cref="RecordValidator"/> says which. Property names are the contract
/// (camelCase in JSON). <c>sourceUnit</c> is deliberately absent: it comes from the caller's token, never the body.
/// Its text is read verbatim: <see cref="RecordValidator"/> checks control characters and lengths, per record of a batch.
/// </summary>
[VerbatimText]
public sealed record CreditRecordSubmission
{
    public string? SourceRecordId { get; init; }

    /// <summary>A <see cref="RecordCategory"/> name, exactly as written.</summary>
    public string? Category { get; init; }

    public SubmittedSubject? Subject { get; init; }

    /// <summary>决定书文号, e.g. 深市监罚〔2026〕123号.</summary>
    public string? DecisionNumber { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? DecisionDate { get; init; }

    public SubmittedAuthority? DecidingAuthority { get; init; }

    /// <summary>A <see cref="Domain.Severity"/> name: Minor, General or Serious.</summary>
    public string? Severity { get; init; }

    public string? ViolationType { get; init; }

    public string? Facts { get; init; }

    public string? LegalBasis { get; init; }

    /// <summary><see cref="PenaltyCategory"/> names.</summary>
    public IReadOnlyList<string?>? PenaltyCategories { get; init; }

    public string? PenaltyContent { get; init; }

    /// <summary>Yuan.</summary>
    public decimal? FineAmount { get; init; }

    /// <summary>Yuan.</summary>
    public decimal? ConfiscatedAmount { get; init; }

    /// <summary>A <see cref="Publicity.Sector"/> name, selecting the sector's publicity overrides.</summary>
    public string? Sector { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? ValidUntil { get; init; }

    public SubmittedLicense? License { get; init; }
}

[VerbatimText]
public sealed record SubmittedSubject
{
    public string? Code { get; init; }

    public string? Name { get; init; }

    /// <summary>A <see cref="CreditMesh.Identifiers.SubjectKind"/> name; LegalPerson when missing.</summary>
    public string? Kind { get; init; }

    public SubmittedLegalRepresentative? LegalRepresentative { get; init; }
}

[VerbatimText]
public sealed record SubmittedLegalRepresentative
{
    public string? Name { get; init; }

    public string? IdNumber { get; init; }
}

[VerbatimText]
public sealed record SubmittedAuthority
{
    public string? Name { get; init; }

    /// <summary>The authority's unified social credit code; optional.</summary>
    public string? Code { get; init; }
}

[VerbatimText]
public sealed record SubmittedLicense
{
    public string? Name { get; init; }

    public string? Content { get; init; }

    /// <summary>YYYY-MM-DD.</summary>
    public string? ValidFrom { get; init; }

    /// <summary>YYYY-MM-DD; optional.</summary>
    public string? ValidUntil { get; init; }
}
