using System.ComponentModel.DataAnnotations;

namespace CreditMesh.Lists.Domain;

/// <summary>How one list works: its kind, how long an entry stays, and whether the subject gets notice and an objection window first.</summary>
public sealed record ListTypeRule(ListKind Kind, int ValidityMonths, bool NeedsNotice);

/// <summary>
/// The determination rules of DESIGN §4.3 as data. Every entry records the <see cref="Version"/> it was
/// determined under, so a change of periods (configuration) is visible in the entry's history.
/// </summary>
public sealed record DeterminationRules(string Version, int ObjectionWindowWorkingDays, int RepeatPenaltyThreshold,
    int RepeatPenaltyWindowMonths, IReadOnlyDictionary<ListType, ListTypeRule> Lists)
{
    public ListTypeRule this[ListType listType] => Lists[listType];

    /// <summary>The list a rule puts a subject on.</summary>
    public static ListType ListOf(DeterminationRule rule) => rule switch
    {
        DeterminationRule.SeriousPenalty or DeterminationRule.MajorTaxViolation => ListType.SeriousDishonesty,
        DeterminationRule.CourtDefaulter => ListType.CourtDefaulter,
        DeterminationRule.RepeatedGeneralPenalties or DeterminationRule.CommitmentBreach => ListType.KeyAttention,
        DeterminationRule.Honor => ListType.RedList,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "A manual proposal names its list itself."),
    };

    public static DeterminationRules From(ListsOptions o) => new(o.RuleVersion, o.ObjectionWindowWorkingDays, o.RepeatPenaltyThreshold,
        o.RepeatPenaltyWindowMonths, new Dictionary<ListType, ListTypeRule>
        {
            [ListType.SeriousDishonesty] = new(ListKind.Black, o.SeriousDishonestyValidityMonths, NeedsNotice: true),
            [ListType.CourtDefaulter] = new(ListKind.Black, o.CourtDefaulterValidityMonths, NeedsNotice: false),
            [ListType.KeyAttention] = new(ListKind.Grey, o.KeyAttentionValidityMonths, NeedsNotice: false),
            [ListType.RedList] = new(ListKind.Red, o.RedListValidityMonths, NeedsNotice: false),
        });

    /// <summary>The DESIGN §4.3 table as shipped.</summary>
    public static DeterminationRules Default => From(new ListsOptions());
}
