using CreditMesh.Calendar;

namespace CreditMesh.UnitTests.Ingestion;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [TestCase(2025, 1, 26, true, TestName = "Spring Festival: Sunday 26 Jan 2025 is worked")]
    [TestCase(2025, 1, 27, true, TestName = "Spring Festival: Monday 27 Jan 2025 is an ordinary working day")]
    [TestCase(2025, 1, 28, false, TestName = "Spring Festival: Tuesday 28 Jan 2025 (除夕) is a holiday")]
    [TestCase(2025, 2, 4, false, TestName = "Spring Festival: Tuesday 4 Feb 2025 is the last holiday")]
    [TestCase(2025, 2, 8, true, TestName = "Spring Festival: Saturday 8 Feb 2025 is worked")]
    [TestCase(2025, 2, 9, false, TestName = "Spring Festival: Sunday 9 Feb 2025 is an ordinary weekend")]
    [TestCase(2025, 4, 27, true, TestName = "Labour Day: Sunday 27 Apr 2025 is worked")]
    [TestCase(2025, 5, 5, false, TestName = "Labour Day: Monday 5 May 2025 is a holiday")]
    [TestCase(2025, 9, 28, true, TestName = "National Day: Sunday 28 Sep 2025 is worked")]
    [TestCase(2025, 10, 8, false, TestName = "National Day: Wednesday 8 Oct 2025 is a holiday")]
    [TestCase(2025, 10, 11, true, TestName = "National Day: Saturday 11 Oct 2025 is worked")]
    [TestCase(2026, 1, 4, true, TestName = "New Year: Sunday 4 Jan 2026 is worked")]
    [TestCase(2026, 2, 23, false, TestName = "Spring Festival: Monday 23 Feb 2026 is a holiday")]
    [TestCase(2026, 2, 28, true, TestName = "Spring Festival: Saturday 28 Feb 2026 is worked")]
    public void A_day_is_a_working_day_as_the_State_Council_notice_says(int year, int month, int day, bool working) =>
        Assert.That(Calendar.IsWorkingDay(D(year, month, day)), Is.EqualTo(working));

    [Test]
    public void The_seventh_working_day_after_a_decision_before_the_2025_Spring_Festival_is_10_February()
    {
        // Given a decision on Friday 24 Jan 2025. By hand: Sat 25 off; Sun 26 worked (1); Mon 27 (2);
        // Tue 28 Jan – Tue 4 Feb holiday; Wed 5 (3); Thu 6 (4); Fri 7 (5); Sat 8 worked (6); Sun 9 off; Mon 10 (7).
        var decision = D(2025, 1, 24);

        // When / Then
        Assert.That(Calendar.AddWorkingDays(decision, 7), Is.EqualTo(D(2025, 2, 10)));
        Assert.That(Calendar.WorkingDaysBetween(decision, D(2025, 2, 10)), Is.EqualTo(7));
    }

    [Test]
    public void The_seventh_working_day_after_a_decision_before_Labour_Day_2025_is_8_May()
    {
        // Given Friday 25 Apr 2025. By hand: Sat 26 off; Sun 27 worked (1); Mon 28 (2); Tue 29 (3); Wed 30 (4);
        // Thu 1 – Mon 5 May holiday; Tue 6 (5); Wed 7 (6); Thu 8 (7).
        Assert.That(Calendar.AddWorkingDays(D(2025, 4, 25), 7), Is.EqualTo(D(2025, 5, 8)));
    }

    [Test]
    public void The_seventh_working_day_after_a_decision_before_National_Day_2025_is_13_October()
    {
        // Given Friday 26 Sep 2025. By hand: Sat 27 off; Sun 28 worked (1); Mon 29 (2); Tue 30 (3);
        // Wed 1 – Wed 8 Oct holiday; Thu 9 (4); Fri 10 (5); Sat 11 worked (6); Sun 12 off; Mon 13 (7).
        Assert.That(Calendar.AddWorkingDays(D(2025, 9, 26), 7), Is.EqualTo(D(2025, 10, 13)));
    }

    [Test]
    public void The_seventh_working_day_after_a_decision_before_the_2026_Spring_Festival_is_the_worked_Saturday_28_February()
    {
        // Given Thursday 12 Feb 2026. By hand: Fri 13 (1); Sat 14 worked (2); Sun 15 – Mon 23 holiday;
        // Tue 24 (3); Wed 25 (4); Thu 26 (5); Fri 27 (6); Sat 28 worked (7).
        Assert.That(Calendar.AddWorkingDays(D(2026, 2, 12), 7), Is.EqualTo(D(2026, 2, 28)));
    }

    [TestCase(2025)]
    [TestCase(2026)]
    public void A_shipped_year_has_248_working_days(int year)
    {
        // 365 days − 104 weekend days − 13 statutory holidays (全国年节及纪念日放假办法, 2024 revision) = 248;
        // each year's 调休 moves days off but keeps that total.
        Assert.That(Calendar.WorkingDaysBetween(D(year - 1, 12, 31), D(year, 12, 31)), Is.EqualTo(248));
    }

    [Test]
    public void Counting_back_the_working_days_added_gives_the_same_number_on_every_day_of_the_shipped_years()
    {
        for (var day = D(2025, 1, 1); day.Year <= 2026; day = day.AddDays(1))
            foreach (var n in new[] { 1, 7, 10 })
                Assert.That(Calendar.WorkingDaysBetween(day, Calendar.AddWorkingDays(day, n)), Is.EqualTo(n), $"{day:O} + {n}");
    }

    [Test]
    public void A_period_lying_wholly_inside_a_holiday_or_running_backwards_has_no_working_days()
    {
        Assert.That(Calendar.WorkingDaysBetween(D(2025, 1, 27), D(2025, 2, 4)), Is.Zero);
        Assert.That(Calendar.WorkingDaysBetween(D(2025, 3, 10), D(2025, 3, 3)), Is.Zero);
        Assert.That(Calendar.WorkingDaysBetween(D(2025, 3, 10), D(2025, 3, 10)), Is.Zero);
    }

    [Test]
    public void Adding_no_working_days_gives_the_start_and_a_negative_count_is_refused()
    {
        Assert.That(Calendar.AddWorkingDays(D(2025, 2, 1), 0), Is.EqualTo(D(2025, 2, 1)));
        Assert.That(() => Calendar.AddWorkingDays(D(2025, 2, 1), -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void A_year_without_a_notice_is_not_covered_and_counts_only_weekends()
    {
        // Given the shipped calendar, which has no 2024 or 2027 notice.
        Assert.That(Calendar.Covers(D(2025, 6, 1)), Is.True);
        Assert.That(Calendar.Covers(D(2026, 12, 31)), Is.True);
        Assert.That(Calendar.Covers(D(2027, 1, 1)), Is.False);
        Assert.That(Calendar.Covers(D(2024, 10, 1)), Is.False);

        // When / Then: 1 Oct 2024 (Tuesday) and 1 Jan 2027 (Friday) count as working days, Saturday 2 Jan 2027 does not.
        Assert.That(Calendar.IsWorkingDay(D(2024, 10, 1)), Is.True);
        Assert.That(Calendar.AddWorkingDays(D(2026, 12, 31), 1), Is.EqualTo(D(2027, 1, 1)));
        Assert.That(Calendar.AddWorkingDays(D(2026, 12, 31), 2), Is.EqualTo(D(2027, 1, 4)));
    }
}
