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

/// <summary>
/// Hands out case sequence numbers. Why in memory and not in the write: a dialog composes the receipt ("เลขที่เรื่อง
/// ร68-00042") before the turn commits, because the answer is stored in the same transaction as the case. So the number
/// must be known before the write runs. The next number of each fiscal year lives here, seeded once from the store's
/// committed counter (<see cref="ICaseStore.LastSequence"/>) and handed out under a lock; the write that stores the case
/// also raises the stored counter to its number, in the same transaction. Consequences, by design:
/// - two filings never get the same number (one lock, one process: the store is written by one process only; the
///   store's refusal of a second case with one number is the last guard);
/// - a number whose write never commits (a turn that fails and is retried, a store error) is skipped: a gap. Gaps at the
///   end of the sequence are taken again after a restart (the counter holds only committed numbers); the receipt
///   showing a number is in the same transaction as the case, so no citizen ever sees a skipped number.
/// </summary>
internal sealed class CaseNumberAllocator(ICaseStore store)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _last = [];

    public (int FiscalYear, int Sequence, string Number) Next(DateTime createdUtc)
    {
        var fiscalYear = CaseNumbers.FiscalYear(createdUtc);
        lock (_lock)
        {
            if (!_last.TryGetValue(fiscalYear, out var last))
            {
                // Read committed state only: before this process handed out any number of this year, the counter is
                // exactly the highest committed one.
                last = store.LastSequence(fiscalYear);
            }

            _last[fiscalYear] = ++last;
            return (fiscalYear, last, CaseNumbers.Format(fiscalYear, last));
        }
    }
}
