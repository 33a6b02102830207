using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Dialogs.Prompts;

namespace ItaBot.Cases;

/// <summary>
/// Fiscal years and case numbers. A Thai government fiscal year runs 1 October – 30 September (Bangkok time) and is
/// named by the Buddhist Era year it ends in: FY 2568 = 1 Oct 2024 – 30 Sep 2025. A number is "ร" + the last two digits
/// of that year + a 5-digit sequence within it: ร68-00042.
/// </summary>
internal static partial class CaseNumbers
{
    public static int FiscalYear(DateTime utc)
    {
        var local = WorkingCalendar.ToBangkok(utc);
        return (local.Month >= 10 ? local.Year + 1 : local.Year) + 543;
    }

    /// <summary>The first instant (UTC) of a Buddhist-Era fiscal year: 1 October of the year before, 00:00 Bangkok.</summary>
    public static DateTime FiscalYearStartUtc(int fiscalYear) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(fiscalYear - 543 - 1, 10, 1, 0, 0, 0, DateTimeKind.Unspecified), WorkingCalendar.Bangkok);

    public static string Format(int fiscalYear, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"ร{fiscalYear % 100:D2}-{sequence:D5}");

    [GeneratedRegex(@"^ร?\s*(?:(?<year>\d{2})\s*-\s*)?(?<seq>\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>
    /// The numbers a search text names: "ร68-00042", "68-42", "๖๘-๔๒" name one case; "42" names case 42 of every fiscal
    /// year in <paramref name="numberedFiscalYears"/>; anything else names none.
    /// </summary>
    public static List<string> Candidates(string text, IEnumerable<int> numberedFiscalYears)
    {
        var match = NumberPattern().Match(ThaiText.ToArabicDigits(text.Trim()));
        if (!match.Success)
        {
            return [];
        }

        var sequence = int.Parse(match.Groups["seq"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["year"].Success)
        {
            return [Format(2500 + int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), sequence)];
        }

        return [.. numberedFiscalYears.Select(year => Format(year, sequence))];
    }
}
