namespace CreditMesh.Lists.Domain;

/// <summary>
/// Dates in records are China Standard Time days (DESIGN §5). An entry's validUntil is an exclusive
/// instant: a date "valid until D" means valid through D, so the entry ends at D+1 00:00 +08:00 (ADR 0007).
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The exclusive end of a date-valid-through: the next day's midnight in China.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
