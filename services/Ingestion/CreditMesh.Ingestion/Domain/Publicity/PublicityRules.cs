namespace CreditMesh.Ingestion.Domain.Publicity;

/// <summary>
/// Works out a record's publicity window under the rule set in force on its decision date. Periods are
/// counted from the decision date (信用修复管理办法: 公示期限自司法、行政公务文书认定之日起开始计算) in calendar
/// months with <see cref="DateOnly.AddMonths"/>, which keeps the day of the month or, when that month is
/// shorter, takes its last day: 31 January + 1 month = 28 February (29 in a leap year).
/// </summary>
public static class PublicityRules
{
    /// <param name="severity">Required for administrative penalties; ignored otherwise (a major tax violation is always serious).</param>
    /// <param name="sector">Selects the rule set's longer minimum for general and serious penalties.</param>
    /// <param name="validUntil">Last valid day of a licence, court defaulter listing or honour; ignored for other categories.</param>
    /// <param name="discloseMinor">Whether this deployment discloses minor penalties (国办发〔2025〕22号: 确有必要公示的, 最长3个月).</param>
    /// <exception cref="ArgumentException">No rule set is in force on the decision date, the rule sets are inconsistent, or a required input is missing.</exception>
    public static PublicityWindow Compute(RecordCategory category, Severity? severity, DateOnly decisionDate, Sector? sector,
        DateOnly? validUntil, IReadOnlyList<PublicityRuleSet> ruleSets, bool discloseMinor = false)
    {
        var rules = InForceOn(decisionDate, ruleSets);
        var months = rules.Categories;
        return category switch
        {
            RecordCategory.AdministrativePenalty => Graded(rules, severity
                ?? throw new ArgumentException("An administrative penalty needs a severity.", nameof(severity)), decisionDate, sector, discloseMinor),
            // Listed major tax violators are serious dishonesty (重大税收违法失信主体, 国家税务总局令第54号).
            RecordCategory.MajorTaxViolation => Graded(rules, Severity.Serious, decisionDate, sector, discloseMinor),
            RecordCategory.AdministrativeLicense => Fixed(rules, decisionDate, EndOf(validUntil, decisionDate) ?? decisionDate.AddMonths(months.LicenseMonths)),
            RecordCategory.CourtDefaulter => Fixed(rules, decisionDate, EndOf(validUntil, decisionDate) ?? decisionDate.AddMonths(months.CourtDefaulterMonths)),
            RecordCategory.Honor => Fixed(rules, decisionDate, EndOf(validUntil, decisionDate) ?? decisionDate.AddMonths(months.HonorMonths)),
            RecordCategory.CreditCommitment or RecordCategory.CommitmentBreach => Fixed(rules, decisionDate, decisionDate.AddMonths(months.CommitmentMonths)),
            _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown record category."),
        };
    }

    /// <summary>The rule set with the latest EffectiveFrom on or before the decision date.</summary>
    private static PublicityRuleSet InForceOn(DateOnly decisionDate, IReadOnlyList<PublicityRuleSet> ruleSets)
    {
        Check(ruleSets);
        return ruleSets.Where(r => r.EffectiveFrom <= decisionDate).MaxBy(r => r.EffectiveFrom)
            ?? throw new ArgumentException($"No publicity rule set is in force on {decisionDate:O}; the earliest starts on "
                + $"{ruleSets.Min(r => r.EffectiveFrom):O}.", nameof(ruleSets));
    }

    private static void Check(IReadOnlyList<PublicityRuleSet> ruleSets)
    {
        if (ruleSets.Count == 0)
            throw new ArgumentException("At least one publicity rule set is needed.", nameof(ruleSets));
        if (ruleSets.GroupBy(r => r.EffectiveFrom).FirstOrDefault(g => g.Count() > 1) is { } clash)
            throw new ArgumentException($"Rule sets {string.Join(", ", clash.Select(r => r.Version))} all take effect on {clash.Key:O}.", nameof(ruleSets));
        foreach (var r in ruleSets)
            if (r.MinorMaximumMonths < 0 || r.SectorMinimumMonths.Values.Any(m => m < 0)
                || new[] { r.General, r.Serious }.Any(p => p.MinimumMonths < 0 || p.MinimumMonths > p.MaximumMonths))
                throw new ArgumentException($"Rule set {r.Version} has a negative period or a minimum above its maximum.", nameof(ruleSets));
    }

    private static PublicityWindow Graded(PublicityRuleSet rules, Severity severity, DateOnly decisionDate, Sector? sector, bool discloseMinor)
    {
        if (severity == Severity.Minor)
            // Minor information can be repaired as soon as obligations are met, so its minimum is the decision date.
            return discloseMinor && rules.MinorMaximumMonths is { } minorMonths
                ? new(true, decisionDate, decisionDate, decisionDate.AddMonths(minorMonths), rules.Version)
                : new(false, decisionDate, decisionDate, decisionDate, rules.Version);

        var period = severity == Severity.Serious ? rules.Serious : rules.General;
        var minimumMonths = sector is { } s && rules.SectorMinimumMonths.TryGetValue(s, out var sectorMonths)
            ? Math.Max(period.MinimumMonths, sectorMonths)
            : period.MinimumMonths;
        // A sector minimum never extends publicity past the tier's maximum: publicity still ends there.
        minimumMonths = Math.Min(minimumMonths, period.MaximumMonths);
        return new(true, decisionDate, decisionDate.AddMonths(minimumMonths), decisionDate.AddMonths(period.MaximumMonths), rules.Version);
    }

    /// <summary>Categories that are not repaired early: their minimum is their maximum.</summary>
    private static PublicityWindow Fixed(PublicityRuleSet rules, DateOnly decisionDate, DateOnly maxUntil) =>
        new(true, decisionDate, maxUntil, maxUntil, rules.Version);

    /// <summary>The window end for a last valid day: the day after it, since a window ends before MaxUntil.</summary>
    private static DateOnly? EndOf(DateOnly? validUntil, DateOnly decisionDate) => validUntil switch
    {
        null => null,
        { } last when last < decisionDate => throw new ArgumentException(
            $"validUntil {last:O} is before the decision date {decisionDate:O}.", nameof(validUntil)),
        { } last => last.AddDays(1),
    };
}
