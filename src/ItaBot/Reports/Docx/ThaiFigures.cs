using System.Globalization;

namespace ItaBot.Reports.Docx;

/// <summary>Figures the way clerks write them in Thai reports: "1,234", "95.6", "5 ชั่วโมง 30 นาที", "10 วัน 21 ชั่วโมง".</summary>
internal static class ThaiFigures
{
    public const string None = "–";

    public static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Part of the whole in percent, one decimal ("95.6"); a dash when the whole is 0.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? None : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Decimal(double? value, string format = "0.00") =>
        value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : None;

    /// <summary>
    /// A duration in hours as a clerk writes it: minutes under an hour ("45 นาที"), hours and minutes under a day
    /// ("5 ชั่วโมง 30 นาที"), days and hours from a day on ("10 วัน 21 ชั่วโมง", rounded to the hour); a dash when unknown.
    /// </summary>
    public static string Duration(double? hours)
    {
        if (hours is not double h || double.IsNaN(h) || h < 0)
        {
            return None;
        }

        var minutes = (long)Math.Round(h * 60, MidpointRounding.AwayFromZero);
        if (minutes < 60)
        {
            return Invariant($"{minutes} นาที");
        }

        if (minutes < 24 * 60)
        {
            return minutes % 60 == 0 ? Invariant($"{minutes / 60} ชั่วโมง") : Invariant($"{minutes / 60} ชั่วโมง {minutes % 60} นาที");
        }

        var wholeHours = (long)Math.Round(minutes / 60.0, MidpointRounding.AwayFromZero);
        return wholeHours % 24 == 0 ? Invariant($"{wholeHours / 24} วัน") : Invariant($"{wholeHours / 24} วัน {wholeHours % 24} ชั่วโมง");
    }

    /// <summary>"ตุลาคม 2567": the month's Thai name and its Buddhist Era year.</summary>
    public static string Month(int year, int month) => Invariant($"{ThaiDates.MonthName(month)} {year + ReportPeriod.BuddhistEraOffset}");

    /// <summary>"1 ตุลาคม 2568 เวลา 08.00 น." for a UTC instant, in Bangkok time.</summary>
    public static string DateTime(System.DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), WorkingCalendar.Bangkok);
        return Invariant($"{ThaiDates.Long(DateOnly.FromDateTime(local))} เวลา {local:HH.mm} น.");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
