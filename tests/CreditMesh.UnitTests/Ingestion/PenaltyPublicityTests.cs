using CreditMesh.Ingestion.Domain;
using CreditMesh.Ingestion.Domain.Publicity;

namespace CreditMesh.UnitTests.Ingestion;

public sealed class PenaltyPublicityTests
{
    // The 2025 rules take effect on 1 April 2026 (信用修复管理办法); decisions the day before fall under 2019's.
    private static readonly DateOnly LastDayOf2019Rules = new(2026, 3, 31);
    private static readonly DateOnly FirstDayOf2025Rules = new(2026, 4, 1);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static PublicityWindow Penalty(Severity severity, DateOnly decided, Sector? sector = null, bool discloseMinor = false,
        IReadOnlyList<PublicityRuleSet>? ruleSets = null) =>
        PublicityRules.Compute(RecordCategory.AdministrativePenalty, severity, decided, sector, null, ruleSets ?? PublicityRuleSet.Shipped, discloseMinor);

    [Test]
    public void A_general_penalty_is_disclosed_3_months_to_1_year_under_both_rule_versions()
    {
        // 31 Mar + 3 months has no 31 June, so AddMonths gives 30 June.
        Assert.That(Penalty(Severity.General, LastDayOf2019Rules), Is.EqualTo(new PublicityWindow(true, LastDayOf2019Rules, D(2026, 6, 30), D(2027, 3, 31), "2019")));
        Assert.That(Penalty(Severity.General, FirstDayOf2025Rules), Is.EqualTo(new PublicityWindow(true, FirstDayOf2025Rules, D(2026, 7, 1), D(2027, 4, 1), "2025")));
    }

    [Test]
    public void A_serious_penalty_is_repairable_after_6_months_under_the_2019_rules_and_after_1_year_under_2025()
    {
        Assert.That(Penalty(Severity.Serious, LastDayOf2019Rules), Is.EqualTo(new PublicityWindow(true, LastDayOf2019Rules, D(2026, 9, 30), D(2029, 3, 31), "2019")));
        Assert.That(Penalty(Severity.Serious, FirstDayOf2025Rules), Is.EqualTo(new PublicityWindow(true, FirstDayOf2025Rules, D(2027, 4, 1), D(2029, 4, 1), "2025")));
    }

    [Test]
    public void A_minor_penalty_is_not_disclosed_and_is_repairable_at_once_under_both_rule_versions()
    {
        foreach (var decided in new[] { LastDayOf2019Rules, FirstDayOf2025Rules })
        {
            var window = Penalty(Severity.Minor, decided);

            Assert.That(window.Disclosed, Is.False);
            Assert.That(window.IsDisclosedOn(decided), Is.False);
            Assert.That(window.MinimumReachedOn(decided), Is.True);
        }
    }

    [Test]
    public void A_minor_penalty_is_disclosed_for_at_most_3_months_when_the_deployment_discloses_minor_information()
    {
        // Given a deployment that discloses minor information, and a minor penalty under the 2025 rules.
        var window = Penalty(Severity.Minor, FirstDayOf2025Rules, discloseMinor: true);

        // Then it is shown for 3 months and can be repaired from the start.
        Assert.That(window, Is.EqualTo(new PublicityWindow(true, FirstDayOf2025Rules, FirstDayOf2025Rules, D(2026, 7, 1), "2025")));
        Assert.That(window.IsDisclosedOn(D(2026, 6, 30)), Is.True);
        Assert.That(window.IsDisclosedOn(D(2026, 7, 1)), Is.False);
    }

    [Test]
    public void The_2019_rules_never_disclose_minor_penalties_even_when_the_deployment_would() =>
        Assert.That(Penalty(Severity.Minor, LastDayOf2019Rules, discloseMinor: true).Disclosed, Is.False);

    [Test]
    public void A_penalty_is_disclosed_from_its_decision_date_and_no_longer_on_its_maximum_date()
    {
        // Given a general penalty decided on 10 Apr 2026.
        var window = Penalty(Severity.General, D(2026, 4, 10));

        // Then
        Assert.That(window.IsDisclosedOn(D(2026, 4, 9)), Is.False, "before the decision");
        Assert.That(window.IsDisclosedOn(D(2026, 4, 10)), Is.True);
        Assert.That(window.IsDisclosedOn(D(2027, 4, 9)), Is.True, "last day");
        Assert.That(window.IsDisclosedOn(window.MaxUntil), Is.False, "publicity ends at its maximum");
        Assert.That(window.MinimumReachedOn(D(2026, 7, 9)), Is.False);
        Assert.That(window.MinimumReachedOn(D(2026, 7, 10)), Is.True);
    }

    [Test]
    public void Month_ends_are_clamped_to_the_last_day_of_a_shorter_month()
    {
        Assert.That(Penalty(Severity.General, D(2026, 11, 30)).MinUntil, Is.EqualTo(D(2027, 2, 28)));
        Assert.That(Penalty(Severity.General, D(2027, 11, 30)).MinUntil, Is.EqualTo(D(2028, 2, 29)), "leap year");
        Assert.That(Penalty(Severity.General, D(2028, 2, 29)).MaxUntil, Is.EqualTo(D(2029, 2, 28)));
    }

    [TestCase(Sector.WorkSafety)]
    [TestCase(Sector.FireSafety)]
    [TestCase(Sector.SpecialEquipment)]
    public void A_penalty_in_a_high_risk_sector_has_a_minimum_of_1_year(Sector sector)
    {
        // Under 2019 a serious penalty's minimum rises from 6 months to 1 year; its maximum stays 3 years.
        Assert.That(Penalty(Severity.Serious, D(2025, 5, 6), sector), Is.EqualTo(new PublicityWindow(true, D(2025, 5, 6), D(2026, 5, 6), D(2028, 5, 6), "2019")));
        // Under 2025 a general penalty's minimum rises from 3 months to its 1-year maximum.
        Assert.That(Penalty(Severity.General, D(2026, 5, 6), sector), Is.EqualTo(new PublicityWindow(true, D(2026, 5, 6), D(2027, 5, 6), D(2027, 5, 6), "2025")));
    }

    [Test]
    public void A_configured_sector_minimum_beyond_the_maximum_still_ends_publicity_at_the_maximum()
    {
        var ruleSets = new[] { PublicityRuleSet.V2025 with { SectorMinimumMonths = new Dictionary<Sector, int> { [Sector.WorkSafety] = 24 } } };

        var window = Penalty(Severity.General, D(2026, 5, 6), Sector.WorkSafety, ruleSets: ruleSets);

        Assert.That((window.MinUntil, window.MaxUntil), Is.EqualTo((D(2027, 5, 6), D(2027, 5, 6))));
        Assert.That(Penalty(Severity.General, D(2026, 5, 6), Sector.FireSafety, ruleSets: ruleSets).MinUntil, Is.EqualTo(D(2026, 8, 6)), "sector not configured");
    }

    [Test]
    public void A_deployment_can_apply_the_2025_rules_from_another_date()
    {
        // Given the 2025 rules taken to apply from the notice's issue (国办发〔2025〕22号, 22 June 2025).
        var ruleSets = new[] { PublicityRuleSet.V2019, PublicityRuleSet.V2025 with { EffectiveFrom = D(2025, 6, 22) } };

        Assert.That(Penalty(Severity.Serious, D(2025, 6, 21), ruleSets: ruleSets).RuleVersion, Is.EqualTo("2019"));
        Assert.That(Penalty(Severity.Serious, D(2025, 6, 22), ruleSets: ruleSets), Is.EqualTo(new PublicityWindow(true, D(2025, 6, 22), D(2026, 6, 22), D(2028, 6, 22), "2025")));
    }

    [Test]
    public void A_decision_before_every_rule_set_is_refused() =>
        Assert.That(() => Penalty(Severity.General, D(2019, 6, 30)),
            Throws.ArgumentException.With.Message.StartsWith("No publicity rule set is in force on 2019-06-30; the earliest starts on 2019-07-01."));

    [Test]
    public void A_penalty_without_a_severity_is_refused() =>
        Assert.That(() => PublicityRules.Compute(RecordCategory.AdministrativePenalty, null, D(2026, 5, 6), null, null, PublicityRuleSet.Shipped),
            Throws.ArgumentException.With.Message.StartsWith("An administrative penalty needs a severity."));

    [Test]
    public void Rule_sets_that_contradict_themselves_are_refused()
    {
        Assert.That(() => Penalty(Severity.General, D(2026, 5, 6), ruleSets: [PublicityRuleSet.V2019, PublicityRuleSet.V2025 with { EffectiveFrom = D(2019, 7, 1) }]),
            Throws.ArgumentException.With.Message.StartsWith("Rule sets 2019, 2025 all take effect on 2019-07-01."));
        Assert.That(() => Penalty(Severity.General, D(2026, 5, 6), ruleSets: [PublicityRuleSet.V2025 with { General = new(13, 12) }]),
            Throws.ArgumentException.With.Message.StartsWith("Rule set 2025 has a negative period or a minimum above its maximum."));
        Assert.That(() => Penalty(Severity.General, D(2026, 5, 6), ruleSets: []), Throws.ArgumentException);
    }
}
