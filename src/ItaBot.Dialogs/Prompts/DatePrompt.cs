using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>
/// Asks for a date and ends with a <see cref="DateOnly"/> (Common Era). Understands ISO "2025-03-05", Thai day-first
/// "5/3/2568" and "5 มี.ค. 68" with Buddhist-Era years (a four-digit year from 2400 on, or any two-digit year, is BE),
/// and "วันนี้", "เมื่อวาน", "พรุ่งนี้" by the injected clock in Thai time.
/// </summary>
public partial class DatePrompt(string dialogId, TimeProvider timeProvider, PromptValidator<DateOnly>? validator = null)
    : Prompt<DateOnly>(dialogId, validator)
{
    private static readonly Dictionary<string, int> RelativeDays = new(StringComparer.Ordinal)
    {
        ["วันนี้"] = 0, ["today"] = 0,
        ["เมื่อวาน"] = -1, ["เมื่อวานนี้"] = -1, ["yesterday"] = -1,
        ["เมื่อวานซืน"] = -2,
        ["พรุ่งนี้"] = 1, ["tomorrow"] = 1,
        ["มะรืน"] = 2, ["มะรืนนี้"] = 2,
    };

    private static readonly string[][] MonthNames =
    [
        ["มกราคม", "มค", "jan", "january"], ["กุมภาพันธ์", "กพ", "feb", "february"], ["มีนาคม", "มีค", "mar", "march"],
        ["เมษายน", "เมย", "apr", "april"], ["พฤษภาคม", "พค", "may"], ["มิถุนายน", "มิย", "jun", "june"],
        ["กรกฎาคม", "กค", "jul", "july"], ["สิงหาคม", "สค", "aug", "august"], ["กันยายน", "กย", "sep", "september"],
        ["ตุลาคม", "ตค", "oct", "october"], ["พฤศจิกายน", "พย", "nov", "november"], ["ธันวาคม", "ธค", "dec", "december"],
    ];

    /// <summary>The offset that "today" is reckoned in; Thailand keeps UTC+7 all year.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(7);

    protected override string DefaultRetryText(DialogTexts texts) => texts.DateRetry;

    protected override Task<PromptRecognizerResult<DateOnly>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        var text = activity.Kind == ActivityKind.Message ? activity.Text : null;
        return Task.FromResult(TryParse(text, Today(), out var date)
            ? PromptRecognizerResult.Success(date)
            : PromptRecognizerResult.Failed<DateOnly>());
    }

    private DateOnly Today() => DateOnly.FromDateTime(timeProvider.GetUtcNow().ToOffset(UtcOffset).DateTime);

    /// <summary>Parses a date as users type it; <paramref name="today"/> anchors relative words and a missing year.</summary>
    public static bool TryParse(string? text, DateOnly today, out DateOnly date)
    {
        date = default;
        var answer = ThaiText.NormalizeAnswer(text);
        if (answer.StartsWith("วันที่", StringComparison.Ordinal))
        {
            answer = answer["วันที่".Length..].TrimStart();
        }

        if (RelativeDays.TryGetValue(answer, out var offset))
        {
            date = today.AddDays(offset);
            return true;
        }

        if (Iso().Match(answer) is { Success: true } iso)
        {
            return TryCreate(Year(iso.Groups["y"].Value), Int(iso.Groups["m"].Value), Int(iso.Groups["d"].Value), out date);
        }

        if (DayFirst().Match(answer) is { Success: true } numeric)
        {
            return TryCreate(Year(numeric.Groups["y"].Value), Int(numeric.Groups["m"].Value), Int(numeric.Groups["d"].Value), out date);
        }

        if (WithMonthName().Match(answer) is { Success: true } named && MonthOf(named.Groups["m"].Value) is { } month)
        {
            var year = named.Groups["y"].Success ? Year(named.Groups["y"].Value) : today.Year;
            return TryCreate(year, month, Int(named.Groups["d"].Value), out date);
        }

        return false;
    }

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Thai users write Buddhist-Era years, often as two digits ("68" for 2568).</summary>
    private static int Year(string digits)
    {
        var year = Int(digits);
        return digits.Length <= 2 ? 2500 + year - 543
            : year >= 2400 ? year - 543
            : year;
    }

    private static int? MonthOf(string name)
    {
        var key = name.Replace(".", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i].Contains(key, StringComparer.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static bool TryCreate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?<d>\d{1,2})[/.\-](?<m>\d{1,2})[/.\-](?<y>\d{4}|\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DayFirst();

    [GeneratedRegex(@"^(?<d>\d{1,2})\s*(?<m>[^\d\s]+?)\s*(?:(?:พ\.ศ\.?|ค\.ศ\.?)\s*)?(?<y>\d{4}|\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex WithMonthName();
}
