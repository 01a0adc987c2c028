using CreditMesh.Contracts.Vocabulary;
namespace CreditMesh.Repair.Domain;

/// <summary>
/// Section "Repair": what may be repaired and when, and the working-day deadlines (DESIGN §4.5, ADR 0009).
/// Plain data so the deciders stay pure; validated at start-up.
/// </summary>
public sealed class RepairOptions
{
    public const string Section = "Repair";

    /// <summary>
    /// Record categories and list types that are never repaired. Court defaulters are removed by the court once the
    /// judgment is performed (最高人民法院关于公布失信被执行人名单信息的若干规定 第十条), not by credit repair; licences,
    /// honours, commitments and the red list are not dishonesty information (信用修复管理办法 第二条). Null keeps these defaults.
    /// </summary>
    public string[]? NonRepairable { get; set; }

    public static readonly string[] DefaultNonRepairable = [RecordCategories.CourtDefaulter, RecordCategories.AdministrativeLicense, RecordCategories.Honor, RecordCategories.CreditCommitment, ListTypes.RedList];

    public IReadOnlySet<string> NonRepairableCategories => (NonRepairable ?? DefaultNonRepairable).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Months a list entry must have been active before its subject may apply, from its ValidFrom. Serious dishonesty:
    /// 1 year (信用修复管理办法 2025, 严重失信主体名单 满1年); key attention: 3 months, as for the general penalties it
    /// is built from (ADR 0009). A list type without a value here cannot be repaired.
    /// </summary>
    public Dictionary<string, int> ListEntryMinimumMonths { get; set; } = new(StringComparer.Ordinal)
    {
        [ListTypes.SeriousDishonesty] = 12,
        [ListTypes.KeyAttention] = 3,
    };

    /// <summary>Decision due within this many working days of acceptance (DESIGN §4.5).</summary>
    public int DecisionWorkingDays { get; set; } = 3;

    /// <summary>Feedback to the subject due within this many working days of the application (DESIGN §4.5).</summary>
    public int FeedbackWorkingDays { get; set; } = 10;

    /// <summary>
    /// How long an application or objection waits for a target repair has not heard of yet: a subject may act on a record
    /// it saw disclosed a moment after its acceptance, before ingestion's event reached repair. After it: 409 Retry-After.
    /// </summary>
    public TimeSpan UnknownTargetWait { get; set; } = TimeSpan.FromSeconds(3);

    public IEnumerable<string> Problems()
    {
        if (UnknownTargetWait < TimeSpan.Zero || UnknownTargetWait > TimeSpan.FromSeconds(30))
            yield return "Repair:UnknownTargetWait must be between 0 and 30 seconds.";
        if (DecisionWorkingDays < 1) yield return "Repair:DecisionWorkingDays must be at least 1.";
        if (FeedbackWorkingDays < DecisionWorkingDays) yield return "Repair:FeedbackWorkingDays must not be shorter than DecisionWorkingDays.";
        foreach (var (type, months) in ListEntryMinimumMonths)
            if (months < 0) yield return $"Repair:ListEntryMinimumMonths:{type} must not be negative.";
    }
}
