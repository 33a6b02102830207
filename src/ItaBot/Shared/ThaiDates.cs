using System.Globalization;

namespace ItaBot.Shared;

/// <summary>
/// Thai dates in the Buddhist Era, as Thai readers and documents write them: "1 ตุลาคม 2567", "3 ก.พ. 2568", "ต.ค. 67", and
/// Thai digits where the agency wants them. Month names are written out here, not taken from ICU's th-TH data.
/// </summary>
internal static class ThaiDates
{
    /// <summary>Buddhist Era year = Gregorian year + 543.</summary>
    public const int BuddhistEraOffset = 543;

    private static readonly string[] Months =
        ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];

    private static readonly string[] ShortMonths =
        ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

    public static string MonthName(int month) => Months[month - 1];

    public static string ShortMonthName(int month) => ShortMonths[month - 1];

    /// <summary>"1 ตุลาคม 2567".</summary>
    public static string Long(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{day.Day} {Months[day.Month - 1]} {day.Year + BuddhistEraOffset}");

    /// <summary>"3 ก.พ. 2568" (cards and chat).</summary>
    public static string Short(DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{day.Day} {ShortMonths[day.Month - 1]} {day.Year + BuddhistEraOffset}");

    /// <summary>"ต.ค. 67" for a Gregorian year and month (chart axes, table headers).</summary>
    public static string ShortMonth(int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"{ShortMonths[month - 1]} {(year + BuddhistEraOffset) % 100:D2}");

    /// <summary>Replaces Arabic digits with Thai digits (๐–๙); everything else stays.</summary>
    public static string ThaiDigits(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '0' and <= '9' ? (char)('๐' + (c - '0')) : c;
            }
        });
}
