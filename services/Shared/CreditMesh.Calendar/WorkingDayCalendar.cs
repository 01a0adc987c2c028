namespace CreditMesh.Calendar;

/// <summary>
/// Working days (工作日) in mainland China: Monday to Friday, minus the State Council's holidays, plus the
/// weekend days it declares worked. Years without a data file fall back to weekends only, and
/// <see cref="Covers"/> says so, so callers can report a result computed without the holiday notice.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<int> years = [];
    private readonly HashSet<DateOnly> holidays = [];
    private readonly HashSet<DateOnly> workingWeekends = [];

    private WorkingDayCalendar(IEnumerable<CalendarYear> data)
    {
        foreach (var year in data)
        {
            if (!years.Add(year.Year))
                throw new InvalidDataException($"Calendar data for {year.Year} is given twice.");
            foreach (var h in year.Holidays)
                for (var day = h.From; day <= h.To; day = day.AddDays(1))
                    holidays.Add(day);
            workingWeekends.UnionWith(year.WorkingWeekends);
        }
    }

    /// <summary>The calendar shipped in this assembly: one file per year under Domain/Calendar/Data.</summary>
    /// <exception cref="InvalidDataException">A shipped file is malformed or inconsistent.</exception>
    public static WorkingDayCalendar LoadEmbedded()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var prefix = typeof(WorkingDayCalendar).Namespace + ".Data.";
        var resources = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return new(resources.Select(name =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            return CalendarYear.Parse(reader.ReadToEnd(), name);
        }).ToList());
    }

    /// <summary>A calendar from year documents in the data-file format (for other sources of the same data).</summary>
    /// <exception cref="InvalidDataException">A document is malformed or inconsistent, or two give the same year.</exception>
    public static WorkingDayCalendar FromJson(params IEnumerable<string> documents) =>
        new(documents.Select((json, i) => CalendarYear.Parse(json, $"document {i + 1}")).ToList());

    /// <summary>Whether the holiday notice for the day's year is loaded.</summary>
    public bool Covers(DateOnly day) => years.Contains(day.Year);

    public bool IsWorkingDay(DateOnly day) =>
        !holidays.Contains(day)
        && (workingWeekends.Contains(day) || day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The day that is the <paramref name="days"/>-th working day after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
                counted++;
        }
        return day;
    }

    /// <summary>Working days in (<paramref name="after"/>, <paramref name="until"/>]; 0 when until is not after <paramref name="after"/>.</summary>
    public int WorkingDaysBetween(DateOnly after, DateOnly until)
    {
        var count = 0;
        for (var day = after.AddDays(1); day <= until; day = day.AddDays(1))
            if (IsWorkingDay(day))
                count++;
        return count;
    }
}
