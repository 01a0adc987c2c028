namespace CreditMesh.Ingestion.Domain.Records;

/// <summary>
/// The catalogue of credit information (公共信用信息目录, DESIGN §4.2) as versioned data: each record category, the
/// fields a record of it must carry (camelCase JSON paths, as errors name them) and how it is disclosed.
/// <see cref="RecordValidator"/> reads the required fields from here, so the published list is the enforced one.
/// </summary>
public static class Catalogue
{
    /// <summary>Changes whenever a category, a required field or a disclosure note changes.</summary>
    public const string Version = "2026.1";

    /// <summary>Required of every record, whatever its category (DESIGN §5.1).</summary>
    public static IReadOnlyList<string> CommonRequiredFields { get; } =
        ["sourceRecordId", "category", "subject.code", "subject.name", "decisionNumber", "decisionDate", "decidingAuthority.name"];

    /// <summary>Required of every record in the circumstance stated; each depends on another field, so the validator checks them in code.</summary>
    public static IReadOnlyList<ConditionalRequirement> ConditionalFields { get; } =
    [
        new("subject.legalRepresentative.name", "subject.legalRepresentative is given"),
        new("subject.legalRepresentative.idNumber", "subject.legalRepresentative is given"),
        new("fineAmount", "penaltyCategories lists Fine"),
        new("license.name", "license is given"),
        new("license.content", "license is given"),
        new("license.validFrom", "license is given"),
    ];

    public static IReadOnlyList<CategoryEntry> Categories { get; } =
    [
        Entry(RecordCategory.AdministrativeLicense, "行政许可", ["license.name", "license.content", "license.validFrom"],
            "Disclosed (双公示) from the decision date while the licence is valid; due on the platform within 7 working days of the decision."),
        Entry(RecordCategory.AdministrativePenalty, "行政处罚", ["severity", "violationType", "legalBasis", "penaltyCategories", "penaltyContent"],
            "Disclosed (双公示) by severity from the decision date: Minor not by default, General 3 months to 1 year, Serious 1 to 3 years " +
            "(国办发〔2025〕22号); due on the platform within 7 working days of the decision."),
        Entry(RecordCategory.CourtDefaulter, "失信被执行人", ["facts"],
            "Disclosed while the court's listing is in force (validUntil, else 2 years); the court ends it, credit repair does not."),
        Entry(RecordCategory.MajorTaxViolation, "重大税收违法", ["violationType", "legalBasis"],
            "Disclosed as serious dishonesty and proposed for the serious dishonesty list (严重失信主体名单) after notice and an objection window."),
        Entry(RecordCategory.CreditCommitment, "信用承诺", ["facts"],
            "Disclosed as the subject's public commitment, against which a later CommitmentBreach is judged."),
        Entry(RecordCategory.CommitmentBreach, "违背承诺", ["facts"],
            "Disclosed, and puts the subject on the key attention list (重点关注名单) for 1 year."),
        Entry(RecordCategory.Honor, "表彰", ["facts"],
            "Disclosed while in force (validUntil, else 1 year) as the basis of a red list entry (红名单)."),
    ];

    /// <summary>The body of GET /api/v1/catalog.</summary>
    public static CatalogueResponse Response { get; } = new(Version, Categories);

    public static CategoryEntry For(RecordCategory category) =>
        Categories.SingleOrDefault(c => c.Category == category)
        ?? throw new ArgumentOutOfRangeException(nameof(category), category, "The catalogue has no such category.");

    private static CategoryEntry Entry(RecordCategory category, string chineseName, string[] required, string disclosure) =>
        new(category, chineseName, [.. CommonRequiredFields, .. required], ConditionalFields, disclosure);
}

/// <summary>One category of the catalogue: its Chinese name, the fields every record of it carries, and how it is disclosed.</summary>
public sealed record CategoryEntry(
    RecordCategory Category,
    string ChineseName,
    IReadOnlyList<string> RequiredFields,
    IReadOnlyList<ConditionalRequirement> RequiredWhen,
    string Disclosure);

/// <summary>A field required only in a circumstance, described for people, e.g. fineAmount when penaltyCategories lists Fine.</summary>
public sealed record ConditionalRequirement(string Field, string When);

/// <summary>GET /api/v1/catalog: the catalogue version and its categories.</summary>
public sealed record CatalogueResponse(string Version, IReadOnlyList<CategoryEntry> Categories);
