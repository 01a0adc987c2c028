namespace CreditMesh.Contracts.Vocabulary;

/// <summary>名单类型 (DESIGN §4.3) as integration events and the API spell them.</summary>
public static class ListTypes
{
    public const string SeriousDishonesty = "SeriousDishonesty";
    public const string CourtDefaulter = "CourtDefaulter";
    public const string KeyAttention = "KeyAttention";
    public const string RedList = "RedList";

    public static readonly IReadOnlyList<string> All = [SeriousDishonesty, CourtDefaulter, KeyAttention, RedList];
}

/// <summary>Record categories of the catalogue (DESIGN §4.2) as integration events and the API spell them.</summary>
public static class RecordCategories
{
    public const string AdministrativeLicense = "AdministrativeLicense";
    public const string AdministrativePenalty = "AdministrativePenalty";
    public const string CourtDefaulter = "CourtDefaulter";
    public const string MajorTaxViolation = "MajorTaxViolation";
    public const string CreditCommitment = "CreditCommitment";
    public const string CommitmentBreach = "CommitmentBreach";
    public const string Honor = "Honor";
}

/// <summary>Penalty severity tiers (国办发〔2025〕22号, DESIGN §4.2).</summary>
public static class Severities
{
    public const string Minor = "Minor";
    public const string General = "General";
    public const string Serious = "Serious";
}

/// <summary>What a repair or an objection is about (DESIGN §4.5): a record or a list entry.</summary>
public static class TargetKinds
{
    public const string Record = "Record";
    public const string ListEntry = "ListEntry";
}
