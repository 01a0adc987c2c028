using CreditMesh.Contracts.Vocabulary;
using CreditMesh.Calendar;
using CreditMesh.Lists.Domain;

namespace CreditMesh.UnitTests.Lists;

/// <summary>The DESIGN §4.3 table: which record puts a subject on which list, how, and until when.</summary>
public sealed class DeterminationRuleTests
{
    [Test]
    public void Serious_penalty_is_proposed_for_serious_dishonesty_with_notice_and_three_years_from_the_decision()
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));

        var entry = subject.Single(ListType.SeriousDishonesty);
        Assert.That((entry.Status, entry.DeterminedBy, entry.BasisRecordIds.Single(), entry.Rule),
            Is.EqualTo((EntryStatus.Proposed, Subject.Market, "R1", DeterminationRule.SeriousPenalty)));
        Assert.That(entry.ValidUntil, Is.EqualTo(new DateTimeOffset(2029, 5, 10, 0, 0, 0, ChinaTime.Offset)));
        Assert.That(entry.ObjectionWindowEndsAt, Is.EqualTo(new DateTimeOffset(2026, 12, 2, 0, 0, 0, ChinaTime.Offset)),
            "notice on Tue 24 Nov 2026: five working days are 25, 26, 27 Nov, 30 Nov and 1 Dec");
    }

    [Test]
    public void Major_tax_violation_is_proposed_for_serious_dishonesty()
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("T1", RecordCategories.MajorTaxViolation));

        Assert.That((subject.Single(ListType.SeriousDishonesty).Status, subject.Single(ListType.SeriousDishonesty).Rule),
            Is.EqualTo((EntryStatus.Proposed, DeterminationRule.MajorTaxViolation)));
    }

    [Test]
    public void Court_defaulter_is_active_at_once_for_the_period_the_court_set_through_its_last_day()
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, validUntil: new DateOnly(2027, 3, 31), unit: Subject.Court));

        var entry = subject.Single(ListType.CourtDefaulter);
        Assert.That((entry.Status, entry.DeterminedBy, entry.ValidFrom), Is.EqualTo((EntryStatus.Active, Subject.Court, (DateTimeOffset?)Subject.Now)));
        Assert.That(entry.ValidUntil, Is.EqualTo(new DateTimeOffset(2027, 4, 1, 0, 0, 0, ChinaTime.Offset)), "valid through 31 March, China time");
    }

    [Test]
    public void Court_defaulter_without_a_period_stays_two_years_from_the_decision()
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("C1", RecordCategories.CourtDefaulter, unit: Subject.Court));

        Assert.That(subject.Single(ListType.CourtDefaulter).ValidUntil, Is.EqualTo(new DateTimeOffset(2028, 5, 10, 0, 0, 0, ChinaTime.Offset)));
    }

    [Test]
    public void Commitment_breach_puts_the_subject_on_key_attention_for_a_year()
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("B1", RecordCategories.CommitmentBreach));

        var entry = subject.Single(ListType.KeyAttention);
        Assert.That((entry.Status, entry.Rule, entry.ValidUntil),
            Is.EqualTo((EntryStatus.Active, DeterminationRule.CommitmentBreach, new DateTimeOffset(2027, 5, 10, 0, 0, 0, ChinaTime.Offset))));
    }

    [Test]
    public void Honor_puts_the_subject_on_the_red_list_for_a_year_or_as_the_record_says()
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("H1", RecordCategories.Honor));
        subject.Receive(Subject.Record("H2", RecordCategories.Honor, validUntil: new DateOnly(2026, 12, 31)));

        Assert.That(subject.Entries.Select(e => (e.ListType, e.Status, e.ValidUntil)), Is.EquivalentTo(new[]
        {
            (ListType.RedList, EntryStatus.Active, new DateTimeOffset(2027, 5, 10, 0, 0, 0, ChinaTime.Offset)),
            (ListType.RedList, EntryStatus.Active, new DateTimeOffset(2027, 1, 1, 0, 0, 0, ChinaTime.Offset)),
        }));
    }

    [TestCase(RecordCategories.AdministrativePenalty, Severities.Minor)]
    [TestCase(RecordCategories.AdministrativePenalty, Severities.General)]
    [TestCase("AdministrativeLicense", null)]
    [TestCase("CreditCommitment", null)]
    public void Other_records_alone_put_no_one_on_a_list(string category, string? severity)
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("X1", category, severity));

        Assert.That(subject.Entries, Is.Empty);
    }

    [Test]
    public void A_record_whose_period_is_already_over_makes_no_entry()
    {
        var subject = new Subject();

        subject.Receive(Subject.Record("H1", RecordCategories.Honor, decided: new DateOnly(2025, 5, 10)));

        Assert.That(subject.Entries, Is.Empty, "an honour of May 2025 lasted until May 2026");
    }

    [Test]
    public void Validity_periods_and_the_objection_window_are_configuration()
    {
        var subject = new Subject(DeterminationRules.From(new ListsOptions { SeriousDishonestyValidityMonths = 12, ObjectionWindowWorkingDays = 1, RuleVersion = "test" }));

        subject.Receive(Subject.Record("R1", RecordCategories.AdministrativePenalty, Severities.Serious));

        var entry = subject.Single(ListType.SeriousDishonesty);
        Assert.That((entry.ValidUntil, entry.ObjectionWindowEndsAt), Is.EqualTo((new DateTimeOffset(2027, 5, 10, 0, 0, 0, ChinaTime.Offset),
            (DateTimeOffset?)new DateTimeOffset(2026, 11, 26, 0, 0, 0, ChinaTime.Offset))));
        Assert.That(((EntryProposed)subject.Written[0]).RuleVersion, Is.EqualTo("test"));
    }
}
