using System.Globalization;
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
