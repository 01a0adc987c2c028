using CreditMesh.Contracts;

namespace CreditMesh.Exchange.Domain.Codes;

/// <summary>A credit record as ingestion's events describe it (acceptance or correction), with its 双公示 content.</summary>
public sealed record RecordSnapshot(string RecordId, string Category, string? Severity, string SubjectCode, string? SubjectName, string? SubjectKind,
    string? LegalRepresentativeName, DateOnly? DecisionDate, string? SourceUnit, CreditRecordContent? Content, DateOnly? PublicityMaxUntil,
    DateOnly? ValidUntil);

/// <summary>An active list entry as the lists' events describe it; the subject's name when exchange has seen it (records, national lists).</summary>
public sealed record EntrySnapshot(string ListEntryId, string ListType, string SubjectCode, string? SubjectName, string DeterminedBy,
    DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, IReadOnlyList<string> BasisRecordIds, string? NationalId, string? Basis);
