using System.Text.RegularExpressions;

namespace ItaBot.Understanding;

/// <summary>
/// The place a complaint names, as villagers name places: a house number, a village number (หมู่ 4), a lane (ซอย 7,
/// ซอยข้างวัด), a junction or bend (สามแยกหน้าตลาด, ทางโค้งก่อนถึงวัด) or a landmark (หน้าวัด, แถวศาลาประชาคม). "หน้าบ้าน" is not a place staff can find, so it is not taken.
/// Reads the normaliser's canonical text (Thai digits already 0-9).
/// </summary>
internal static partial class PlaceFinder
{
    private const string Landmarks = "วัด|โรงเรียน|ตลาด|ปั๊มน้ำมัน|ปั๊ม|ศาลากลางบ้าน|ศาลาประชาคม|ศาลา|สถานีอนามัย|อนามัย|รพสต|โรงพยาบาล|สะพาน|สำนักงานเทศบาล|เทศบาล|ป้อมยาม|ร้านค้า|สนามกีฬา|สวนสาธารณะ|ศูนย์เด็กเล็ก|เซเว่น|ป้ายรถเมล์";

    /// <summary>Junctions, bends and edges villagers give as the place, with the landmark they are at when named ("สามแยกหน้าตลาด").</summary>
    private const string Spots = "สามแยก|สี่แยก|ห้าแยก|วงเวียน|ทางโค้ง|หัวโค้ง|ทางเข้าหมู่บ้าน|ทางเข้าหมู่|ริมคลอง|ป้ายรถเมล์";

    [GeneratedRegex(@"บ้านเลขที่\s?\d+(?:/\d+)?")]
    private static partial Regex HouseNumber();

    [GeneratedRegex(@"หมู่(?:ที่)?\s?\d+")]
    private static partial Regex Village();

    [GeneratedRegex(@"(?:ปาก)?ซอย\s?(?:\d+(?:/\d+)?|(?:ข้าง|หน้า|หลัง|ตรงข้าม)(?:" + Landmarks + "))")]
    private static partial Regex Lane();

    [GeneratedRegex(@"(?<!ซอย)(?:หน้า|ข้าง|หลัง|ตรงข้าม|ใกล้|แถว)(?:ร้าน)?(?:" + Landmarks + ")")]
    private static partial Regex Landmark();

    [GeneratedRegex(@"(?:" + Spots + @")(?:ไฟแดง)?(?:(?:หน้า|ข้าง|ก่อนถึง|ใกล้|แถว)(?:ร้าน)?(?:" + Landmarks + "))?")]
    private static partial Regex Spot();

    /// <summary>The places the text names, in the order they appear, joined by a space; null when it names none.</summary>
    public static string? Find(string normalized)
    {
        if (string.IsNullOrEmpty(normalized))
        {
            return null;
        }

        var found = new List<Match>();
        foreach (var pattern in new[] { HouseNumber(), Lane(), Village(), Spot(), Landmark() })
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
