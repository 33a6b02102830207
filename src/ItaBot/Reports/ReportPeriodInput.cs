using System.Globalization;

namespace ItaBot.Reports;

/// <summary>
/// Reads a period that staff chose on /staff/reports (fields of one form) or an operator gave the <c>report</c> command,
/// and refuses what cannot be compiled with a short Thai sentence: nonsense, an end before the start, a period that has
/// not begun. A period that has begun but not ended (this fiscal year) is fine: its figures run to now.
/// </summary>
internal static class ReportPeriodInput
{
    public const int MinYearBe = 2500;
    public const int MaxYearBe = 2700;

    /// <summary>The form's period kinds ("kind" field).</summary>
    public static readonly IReadOnlyList<(string Kind, string Thai)> Kinds =
    [
        ("fy", "ปีงบประมาณ"),
        ("h1", "รอบ 6 เดือน (1 ต.ค. – 31 มี.ค.)"),
        ("q", "ไตรมาส"),
        ("month", "รายเดือน"),
        ("ytd", "ตั้งแต่ต้นปีงบประมาณถึงวันนี้"),
        ("custom", "กำหนดช่วงวันที่เอง"),
    ];

    public sealed record Result(ReportPeriod? Period, string? Error);

    /// <summary>Today in Bangkok.</summary>
    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, WorkingCalendar.Bangkok));

    /// <summary>Reads the form's fields (<paramref name="field"/> gives a field's value or null).</summary>
    public static Result FromForm(Func<string, string?> field, DateOnly today)
    {
        var kind = field("kind")?.Trim();
        try
        {
            var period = kind switch
            {
                "fy" => Year(field("year")) is { } y ? ReportPeriod.ForFiscalYear(y) : null,
                "h1" => Year(field("year")) is { } y ? ReportPeriod.ForHalfYear(y) : null,
                "q" => Year(field("year")) is { } y && Number(field("quarter"), 1, 4) is { } q ? ReportPeriod.ForQuarter(y, q) : null,
                "month" => Year(field("year")) is { } y && Number(field("month"), 1, 12) is { } m ? ReportPeriod.ForMonth(y, m) : null,
                "ytd" => ReportPeriod.YearToDate(today),
                "custom" => Custom(field),
                _ => null,
            };
            if (kind == "custom" && period is null)
            {
                return new Result(null, Day(field, "from") is { } f && Day(field, "to") is { } t && t < f
                    ? "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้นค่ะ"
                    : "วันที่ไม่ถูกต้องค่ะ กรุณาเลือกวัน เดือน และปี พ.ศ. ให้ครบ");
            }

            return period is null
                ? new Result(null, kind is null || !Kinds.Any(k => k.Kind == kind) ? "กรุณาเลือกช่วงเวลาของรายงานค่ะ" : "ปีหรือเดือนไม่ถูกต้องค่ะ กรุณาเลือกใหม่ (ปี พ.ศ. เช่น 2568)")
                : Check(period, today);
        }
        catch (ArgumentException)
        {
            return new Result(null, "ช่วงเวลาไม่ถูกต้องค่ะ กรุณาเลือกใหม่");
        }
    }

    /// <summary>Refuses a period that starts after today (nothing to count yet).</summary>
    public static Result Check(ReportPeriod period, DateOnly today) =>
        period.From > today
            ? new Result(null, $"ช่วงเวลานี้ ({ReportTexts.Span(period)}) ยังไม่เริ่มค่ะ จึงยังไม่มีข้อมูลให้รวบรวม")
            : new Result(period, null);

    private static ReportPeriod? Custom(Func<string, string?> field) =>
        Day(field, "from") is { } from && Day(field, "to") is { } to && to >= from ? ReportPeriod.Custom(from, to) : null;

    /// <summary>A day from "{prefix}Day", "{prefix}Month" and "{prefix}Year" (Buddhist Era); null when it is not a real day.</summary>
    private static DateOnly? Day(Func<string, string?> field, string prefix)
    {
        if (Number(field(prefix + "Day"), 1, 31) is not { } day || Number(field(prefix + "Month"), 1, 12) is not { } month || Year(field(prefix + "Year")) is not { } yearBe)
        {
            return null;
        }

        var year = yearBe - ReportPeriod.BuddhistEraOffset;
        return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    private static int? Year(string? value) => Number(value, MinYearBe, MaxYearBe);

    private static int? Number(string? value, int min, int max) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
}
