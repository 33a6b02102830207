using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Dialogs.Prompts;

namespace ItaBot.Complaints;

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
    // Each category's name and keywords normalised once per content pack (categories are immutable records, held by the
    // pack; a reloaded pack brings new ones, and the old entries go with them). Normalising every name and keyword of
    // every category on every typed message was ~50 KB of a free-text question's bytes (issue 19).
    private static readonly ConditionalWeakTable<ComplaintCategory, Normalized> Prepared = new();

    public static ComplaintCategory? Match(IReadOnlyList<ComplaintCategory> categories, string text)
    {
        var said = ThaiText.NormalizeAnswer(text);
        if (said.Length == 0)
        {
            return null;
        }

        foreach (var category in categories)
        {
            if (Of(category).Name == said || category.Id == said)
            {
                return category;
            }
        }

        // The category whose keywords cover most of the text wins; a tie is no answer (ask instead of guessing).
        ComplaintCategory? best = null;
        int bestScore = 0, secondScore = 0;
        foreach (var category in categories)
        {
            var score = 0;
            foreach (var keyword in Of(category).Keywords)
            {
                if (said.Contains(keyword, StringComparison.Ordinal))
                {
                    score += keyword.Length;
                }
            }

            if (score > bestScore)
            {
                (secondScore, bestScore, best) = (bestScore, score, category);
            }
            else if (score > secondScore)
            {
                secondScore = score;
            }
        }

        return bestScore > secondScore ? best : null;
    }

    private static Normalized Of(ComplaintCategory category) => Prepared.GetValue(category, static c =>
        new Normalized(ThaiText.NormalizeAnswer(c.Name), [.. c.Keywords.Select(ThaiText.NormalizeAnswer).Where(k => k.Length > 0)]));

    private sealed record Normalized(string Name, string[] Keywords);
}
