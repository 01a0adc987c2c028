using CreditMesh.Identifiers;
using CreditMesh.Ingestion.Domain.Publicity;

namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// A validated credit record (信用记录): strings trimmed, codes normalized, enumerations and dates typed.
/// Only <see cref="RecordValidator"/> makes one from a submission; <see cref="RecordFingerprint"/> hashes its content.
/// </summary>
public sealed record CreditRecord(
    string SourceRecordId,
    RecordCategory Category,
    RecordSubject Subject,
    string DecisionNumber,
    DateOnly DecisionDate,
    DecidingAuthority DecidingAuthority,
    Severity? Severity,
    string? ViolationType,
    string? Facts,
    string? LegalBasis,
    IReadOnlyList<PenaltyCategory> PenaltyCategories,
    string? PenaltyContent,
    decimal? FineAmount,
    decimal? ConfiscatedAmount,
    Sector? Sector,
    DateOnly? ValidUntil,
    License? License);

/// <summary>信用主体: the code is the normalized unified social credit code, or the resident ID number of a natural person.</summary>
public sealed record RecordSubject(string Code, string Name, SubjectKind Kind, LegalRepresentative? LegalRepresentative);

/// <summary>法定代表人 (or 负责人) of the subject, with the normalized 18-digit resident ID number.</summary>
public sealed record LegalRepresentative(string Name, string IdNumber);

/// <summary>作出决定的机关 and, when given, its normalized unified social credit code.</summary>
public sealed record DecidingAuthority(string Name, string? Code);

/// <summary>The licence an AdministrativeLicense (行政许可) record grants.</summary>
public sealed record License(string Name, string Content, DateOnly ValidFrom, DateOnly? ValidUntil);
