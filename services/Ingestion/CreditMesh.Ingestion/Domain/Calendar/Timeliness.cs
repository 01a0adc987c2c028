using CreditMesh.Calendar;

namespace CreditMesh.Ingestion.Domain.Calendar;

/// <summary>双公示 timeliness: licences and penalties must reach the platform soon after their decision.</summary>
public static class Timeliness
{
    /// <summary>
    /// Late when received after the <paramref name="allowedWorkingDays"/>-th working day following the
    /// decision date; arriving on that day is on time. 7 working days: DESIGN §4.2 (双公示 timeliness).
    /// </summary>
    public static bool IsLate(DateOnly decisionDate, DateOnly receivedOn, WorkingDayCalendar calendar, int allowedWorkingDays = 7) =>
        receivedOn > calendar.AddWorkingDays(decisionDate, allowedWorkingDays);
}
