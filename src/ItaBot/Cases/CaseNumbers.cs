using System.Globalization;
using LiteDB;

namespace ItaBot.Cases;

/// <summary>
/// Fiscal years and case numbers. A Thai government fiscal year runs 1 October – 30 September (Bangkok time) and is
/// named by the Buddhist Era year it ends in: FY 2568 = 1 Oct 2024 – 30 Sep 2025. A number is "ร" + the last two digits
/// of that year + a 5-digit sequence within it: ร68-00042.
/// </summary>
internal static class CaseNumbers
{
    public const string CountersCollection = "counters";

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

    internal static string CounterId(int fiscalYear) => string.Create(CultureInfo.InvariantCulture, $"case-{fiscalYear}");
}

/// <summary>
/// Hands out case sequence numbers. Why in memory and not in the write: a dialog composes the receipt ("เลขที่เรื่อง
/// ร68-00042") before the turn commits, because the answer is stored in the same transaction as the case. So the number
/// must be known before the write runs. The next number of each fiscal year lives here, seeded once from the
/// "counters" collection (the highest committed sequence) and handed out under a lock; the write that stores the case
/// also raises the stored counter to its number, in the same transaction. Consequences, by design:
/// - two filings never get the same number (one lock, one process: LiteDB's file is opened by one process only; the
///   unique index on Number is the last guard);
/// - a number whose write never commits (a turn that fails and is retried, a store error) is skipped: a gap. Gaps at the
///   end of the sequence are taken again after a restart (the counter holds only committed numbers); the receipt
///   showing a number is in the same transaction as the case, so no citizen ever sees a skipped number.
/// </summary>
internal sealed class CaseNumberAllocator(LiteDatabase database)
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
                last = database.GetCollection(CaseNumbers.CountersCollection).FindById(CaseNumbers.CounterId(fiscalYear)) is { } doc
                    ? doc["Value"].AsInt32
                    : 0;
            }

            _last[fiscalYear] = ++last;
            return (fiscalYear, last, CaseNumbers.Format(fiscalYear, last));
        }
    }

    /// <summary>Inside the case's write: the stored counter never goes down.</summary>
    public static void Commit(LiteDatabase db, int fiscalYear, int sequence)
    {
        var counters = db.GetCollection(CaseNumbers.CountersCollection);
        var id = CaseNumbers.CounterId(fiscalYear);
        var doc = counters.FindById(id);
        if (doc is null)
        {
            counters.Insert(new BsonDocument { ["_id"] = id, ["Value"] = sequence });
        }
        else if (doc["Value"].AsInt32 < sequence)
        {
            doc["Value"] = sequence;
            counters.Update(doc);
        }
    }
}
