using System.Globalization;
using System.Text;
using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Dialogs.Prompts;

namespace ItaBot.Complaints;

/// <summary>Cleaning what citizens type before it is kept: no control or invisible characters, at most N characters, never a split emoji.</summary>
internal static class Descriptions
{
    public static string Clean(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var keep = rune.Value is '\n' or '\t'
                || (category != UnicodeCategory.Control && category != UnicodeCategory.Format && category != UnicodeCategory.Surrogate)
                || rune.Value == 0x200D;   // the zero-width joiner holds family and flag emoji together
            if (keep)
            {
                builder.Append(rune.ToString());
            }
        }

        return Clip(builder.ToString().Trim(), maxLength);
    }

    /// <summary>The first <paramref name="maxLength"/> characters on one line, for summaries and cards.</summary>
    public static string Preview(string text, int maxLength) =>
        Clip(text.ReplaceLineEndings(" ").Trim(), maxLength);

    /// <summary>Cuts at a grapheme boundary, with "…" when anything was cut (the same cut LINE messages get).</summary>
    public static string Clip(string text, int maxLength) => Conversations.ReplyRenderer.Clip(text, maxLength);
}

/// <summary>Thai phone numbers as people type them: "081-234-5678", "๐๘๑ ๒๓๔ ๕๖๗๘", "+66812345678".</summary>
internal static class PhoneNumbers
{
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var digits = new StringBuilder();
        foreach (var c in text.Trim())
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is >= '๐' and <= '๙')
            {
                digits.Append((char)('0' + (c - '๐')));
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '+'))
            {
                return null;
            }
        }

        var number = digits.ToString();
        if (number.StartsWith("66", StringComparison.Ordinal) && number.Length is 10 or 11)
        {
            number = "0" + number[2..];
        }

        return number.Length is 9 or 10 && number[0] == '0' ? number : null;
    }
}

/// <summary>Great-circle distance, enough to tell "in town" from "another province".</summary>
internal static class Geo
{
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthKm = 6371.0;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

internal static class Places
{
    public static string Describe(CaseLocation? location) => location switch
    {
        null => "-",
        { Text: { Length: > 0 } text } => text,
        { Address: { Length: > 0 } address } => address,
        { Latitude: { } lat, Longitude: { } lon } => string.Create(CultureInfo.InvariantCulture, $"พิกัด {lat:0.00000}, {lon:0.00000}"),
        _ => "-",
    };

    /// <summary>
    /// A place picked on LINE's map, as one line that keeps both its name and its address ("วัดโนนทอง, หมู่ 4 …"):
    /// staff find a named place faster than an address. A pin without a name (or named as its address) keeps the address.
    /// </summary>
    public static string? NameAndAddress(Dialogs.Turns.GeoLocation place)
    {
        var title = place.Title?.Trim();
        var address = place.Address?.Trim();
        if (string.IsNullOrEmpty(title) || (address is { Length: > 0 } && address.Contains(title, StringComparison.Ordinal)))
        {
            return string.IsNullOrEmpty(address) ? null : address;
        }

        return string.IsNullOrEmpty(address) ? title : title + ", " + address;
    }

    /// <summary>A map link for a pinned place (staff pages and cards); null for a typed place.</summary>
    public static Uri? MapLink(CaseLocation? location) => location is { Latitude: { } lat, Longitude: { } lon }
        ? new Uri(string.Create(CultureInfo.InvariantCulture, $"https://www.google.com/maps/search/?api=1&query={lat:0.000000},{lon:0.000000}"))
        : null;
}

/// <summary>Picks the category a typed message is about, by name or keyword ("ไฟดับหน้าบ้าน" → street lights).</summary>
internal static class CategoryMatcher
{
    public static ComplaintCategory? Match(IReadOnlyList<ComplaintCategory> categories, string text)
    {
        var said = ThaiText.NormalizeAnswer(text);
        if (said.Length == 0)
        {
            return null;
        }

        var exact = categories.FirstOrDefault(c => ThaiText.NormalizeAnswer(c.Name) == said || c.Id == said);
        if (exact is not null)
        {
            return exact;
        }

        // The category whose keywords cover most of the text wins; a tie is no answer (ask instead of guessing).
        var scored = categories
            .Select(c => (Category: c, Score: c.Keywords.Select(ThaiText.NormalizeAnswer).Where(k => k.Length > 0 && said.Contains(k, StringComparison.Ordinal)).Sum(k => k.Length)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .Take(2)
            .ToList();
        return scored.Count switch
        {
            0 => null,
            1 => scored[0].Category,
            _ => scored[0].Score > scored[1].Score ? scored[0].Category : null,
        };
    }
}

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
