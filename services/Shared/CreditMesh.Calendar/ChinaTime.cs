namespace CreditMesh.Calendar;

/// <summary>
/// China Standard Time, the one place it is defined: dates in records, publicity windows, deadlines and statistics are
/// calendar days in China (DESIGN §5). An entry's validUntil is an exclusive instant: a date "valid until D" means
/// valid through D, so the entry ends at D+1 00:00 +08:00 (ADR 0007).
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The exclusive end of a date-valid-through: the next day's midnight in China.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => StartOf(day.AddDays(1));

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today's date in China by the given clock.</summary>
    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());
}
