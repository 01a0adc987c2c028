using CreditMesh.EventSourcing;
using CreditMesh.Calendar;
using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Cases;
using CreditMesh.Repair.Domain.Targets;

namespace CreditMesh.UnitTests.Repair;

public sealed class RepairDeciderTests
{
    private const string Subject = "9144030071526726XG", Owner = "11440300MB2C928511", OtherUnit = "11440300MA5F0000X9";
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();
    private static readonly RepairOptions Options = new();
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DecidingParty OwnerUnit = new(false, Owner), Other = new(false, OtherUnit), CreditCentre = new(true, null);

    private static readonly RepairTarget Record = new(TargetKind.Record, "rec-1", Subject, Owner, "AdministrativePenalty", "General",
        new DateOnly(2026, 8, 10), "2025", null, TargetStatus.Active);

    private static RepairCase Submitted()
    {
        var events = RepairDecider.Submit("rp-1", Subject, TargetKind.Record, "rec-1", Record, Eligibility.Yes, "承诺", [new("Payment", "罚款已缴清", null)],
            Today, Calendar, Options, At);
        return RepairCase.Create(events.Single());
    }

    private static RepairCase Accepted() => Submitted().Apply(((Decision.Append)RepairDecider.Accept(Submitted(), OwnerUnit, Today, Calendar, Options, At)).Events[0]);

    [Test]
    public void Given_an_eligible_application_when_submitted_then_the_case_is_open_for_the_owning_unit_with_feedback_due_in_10_working_days()
    {
        var repair = Submitted();

        Assert.That((repair.Status, repair.DecidingUnit, repair.FeedbackDue), Is.EqualTo((RepairStatus.Submitted, Owner, new DateOnly(2026, 12, 8))));
    }

    [Test]
    public void Given_an_ineligible_application_when_submitted_then_the_stream_records_the_application_and_its_rejection_with_reasons()
    {
        var eligibility = new Eligibility(false, ["too early"], new DateOnly(2027, 1, 1));

        var events = RepairDecider.Submit("rp-2", Subject, TargetKind.Record, "rec-1", Record, eligibility, "承诺", [], Today, Calendar, Options, At);

        var repair = events.Skip(1).Aggregate(RepairCase.Create(events[0]), (c, e) => c.Apply(e));
        Assert.That((repair.Status, repair.Reasons!.Single(), repair.EligibleFrom), Is.EqualTo((RepairStatus.Rejected, "too early", (DateOnly?)new DateOnly(2027, 1, 1))));
    }

    [Test]
    public void Given_another_subjects_target_when_submitted_then_its_owner_is_not_named_as_deciding_unit()
    {
        var events = RepairDecider.Submit("rp-3", "91110000100000000X", TargetKind.Record, "rec-1", Record, new(false, ["not yours"], null), "承诺", [],
            Today, Calendar, Options, At);

        Assert.That(((RepairSubmitted)events[0]).DecidingUnit, Is.Null);
    }

    [Test]
    public void Given_a_submitted_case_when_the_owning_unit_accepts_then_the_decision_is_due_in_3_working_days()
    {
        var done = (Decision.Append)RepairDecider.Accept(Submitted(), OwnerUnit, Today, Calendar, Options, At);

        Assert.That(((RepairAccepted)done.Events[0]).DecisionDue, Is.EqualTo(new DateOnly(2026, 11, 27)));
    }

    [Test]
    public void Given_a_submitted_case_when_the_credit_centre_accepts_then_it_may() =>
        Assert.That(RepairDecider.Accept(Submitted(), CreditCentre, Today, Calendar, Options, At), Is.TypeOf<Decision.Append>());

    [Test]
    public void Given_a_submitted_case_when_another_unit_accepts_then_it_is_forbidden() =>
        Assert.That(RepairDecider.Accept(Submitted(), Other, Today, Calendar, Options, At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Forbidden));

    [Test]
    public void Given_an_accepted_case_when_accepted_again_then_nothing_changes() =>
        Assert.That(RepairDecider.Accept(Accepted(), OwnerUnit, Today, Calendar, Options, At), Is.TypeOf<Decision.Unchanged>());

    [Test]
    public void Given_a_submitted_case_when_decided_before_acceptance_then_it_is_the_wrong_state() =>
        Assert.That(RepairDecider.Decide(Submitted(), OwnerUnit, true, "深信修〔2026〕1号", null, At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Conflict));

    [Test]
    public void Given_an_accepted_case_when_the_owning_unit_approves_then_it_is_approved_under_the_decision_number()
    {
        var done = (Decision.Append)RepairDecider.Decide(Accepted(), OwnerUnit, true, " 深信修〔2026〕1号 ", null, At);

        var repair = Accepted().Apply(done.Events[0]);
        Assert.That((repair.Status, repair.DecisionNumber), Is.EqualTo((RepairStatus.Approved, "深信修〔2026〕1号")));
    }

    [Test]
    public void Given_an_accepted_case_when_denied_then_it_is_denied_with_the_reason()
    {
        var done = (Decision.Append)RepairDecider.Decide(Accepted(), CreditCentre, false, null, "罚款未缴清", At);

        Assert.That(Accepted().Apply(done.Events[0]).Status, Is.EqualTo(RepairStatus.Denied));
    }

    [Test]
    public void Given_an_accepted_case_when_another_unit_decides_then_it_is_forbidden() =>
        Assert.That(RepairDecider.Decide(Accepted(), Other, true, "X", null, At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Forbidden));

    [Test]
    public void Given_an_approved_case_when_the_same_approval_comes_again_then_nothing_changes_but_a_denial_is_the_wrong_state()
    {
        var approved = Accepted().Apply(((Decision.Append)RepairDecider.Decide(Accepted(), OwnerUnit, true, "N1", null, At)).Events[0]);

        Assert.That(RepairDecider.Decide(approved, OwnerUnit, true, "N1", null, At), Is.TypeOf<Decision.Unchanged>());
        Assert.That(RepairDecider.Decide(approved, OwnerUnit, false, null, "changed my mind", At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Conflict));
        Assert.That(RepairDecider.Accept(approved, OwnerUnit, Today, Calendar, Options, At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Conflict));
    }

    [Test]
    public void Given_a_rejected_case_when_the_unit_accepts_then_it_is_the_wrong_state()
    {
        var events = RepairDecider.Submit("rp-4", Subject, TargetKind.Record, "rec-1", Record, new(false, ["too early"], null), "承诺", [],
            Today, Calendar, Options, At);
        var rejected = RepairCase.Create(events[0]).Apply(events[1]);

        Assert.That(RepairDecider.Accept(rejected, OwnerUnit, Today, Calendar, Options, At), Is.TypeOf<Decision.Rejected>().With.Property("Why").With.Property("Kind").EqualTo(RejectionKind.Conflict));
    }

    [Test]
    public void An_approval_without_a_decision_number_is_a_programming_error_the_api_prevents() =>
        Assert.Throws<ArgumentException>(() => RepairDecider.Decide(Accepted(), OwnerUnit, true, " ", null, At));
}
