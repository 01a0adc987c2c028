using CreditMesh.Calendar;
using CreditMesh.Ingestion.Domain.Calendar;

namespace CreditMesh.UnitTests.Ingestion;

public sealed class TimelinessTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();

    // Deadlines (the 7th working day after the decision) are worked out by hand in WorkingDayCalendarTests.
    [TestCase("2025-01-24", "2025-02-10", TestName = "Spring Festival 2025: decided 24 Jan, the 7th working day is 10 Feb")]
    [TestCase("2025-04-25", "2025-05-08", TestName = "Labour Day 2025: decided 25 Apr, the 7th working day is 8 May")]
    [TestCase("2025-09-26", "2025-10-13", TestName = "National Day 2025: decided 26 Sep, the 7th working day is 13 Oct")]
    public void A_record_received_on_the_seventh_working_day_is_on_time_and_the_next_day_it_is_late(string decided, string deadline)
    {
        // Given
        var decision = DateOnly.Parse(decided);
        var lastDay = DateOnly.Parse(deadline);

        // When / Then
        Assert.That(Timeliness.IsLate(decision, decision, Calendar), Is.False, "same day");
        Assert.That(Timeliness.IsLate(decision, lastDay, Calendar), Is.False, "on the 7th working day");
        Assert.That(Timeliness.IsLate(decision, lastDay.AddDays(1), Calendar), Is.True, "the day after");
    }

    [Test]
    public void A_worked_Saturday_counts_towards_the_deadline()
    {
        // Given a decision on Wednesday 1 Oct 2025 (a holiday): Thu 9 (1), Fri 10 (2), Sat 11 worked (3).
        var decision = new DateOnly(2025, 10, 1);

        Assert.That(Timeliness.IsLate(decision, new DateOnly(2025, 10, 11), Calendar, allowedWorkingDays: 3), Is.False);
        Assert.That(Timeliness.IsLate(decision, new DateOnly(2025, 10, 13), Calendar, allowedWorkingDays: 3), Is.True);
    }

    [Test]
    public void Without_the_holiday_notice_the_Spring_Festival_week_counts_as_working_days()
    {
        // Given a calendar that lacks 2025: 24 Jan + 7 weekdays = Tuesday 4 Feb.
        var weekendsOnly = WorkingDayCalendar.FromJson();

        Assert.That(weekendsOnly.Covers(new DateOnly(2025, 1, 24)), Is.False);
        Assert.That(Timeliness.IsLate(new DateOnly(2025, 1, 24), new DateOnly(2025, 2, 5), weekendsOnly), Is.True);
    }
}
