using CreditMesh.Calendar;

namespace CreditMesh.UnitTests.Ingestion;

public sealed class CalendarDataTests
{
    private static string Year(string holidays, string weekends, int year = 2025, string source = "通知") =>
        $$"""{ "year": {{year}}, "source": "{{source}}", "holidays": [{{holidays}}], "workingWeekends": [{{weekends}}] }""";

    private const string SpringFestival = """{ "name": "春节", "from": "2025-01-28", "to": "2025-02-04" }""";

    [Test]
    public void The_shipped_calendar_loads_2025_and_2026()
    {
        var calendar = WorkingDayCalendar.LoadEmbedded();

        Assert.That(calendar.Covers(new DateOnly(2025, 1, 1)) && calendar.Covers(new DateOnly(2026, 1, 1)), Is.True);
    }

    [Test]
    public void Well_formed_data_gives_a_calendar_that_covers_only_its_year()
    {
        var calendar = WorkingDayCalendar.FromJson(Year(SpringFestival, "\"2025-01-26\""));

        Assert.That(calendar.IsWorkingDay(new DateOnly(2025, 1, 26)), Is.True);
        Assert.That(calendar.IsWorkingDay(new DateOnly(2025, 1, 28)), Is.False);
        Assert.That(calendar.Covers(new DateOnly(2026, 1, 1)), Is.False);
    }

    [TestCase("""{ "name": "春节", "from": "2025-02-04", "to": "2025-01-28" }""", "", "holiday 春节 ends on 2025-01-28, before it starts on 2025-02-04",
        TestName = "A holiday that ends before it starts is rejected")]
    [TestCase("""{ "name": "元旦", "from": "2026-01-01", "to": "2026-01-01" }""", "", "holiday 元旦 (2026-01-01 to 2026-01-01) is not within 2025",
        TestName = "A holiday outside the file's year is rejected")]
    [TestCase("""{ "name": "", "from": "2025-01-01", "to": "2025-01-01" }""", "", "the holiday starting 2025-01-01 has no name",
        TestName = "A holiday without a name is rejected")]
    [TestCase(SpringFestival, "\"2025-01-27\"", "working weekend 2025-01-27 is a Monday, not a Saturday or Sunday",
        TestName = "A working weekend on a weekday is rejected")]
    [TestCase(SpringFestival, "\"2025-02-01\"", "working weekend 2025-02-01 falls inside holiday 春节",
        TestName = "A working weekend inside a holiday is rejected")]
    [TestCase(SpringFestival, "\"2026-01-04\"", "working weekend 2026-01-04 is not within 2025",
        TestName = "A working weekend outside the file's year is rejected")]
    public void Inconsistent_dates_are_rejected_naming_the_problem(string holidays, string weekends, string problem) =>
        Assert.That(() => WorkingDayCalendar.FromJson(Year(holidays, weekends)),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("document 1 (year 2025): " + problem));

    [Test]
    public void A_file_without_its_source_notice_is_rejected() =>
        Assert.That(() => WorkingDayCalendar.FromJson(Year(SpringFestival, "", source: " ")),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("the source notice is missing"));

    [TestCase("""{ "year": 2025, "source": "通知", "holidays": [] }""", TestName = "A file missing workingWeekends is rejected")]
    [TestCase("""{ "year": 2025, "source": "通知", "holidays": [], "workingWeekends": [], "workingWeekend": [] }""", TestName = "A file with an unknown field is rejected")]
    [TestCase("""{ "year": 2025, "source": "通知", "holidays": [{ "name": "元旦", "from": "2025/01/01", "to": "2025-01-01" }], "workingWeekends": [] }""", TestName = "A date not in YYYY-MM-DD form is rejected")]
    [TestCase("""{ "year": 2025, """, TestName = "Malformed JSON is rejected")]
    [TestCase("null", TestName = "An empty document is rejected")]
    public void Malformed_data_is_rejected_naming_the_document(string json) =>
        Assert.That(() => WorkingDayCalendar.FromJson(json),
            Throws.InstanceOf<InvalidDataException>().With.Message.StartsWith("Calendar data document 1"));

    [Test]
    public void Two_files_for_the_same_year_are_rejected() =>
        Assert.That(() => WorkingDayCalendar.FromJson(Year(SpringFestival, ""), Year("", "")),
            Throws.InstanceOf<InvalidDataException>().With.Message.EqualTo("Calendar data for 2025 is given twice."));
}
