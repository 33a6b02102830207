namespace ItaBot.Shared;

/// <summary>
/// Working days and deadlines in Bangkok time: Saturdays, Sundays and the configured public holidays are days off.
/// Deadlines are stored in UTC; a deadline is the last second (23:59:59) of its Bangkok day.
/// </summary>
internal sealed class WorkingCalendar
{
    public static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    private readonly IReadOnlySet<DateOnly> _holidays;

    public WorkingCalendar(IReadOnlySet<DateOnly> holidays) => _holidays = holidays;

    public static DateTime ToBangkok(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Bangkok);

    public static DateOnly BangkokDate(DateTime utc) => DateOnly.FromDateTime(ToBangkok(utc));

    /// <summary>23:59:59 Bangkok time of <paramref name="day"/>, in UTC (Thailand keeps no daylight saving).</summary>
    public static DateTime EndOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Unspecified), Bangkok);

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>
    /// Acknowledge within N working days: the end of the N-th working day after the day of filing (the day of filing
    /// does not count: a complaint filed at 16:00 on a Monday is due by the end of Tuesday; one filed on Friday evening
    /// or on a Saturday, by the end of Monday).
    /// </summary>
    public DateTime AcknowledgeBy(DateTime createdUtc, int workingDays) => EndOfWorkingDay(createdUtc, workingDays);

    /// <summary>
    /// Answer within M working days, reckoned as acknowledging is: the end of the M-th working day after the day of
    /// filing. Every deadline a citizen is promised (the content pack says "วันทำการ") is in working days.
    /// </summary>
    public DateTime AnswerBy(DateTime createdUtc, int workingDays) => EndOfWorkingDay(createdUtc, workingDays);

    private DateTime EndOfWorkingDay(DateTime createdUtc, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        var day = BangkokDate(createdUtc);
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return EndOfDayUtc(day);
    }
}
