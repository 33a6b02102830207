using System.Globalization;

namespace ItaBot.Shared;

/// <summary>Dates and times as Thai citizens read them: Buddhist Era, Bangkok time.</summary>
internal static class ThaiTime
{
    private static readonly CultureInfo Thai = CreateThai();
    private static TimeZoneInfo Bangkok => WorkingCalendar.Bangkok;

    public static DateTime ToBangkok(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Bangkok);

    /// <summary>"28 พ.ย. 2569".</summary>
    public static string Date(DateTime utc) => ToBangkok(utc).ToString("d MMM yyyy", Thai);

    /// <summary>"28 พ.ย. 2569 14:05 น.".</summary>
    public static string DateAndTime(DateTime utc) => ToBangkok(utc).ToString("d MMM yyyy HH:mm", Thai) + " น.";

    /// <summary>A deadline: the date, and the time only when it is not the end of the day.</summary>
    public static string Deadline(DateTime utc)
    {
        var local = ToBangkok(utc);
        return local.TimeOfDay >= new TimeSpan(16, 29, 0) || local.TimeOfDay == TimeSpan.Zero
            ? "วันที่ " + local.ToString("d MMM yyyy", Thai)
            : "วันที่ " + local.ToString("d MMM yyyy HH:mm", Thai) + " น.";
    }

    private static CultureInfo CreateThai()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("th-TH").Clone();
        culture.DateTimeFormat.Calendar = new ThaiBuddhistCalendar();
        return CultureInfo.ReadOnly(culture);
    }
}
