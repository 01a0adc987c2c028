using System.Text.Json;

namespace CreditMesh.Calendar;

/// <summary>One holiday of a State Council notice (放假调休), both ends inclusive.</summary>
public sealed record HolidayPeriod(string Name, DateOnly From, DateOnly To);

/// <summary>
/// One year of the State Council holiday notice (国务院办公厅关于部分节假日安排的通知): the days off and
/// the weekend days worked in exchange (调休上班). Only a checked year can be built.
/// </summary>
public sealed record CalendarYear
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public int Year { get; }
    public string Source { get; }
    public IReadOnlyList<HolidayPeriod> Holidays { get; }
    public IReadOnlyList<DateOnly> WorkingWeekends { get; }

    private CalendarYear(int year, string source, IReadOnlyList<HolidayPeriod> holidays, IReadOnlyList<DateOnly> workingWeekends) =>
        (Year, Source, Holidays, WorkingWeekends) = (year, source, holidays, workingWeekends);

    /// <summary>Reads and checks one year's data file; <paramref name="origin"/> names the file in error messages.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or its dates are inconsistent.</exception>
    public static CalendarYear Parse(string json, string origin)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Calendar data {origin} cannot be read: {e.Message}", e);
        }
        if (document is null)
            throw new InvalidDataException($"Calendar data {origin} is empty.");
        var year = new CalendarYear(document.Year, document.Source, document.Holidays, document.WorkingWeekends);
        year.Check(origin);
        return year;
    }

    private void Check(string origin)
    {
        void Fail(string problem) => throw new InvalidDataException($"Calendar data {origin} (year {Year}): {problem}");

        if (string.IsNullOrWhiteSpace(Source))
            Fail("the source notice is missing.");
        foreach (var h in Holidays)
        {
            if (string.IsNullOrWhiteSpace(h.Name))
                Fail($"the holiday starting {h.From:O} has no name.");
            if (h.From > h.To)
                Fail($"holiday {h.Name} ends on {h.To:O}, before it starts on {h.From:O}.");
            if (h.From.Year != Year || h.To.Year != Year)
                Fail($"holiday {h.Name} ({h.From:O} to {h.To:O}) is not within {Year}.");
        }
        foreach (var day in WorkingWeekends)
        {
            if (day.Year != Year)
                Fail($"working weekend {day:O} is not within {Year}.");
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                Fail($"working weekend {day:O} is a {day.DayOfWeek}, not a Saturday or Sunday.");
            if (Holidays.FirstOrDefault(h => h.From <= day && day <= h.To) is { } holiday)
                Fail($"working weekend {day:O} falls inside holiday {holiday.Name}.");
        }
    }

    /// <summary>The file's shape: { year, source, holidays: [{ name, from, to }], workingWeekends: [dates] }.</summary>
    private sealed record Document(int Year, string Source, IReadOnlyList<HolidayPeriod> Holidays, IReadOnlyList<DateOnly> WorkingWeekends);
}
