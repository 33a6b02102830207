using System.Globalization;

namespace ItaBot.Reports;

/// <summary>
/// One line of the walk-in register (measure 3.3): <see cref="People"/> people were served at the office for
/// <see cref="ServiceId"/> on the Bangkok <see cref="Day"/>. A wrong line is never edited: a new line that
/// <see cref="Corrects"/> it takes its place from the moment it was recorded (both stay, with who recorded them).
/// </summary>
internal sealed record ServiceVisit(
    string Id,
    DateOnly Day,
    string ServiceId,
    string ServiceName,
    int People,
    string? Note,
    string RecordedBy,
    DateTime RecordedAt,
    string? Corrects);

/// <summary>Why a register line was refused (the page says it in Thai).</summary>
internal enum ServiceVisitProblem
{
    None,
    UnknownEntry,
    AlreadyCorrected,
}

/// <summary>The walk-in register's rules and helpers, whatever stores it (see <see cref="IServiceVisitStore"/>).</summary>
internal static class ServiceVisits
{
    public const string OtherServiceId = "other";
    public const string OtherServiceName = "อื่น ๆ";
    public const int MaxPeople = 10_000;
    public const int MaxNote = 300;

    /// <summary>Refuses a line no store may keep (a store calls it before writing).</summary>
    public static void Check(string serviceId, int people, string recordedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordedBy);
        ArgumentOutOfRangeException.ThrowIfNegative(people);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(people, MaxPeople);
    }

    /// <summary>
    /// The lines that count as of <paramref name="asOf"/>: recorded by then and not replaced by a correction recorded by then.
    /// </summary>
    public static IEnumerable<ServiceVisit> Effective(IReadOnlyList<ServiceVisit> lines, DateTime asOf)
    {
        var known = lines.Where(v => v.RecordedAt <= asOf).ToList();
        var replaced = known.Where(v => v.Corrects is not null).Select(v => v.Corrects!).ToHashSet(StringComparer.Ordinal);
        return known.Where(v => !replaced.Contains(v.Id));
    }

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
