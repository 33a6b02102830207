using System.Text.RegularExpressions;

namespace ItaBot.Understanding;

/// <summary>
/// The place a complaint names, as villagers name places: a house number, a village number (หมู่ 4), a lane (ซอย 7,
/// ซอยข้างวัด) or a landmark (หน้าวัด, หน้าโรงเรียน). "หน้าบ้าน" is not a place staff can find, so it is not taken.
/// Reads the normaliser's canonical text (Thai digits already 0-9).
/// </summary>
internal static partial class PlaceFinder
{
    private const string Landmarks = "วัด|โรงเรียน|ตลาด|ปั๊ม|ศาลากลางบ้าน|ศาลา|สถานีอนามัย|อนามัย|รพสต|โรงพยาบาล|สะพาน|สำนักงานเทศบาล|เทศบาล|ป้อมยาม|ร้านค้า|สนามกีฬา|สวนสาธารณะ";

    [GeneratedRegex(@"บ้านเลขที่\s?\d+(?:/\d+)?")]
    private static partial Regex HouseNumber();

    [GeneratedRegex(@"หมู่(?:ที่)?\s?\d+")]
    private static partial Regex Village();

    [GeneratedRegex(@"(?:ปาก)?ซอย\s?(?:\d+(?:/\d+)?|(?:ข้าง|หน้า|หลัง|ตรงข้าม)(?:" + Landmarks + "))")]
    private static partial Regex Lane();

    [GeneratedRegex(@"(?<!ซอย)(?:หน้า|ข้าง|หลัง|ตรงข้าม|ใกล้)(?:" + Landmarks + ")")]
    private static partial Regex Landmark();

    /// <summary>The places the text names, in the order they appear, joined by a space; null when it names none.</summary>
    public static string? Find(string normalized)
    {
        if (string.IsNullOrEmpty(normalized))
        {
            return null;
        }

        var found = new List<Match>();
        foreach (var pattern in new[] { HouseNumber(), Lane(), Village(), Landmark() })
        {
            foreach (Match match in pattern.Matches(normalized))
            {
                if (!found.Any(f => Overlaps(f, match)))
                {
                    found.Add(match);
                }
            }
        }

        return found.Count == 0 ? null : string.Join(' ', found.OrderBy(m => m.Index).Select(m => m.Value.Trim()));
    }

    private static bool Overlaps(Match a, Match b) => a.Index < b.Index + b.Length && b.Index < a.Index + a.Length;
}
