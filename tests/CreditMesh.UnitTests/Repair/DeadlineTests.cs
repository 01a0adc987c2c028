using CreditMesh.Calendar;
using CreditMesh.Repair.Domain;
using CreditMesh.Repair.Domain.Cases;

namespace CreditMesh.UnitTests.Repair;

public sealed class DeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();
    private static readonly RepairOptions Options = new();

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Test]
    public void Given_acceptance_the_day_before_National_Day_2026_then_the_decision_is_due_on_the_worked_Saturday_10_October() =>
        // 1–7 Oct are holidays; Thu 8, Fri 9 and the adjusted working Saturday 10 Oct are the three working days.
        Assert.That(Deadlines.DecisionDue(D(2026, 9, 30), Calendar, Options), Is.EqualTo(D(2026, 10, 10)));

    [Test]
    public void Given_an_application_on_Monday_28_September_2026_then_feedback_is_due_on_16_October() =>
        // 29, 30 Sep; 8, 9, 10 (worked Saturday), 12–16 Oct: ten working days across the National Day holiday.
        Assert.That(Deadlines.FeedbackDue(D(2026, 9, 28), Calendar, Options), Is.EqualTo(D(2026, 10, 16)));

    [Test]
    public void Given_acceptance_on_Friday_13_February_2026_then_the_decision_is_due_after_the_Spring_Festival_on_25_February() =>
        // Sat 14 Feb is worked; 15–23 Feb are the holiday; Tue 24 and Wed 25 complete the three days.
        Assert.That(Deadlines.DecisionDue(D(2026, 2, 13), Calendar, Options), Is.EqualTo(D(2026, 2, 25)));

    [Test]
    public void Given_a_configured_5_day_decision_period_then_it_is_used() =>
        Assert.That(Deadlines.DecisionDue(D(2026, 11, 23), Calendar, new RepairOptions { DecisionWorkingDays = 5 }), Is.EqualTo(D(2026, 11, 30)));

    [TestCase(RepairStatus.Accepted, "2026-10-10", false, TestName = "An accepted case is not overdue on its decision due day")]
    [TestCase(RepairStatus.Accepted, "2026-10-11", true, TestName = "An accepted case is overdue the day after its decision due day")]
    [TestCase(RepairStatus.Submitted, "2026-10-11", false, TestName = "A submitted case is judged by its feedback deadline only")]
    [TestCase(RepairStatus.Submitted, "2026-10-17", true, TestName = "A submitted case is overdue after its feedback deadline")]
    [TestCase(RepairStatus.Approved, "2026-12-01", false, TestName = "A decided case is never overdue")]
    [TestCase(RepairStatus.Rejected, "2026-12-01", false, TestName = "A rejected case is never overdue")]
    public void Overdue_flags_follow_the_open_cases_deadlines(RepairStatus status, string today, bool overdue) =>
        Assert.That(Deadlines.IsOverdue(status, feedbackDue: D(2026, 10, 16), decisionDue: D(2026, 10, 10),
            DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(overdue));
}
