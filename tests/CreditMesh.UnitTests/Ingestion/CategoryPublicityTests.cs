using CreditMesh.Ingestion.Domain;
using CreditMesh.Ingestion.Domain.Publicity;

namespace CreditMesh.UnitTests.Ingestion;

public sealed class CategoryPublicityTests
{
    private static readonly DateOnly Decided = new(2026, 5, 10);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static PublicityWindow Window(RecordCategory category, DateOnly? validUntil = null, Severity? severity = null) =>
        PublicityRules.Compute(category, severity, Decided, null, validUntil, PublicityRuleSet.Shipped);

    private static PublicityWindow Until(DateOnly maxUntil) => new(true, Decided, maxUntil, maxUntil, "2025");

    [Test]
    public void A_licence_is_disclosed_through_its_last_valid_day()
    {
        // Given a licence valid until 31 Dec 2028.
        var window = Window(RecordCategory.AdministrativeLicense, validUntil: D(2028, 12, 31));

        // Then it is shown on that day and not the day after.
        Assert.That(window, Is.EqualTo(Until(D(2029, 1, 1))));
        Assert.That(window.IsDisclosedOn(D(2028, 12, 31)), Is.True);
        Assert.That(window.IsDisclosedOn(D(2029, 1, 1)), Is.False);
    }

    [Test]
    public void A_licence_without_an_end_is_disclosed_for_3_years() =>
        Assert.That(Window(RecordCategory.AdministrativeLicense), Is.EqualTo(Until(D(2029, 5, 10))));

    [Test]
    public void A_court_defaulter_is_disclosed_for_2_years_unless_the_court_sets_an_end()
    {
        Assert.That(Window(RecordCategory.CourtDefaulter), Is.EqualTo(Until(D(2028, 5, 10))));
        Assert.That(Window(RecordCategory.CourtDefaulter, validUntil: D(2029, 5, 9)), Is.EqualTo(Until(D(2029, 5, 10))));
    }

    [Test]
    public void A_court_defaulter_cannot_be_repaired_before_its_listing_ends() =>
        Assert.That(Window(RecordCategory.CourtDefaulter).MinimumReachedOn(D(2028, 5, 9)), Is.False);

    [Test]
    public void A_major_tax_violation_is_serious_whatever_severity_is_sent()
    {
        var serious = new PublicityWindow(true, Decided, D(2027, 5, 10), D(2029, 5, 10), "2025");

        Assert.That(Window(RecordCategory.MajorTaxViolation), Is.EqualTo(serious));
        Assert.That(Window(RecordCategory.MajorTaxViolation, severity: Severity.Minor), Is.EqualTo(serious));
    }

    [Test]
    public void An_honour_is_disclosed_for_1_year_unless_it_states_its_own_end()
    {
        Assert.That(Window(RecordCategory.Honor), Is.EqualTo(Until(D(2027, 5, 10))));
        Assert.That(Window(RecordCategory.Honor, validUntil: D(2026, 12, 31)), Is.EqualTo(Until(D(2027, 1, 1))));
    }

    [TestCase(RecordCategory.CreditCommitment)]
    [TestCase(RecordCategory.CommitmentBreach)]
    public void A_commitment_or_its_breach_is_disclosed_for_exactly_1_year(RecordCategory category)
    {
        Assert.That(Window(category), Is.EqualTo(Until(D(2027, 5, 10))));
        Assert.That(Window(category, validUntil: D(2030, 1, 1)), Is.EqualTo(Until(D(2027, 5, 10))), "validUntil does not apply");
    }

    [Test]
    public void A_category_window_states_the_rule_version_of_its_decision_date() =>
        Assert.That(PublicityRules.Compute(RecordCategory.Honor, null, D(2025, 5, 10), null, null, PublicityRuleSet.Shipped).RuleVersion, Is.EqualTo("2019"));

    [Test]
    public void A_valid_until_before_the_decision_is_refused() =>
        Assert.That(() => Window(RecordCategory.AdministrativeLicense, validUntil: D(2026, 5, 9)),
            Throws.ArgumentException.With.Message.StartsWith("validUntil 2026-05-09 is before the decision date 2026-05-10."));
}
