using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.UnitTests.Repair;

public sealed class EligibilityTests
{
    private const string Subject = "9144030071526726XG";
    private static readonly RepairOptions Options = new();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    /// <summary>A penalty as ingestion announced it: minimum publicity until <paramref name="minimumUntil"/> under rules 2025.</summary>
    private static RepairTarget Penalty(string severity, DateOnly minimumUntil, string subject = Subject, TargetStatus status = TargetStatus.Active) =>
        new(TargetKind.Record, "rec-1", subject, "11440300MB2C928511", "AdministrativePenalty", severity, minimumUntil, "2025", null, status);

    private static RepairTarget Entry(string listType, DateOnly validFrom) =>
        new(TargetKind.ListEntry, "le-1", Subject, "11440300MB2C928511", listType, null, null, null, validFrom, TargetStatus.Active);

    private static Eligibility Check(RepairTarget? target, DateOnly today, string? openRepair = null, RepairOptions? options = null) =>
        EligibilityRules.Check(target, target?.Kind ?? TargetKind.Record, target?.Id ?? "rec-unknown", Subject, openRepair, today, options ?? Options);

    [TestCase("General", "2026-08-10", TestName = "A General penalty is too early before its 3-month minimum")]
    [TestCase("Serious", "2027-05-10", TestName = "A Serious penalty is too early before its 1-year minimum")]
    public void Given_a_penalty_in_its_minimum_period_when_applying_then_it_is_rejected_with_the_day_it_becomes_eligible(string severity, string minimum)
    {
        var minimumUntil = DateOnly.Parse(minimum, System.Globalization.CultureInfo.InvariantCulture);

        var result = Check(Penalty(severity, minimumUntil), minimumUntil.AddDays(-1));

        Assert.That(result.Eligible, Is.False);
        Assert.That(result.EligibleFrom, Is.EqualTo(minimumUntil));
        Assert.That(result.Reasons.Single(), Does.Contain(minimum).And.Contain("rules 2025"));
    }

    [Test]
    public void Given_a_General_penalty_on_the_day_its_minimum_ends_when_applying_then_it_is_eligible() =>
        Assert.That(Check(Penalty("General", D(2026, 8, 10)), D(2026, 8, 10)), Is.EqualTo(Eligibility.Yes));

    [Test]
    public void Given_a_Minor_penalty_when_applying_on_its_decision_day_then_it_is_eligible_at_once() =>
        Assert.That(Check(Penalty("Minor", D(2026, 12, 1)), D(2026, 11, 24)).Eligible, Is.True);

    [TestCase("SeriousDishonesty", 12, TestName = "A serious dishonesty entry is repairable one year after it became active")]
    [TestCase("KeyAttention", 3, TestName = "A key attention entry is repairable three months after it became active")]
    public void Given_a_list_entry_when_applying_then_its_list_types_minimum_counts_from_ValidFrom(string listType, int months)
    {
        var validFrom = D(2026, 1, 31);
        var early = Check(Entry(listType, validFrom), validFrom.AddMonths(months).AddDays(-1));
        var onTime = Check(Entry(listType, validFrom), validFrom.AddMonths(months));

        Assert.That((early.Eligible, early.EligibleFrom), Is.EqualTo((false, (DateOnly?)validFrom.AddMonths(months))));
        Assert.That(onTime.Eligible, Is.True);
    }

    [Test]
    public void Given_a_court_defaulter_record_when_applying_then_it_is_not_repairable_because_the_court_removes_it()
    {
        var record = Penalty("General", D(2020, 1, 1)) with { Category = "CourtDefaulter", Severity = null };

        var result = Check(record, D(2026, 11, 24));

        Assert.That((result.Eligible, result.EligibleFrom), Is.EqualTo((false, (DateOnly?)null)));
        Assert.That(result.Reasons.Single(), Does.Contain("removed by the court"));
    }

    [Test]
    public void Given_a_court_defaulter_entry_when_applying_then_only_the_non_repairable_reason_is_given() =>
        Assert.That(Check(Entry("CourtDefaulter", D(2024, 1, 1)), D(2026, 11, 24)).Reasons, Has.Count.EqualTo(1));

    [Test]
    public void Given_a_deployment_that_repairs_court_defaulter_entries_when_applying_then_its_configured_period_applies()
    {
        var options = new RepairOptions { NonRepairable = [], ListEntryMinimumMonths = new() { ["CourtDefaulter"] = 6 } };

        Assert.That(Check(Entry("CourtDefaulter", D(2026, 1, 1)), D(2026, 7, 1), options: options).Eligible, Is.True);
    }

    [Test]
    public void Given_another_subjects_record_when_applying_then_it_is_rejected_for_that_reason_alone()
    {
        var result = Check(Penalty("General", D(2020, 1, 1), subject: "91110000100000000X"), D(2026, 11, 24));

        Assert.That(result.Reasons.Single(), Does.Contain("belongs to another subject"));
    }

    [Test]
    public void Given_an_unknown_target_when_applying_then_it_is_rejected_as_not_known() =>
        Assert.That(Check(null, D(2026, 11, 24)).Reasons.Single(), Does.Contain("No record rec-unknown is known"));

    [Test]
    public void Given_an_open_case_for_the_target_when_applying_again_then_it_is_rejected_naming_the_open_case()
    {
        var result = Check(Penalty("General", D(2026, 1, 1)), D(2026, 11, 24), openRepair: "rp-1");

        Assert.That((result.Eligible, result.EligibleFrom), Is.EqualTo((false, (DateOnly?)null)));
        Assert.That(result.Reasons.Single(), Does.Contain("Repair rp-1 is already open"));
    }

    [Test]
    public void Given_a_case_both_too_early_and_duplicate_when_applying_then_both_reasons_are_given_and_no_eligibleFrom()
    {
        var result = Check(Penalty("General", D(2027, 1, 1)), D(2026, 11, 24), openRepair: "rp-1");

        Assert.That((result.Reasons.Count, result.EligibleFrom), Is.EqualTo((2, (DateOnly?)null)));
    }

    [Test]
    public void Given_a_record_no_longer_disclosed_when_applying_then_it_is_rejected_saying_why()
    {
        var ended = Penalty("General", D(2026, 1, 1), status: TargetStatus.Ended) with { EndedBecause = "revoked: 复议撤销" };

        Assert.That(Check(ended, D(2026, 11, 24)).Reasons.Single(), Does.Contain("no longer disclosed (revoked: 复议撤销)"));
    }

    [Test]
    public void Default_options_are_valid_and_a_negative_period_is_not() => Assert.Multiple(() =>
    {
        Assert.That(new RepairOptions().Problems(), Is.Empty);
        Assert.That(new RepairOptions { ListEntryMinimumMonths = new() { ["KeyAttention"] = -1 } }.Problems(), Is.Not.Empty);
    });
}
