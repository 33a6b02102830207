using System.Text.RegularExpressions;

namespace ItaBot.Understanding;

/// <summary>
/// The place a complaint names, the way people name places, so staff can find it: a house number (บ้านเลขที่ 12), a
/// village number (หมู่ 4, หมู่ที่สาม), a named thing with its name and number (ซอยเทศบาล 5, ชุมชนมัสยิด, หอพักปุ้ยแมนชั่น,
/// ตลาดสดเทศบาล, วัดโนนทองใน, บ้านหนองบัว), a landmark of any faith or trade with where it is from it (หน้ามัสยิด,
/// ข้างไซต์งาน, ตรงข้ามเซเว่น), a junction or bend, and a road between two villages (ถนนสายหมู่ 4 ไปหมู่ 9). Pieces that
/// touch are one place ("บ้านเลขที่ 88 ชุมชนมัสยิด"); of several apart, the one that says most. A lane, road, shop or
/// house with no name ("หน้าบ้าน", "ในซอย", "ริมถนน") is not a place staff can find, so it is not taken.
/// Reads the text as typed and returns a piece of it exactly as typed (Thai digits kept): staff and the summary show
/// the citizen's own words. One linear pass of a few source-generated patterns.
/// </summary>
internal static partial class PlaceFinder
{
    private const int MaxLength = 300;

    private const string Digits = "[0-9๐-๙]+(?:/[0-9๐-๙]+)?";

    private const string NumberWords = "สิบเอ็ด|สิบสอง|สิบ|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า";

    /// <summary>Where the thing is from a landmark ("หน้า", "ข้าง", "ก่อนถึง" …), longest first.</summary>
    private const string Positions = "ห่างจาก|ตรงข้าม|ปากทาง|ทางเข้า|ทางไป|ทางลง|ก่อนถึง|บริเวณ|เยื้อง|หน้า|ข้าง|หลัง|ใกล้|แถว|ริม|ท้าย|ปาก|หัว|กลาง|ใน|ตรง|ใต้|รอบ|ติด";

    /// <summary>
    /// The things people name as the place: lanes, roads and communities; places of worship and burial of every faith;
    /// schools, markets, lodgings and shops; offices, clinics and public grounds; water; stops; work sites and farms;
    /// junctions and bends. Longest first where one begins another.
    /// </summary>
    private const string Heads =
        "ซอย|ถนน|ซ\\.|ถ\\.|ชุมชน|หมู่บ้าน|คุ้ม|พื้นที่ส่วนกลาง"
        + "|วัด|มัสยิด|สุเหร่า|กุโบร์|โบสถ์|คริสตจักร|ศาลเจ้า|ศาลปู่ตา|สุสาน|ป่าช้า|เมรุ"
        + "|ศาลา(?:ประชาคม|กลางบ้าน|รอรถ|พักผู้โดยสาร|พัก|หมู่บ้าน|วัด|การเปรียญ)?"
        + "|โรงเรียน|ร\\.ร\\.|มหาวิทยาลัย|มหาลัย|วิทยาลัย|ศูนย์พัฒนาเด็กเล็ก|ศูนย์เด็กเล็ก"
        + "|ตลาด(?:สด|นัด|เช้า|เย็น)?|กาด|หอพัก|แมนชั่น|อพาร์ท?เม้?นท์|คอนโด|ห้องเช่า|ห้อง ?พัก ?คนงาน|ที่ ?พัก ?คนงาน|ร้าน|ฮ้าน"
        + "|ปั๊ม(?:น้ำมัน)?|ปั้ม|เซเว่น|โลตัส|บิ๊กซี|แม็คโคร|ห้าง|ธนาคาร|ไปรษณีย์|โรงพัก|สถานีตำรวจ|สถานีอนามัย|อนามัย|รพ\\.?สต\\.?|รพ\\.|โรงพยาบาล|โรงบาล"
        + "|สำนักงานเทศบาล|เทศบาล|อาคาร|หอประชุม|หอกระจายข่าว|ป้อมยาม|สนาม(?:กีฬา|เด็กเล่น|บอล|ฟุตซอล)?|ลานกีฬา|ลานจอดรถ|ลานจอด|ลาน|สวนสาธารณะ|สวน"
        + "|สะพาน(?:ลอย)?|ขัว|คลอง|หนอง(?:น้ำ)?|ลำห้วย|ห้วย|อ่าง|ฝาย|เขื่อน|สระ|คูน้ำ|ท่าปลา|ท่ารถ|ท่าเรือ|ท่าน้ำ|ตลิ่ง|แม่น้ำ"
        + "|ป้ายรถ(?:เมล์|สองแถว|ตู้)?|ศาลารอรถ|วิน"
        + "|โรงงาน|โรงสี|โรงน้ำแข็ง|โรงเผา|อู่ซ่อมรถ|อู่ซ่อม|อู่|ไซต์(?:งาน|ก่อสร้าง)?|ไซ(?:งาน|ต์)|แคมป์(?:คนงาน)?|บ่อบำบัด(?:น้ำเสีย)?|ฟาร์ม|เล้า"
        + "|ที่ว่าง|แปลงว่าง|ที่นา|ที่สาธารณะ|ที่ดินสาธารณะ|ทางสาธารณะ|ทางเข้าหมู่บ้าน|ทางโค้ง|ทางเท้า|ทางเดิน|ไหล่ทาง|ทาง|ฟุตบาท|เกาะกลางถนน"
        + "|สามแยก|สี่แยก|ห้าแยก|แยก|วงเวียน|หัวโค้ง|โค้ง|บ้าน";

    /// <summary>Heads that are no place without their name ("ถนน", "ร้าน", "บ้าน"; "ในซอย" is nowhere in particular).</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "ถนน", "ซอย", "ร้าน", "ฮ้าน", "ลาน", "สวน", "แยก", "โค้ง", "อาคาร", "อู่", "บ้าน", "คลอง", "สระ", "ฟาร์ม", "โรงงาน",
        "ทางเท้า", "ฟุตบาท", "หนอง", "หนองน้ำ", "ห้วย", "ลำห้วย", "ห้าง", "ธนาคาร", "สะพาน", "ทาง", "ทางเดิน", "ที่ว่าง",
        "แปลงว่าง", "ที่นา", "อ่าง", "เล้า", "คูน้ำ", "วิน", "เทศบาล", "หมู่บ้าน", "ชุมชน", "คุ้ม", "ที่สาธารณะ", "ที่ดินสาธารณะ",
        "ทางสาธารณะ", "ขัว", "ฝาย", "เขื่อน", "ท่ารถ", "ไหล่ทาง", "ลานจอด", "ลานจอดรถ", "ซ.", "ถ.",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GenericSpans = Generic.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Heads whose name is a proper name, so it may run up to the next word of the sentence ("วัดโนนทองในไม่…").</summary>
    private static readonly HashSet<string> Proper = new(StringComparer.Ordinal)
    {
        "วัด", "โรงเรียน", "มัสยิด", "ชุมชน", "หมู่บ้าน", "ซอย", "ถนน", "ซ.", "ถ.", "คลอง", "หอพัก", "สวนสาธารณะ", "บ้าน", "สุเหร่า", "โบสถ์", "คริสตจักร", "ศาลเจ้า",
    };

    /// <summary>Short heads that are also pieces of other words (หลาน, ลาน); taken only after a position, a space or another place.</summary>
    private static readonly HashSet<string> Short = new(StringComparer.Ordinal) { "ลาน", "อู่", "วิน", "สระ", "คุ้ม", "บ้าน", "ทาง", "แยก", "โค้ง", "สวน", "กาด" };

    /// <summary>Words that end a name: what is wrong, who, when, particles, and the next place word.</summary>
    private const string Stops =
        "ดับ|ไม่|มี|เป็น|ติด|แตก|ล้น|ยุบ|พัง|ตัน|ขัง|ท่วม|รั่ว|ล้ม|เหม็น|ดัง|มา|ก็|ทุก|ตั้งแต่|แล้ว|ช่วง|ซึ่ง|ที่|ของ|และ|กับ|ทำให้|มืด|เลย|เต็ม"
        + "|หลาย|ยัง|จน|อยู่|ด้วย|หน่อย|โดน|ถูก|เอา|ขวาง|กีดขวาง|พาด|หัก|หลุด|หาย|เสีย|กระพริบ|กะพริบ|ส่ง|สกปรก|เน่า|ขาด|ร้าว|บ่|กลิ่น"
        + "|น้ำ|ไฟ|ขยะ|หมา|สุนัข|แมว|วัว|ควาย|ยุง|ต้น|กิ่ง|หลุม|โดย|เพราะ|จึง|จะ|ได้|ให้|ไป|เมื่อ|ตอน|วัน|คืน|เช้า|เย็น|นาน|อีก|ทั้ง|คน"
        + "|เด็ก|รถ|ว่า|หรือ|แต่|ช่วย|ขอ|รบกวน|แจ้ง|ด่วน|มาก|นี้|นั้น|โน้น|เกือบ|เหมือนเดิม|สั่น|ทำ|ไว้|แถบ|ละแวก|หมู่"
        + "|ทรุด|ผุ|ร่อน|อุด|ผักตบ|ทะลุ|ฝาท่อ|ท่อ|เสาไฟ|โคม|หลอด|ลำโพง|ควัน|ฝุ่น|หญ้า|แมลง|ตอก|พ่น|เผา|ทิ้ง|เท(?:น้ำ|ปูน|ขยะ)|ปล่อย|สั่ง|ขอบ|พื้น|ประตู|รั้ว|ป้าย"
        + "|ผม|ฉัน|หนู|เรา|ดิฉัน|ข้อย|เขา|มัน|พี่|น้อง|แม่|พ่อ|ยาย|ลุง|ป้า|น้า|ลูก|หลาน|ผู้เช่า|ลูกค้า|ฉาน|อั๊ว|กู|เค้า|ท่าน"
        + "|" + Particles
        + "|หน้า|ข้าง|หลัง|ตรงข้าม|ใกล้|แถว|ริม|ท้าย|บริเวณ|ตรง|ก่อนถึง|ทางเข้า|ทางไป";

    private const string Particles = "ค่ะ|คะ|ครับ|คับ|นะ|จ้า|จ้ะ|เจ้า|อะ|อ่ะ|หนิ|เด้อ|เด้|จ๊ะ|ค่า";

    /// <summary>Endings that mark a lodging's, shop's or estate's own name ("…แมนชั่น", "…บิวตี้").</summary>
    private const string NameSuffixes = "แมนชั่น|เพลส|อพาร์ท?เม้?นท์|เรสซิเดนซ์|วิลล่า|การ์เด้น|บิวตี้|คอนโด|รีสอร์ท|มาร์ท|ช็อป|เฮ้าส์|โฮม";

    /// <summary>How Thai village names begin (บ้านหนองบัว, บ้านโนนสว่าง), and the houses people know by whose they are.</summary>
    private const string VillageNames =
        "หนอง|โนน|โคก|ดอน|นา|ป่า|ท่า|ห้วย|สัน|ทุ่ง|บ่อ|ไร่|คลอง|บาง|หัว|วัง|แม่|ศรี|โพธิ์|โพน|ม่วง|กุด|เหล่า|ดง|ผู้ใหญ่|กำนัน|พัก|โต๊ะ|ใหม่|เก่า"
        + "|เหนือ|ใต้|กลาง|ทาม|ขาม|แก|หาด|เกาะ|ตลิ่ง|ลำ|เขา|ถ้ำ|ยาง|เชียง";

    private const int NameMax = 14;

    private const int ProperNameMax = 10;

    [GeneratedRegex(@"บ้านเลขที่\s?" + Digits)]
    private static partial Regex HouseNumber();

    [GeneratedRegex(@"หมู่(?:ที่)?\s?(?:" + Digits + "|" + NumberWords + @")|หมู(?=[0-9๐-๙])" + Digits + @"|(?<![ก-๙])ม\.\s?" + Digits)]
    private static partial Regex Village();

    [GeneratedRegex(@"(?:(?<pos>" + Positions + @")\s?)?(?<head>(?<![ตห])(?:" + Heads + "))")]
    private static partial Regex Named();

    [GeneratedRegex("^(?:" + Heads + ")")]
    private static partial Regex HeadAt();

    [GeneratedRegex("^(?:(?:" + Positions + @")\s?)?(?:" + Heads + ")")]
    private static partial Regex NamedAt();

    [GeneratedRegex("^(?:" + Positions + ")")]
    private static partial Regex PositionAt();

    /// <summary>A road's kind and the words that lead to where it goes ("ลูกรังสาย", "เส้น", "เข้า", "ไป").</summary>
    [GeneratedRegex(@"^(?:(?:ลูกรัง|คอนกรีต|ลาดยาง|เลียบคลอง)\s?(?:สาย|เส้น|เข้า|ไป)?|(?:สาย|เส้น|เข้า|ไป))")]
    private static partial Regex RoadWordsAt();

    [GeneratedRegex(@"^(?:หมู่|บ้านเลขที่)")]
    private static partial Regex NumberedPlaceAt();

    /// <summary>How far from the place ("200 เมตร", "ไปอีก 1 กิโล").</summary>
    [GeneratedRegex(@"^\s?(?:ไป|มา|อีก|ประมาณ|ราว)?\s?[0-9๐-๙]+\s?(?:เมตร|ม\.|กิโลเมตร|กิโล|กม\.)")]
    private static partial Regex DistanceAt();

    /// <summary>"in", "at": nothing for staff to go by, so not kept in front of the place ("ในซอยพัฒนา 7" → "ซอยพัฒนา 7").</summary>
    [GeneratedRegex(@"^(?:ใน|ตรง(?!ข้าม)|บริเวณ)\s?")]
    private static partial Regex AtWords();

    [GeneratedRegex("^(?:" + Stops + ")")]
    private static partial Regex StopAt();

    [GeneratedRegex(@"^[^\s]{0,16}?(?:" + NameSuffixes + ")")]
    private static partial Regex SuffixedName();

    [GeneratedRegex(@"^([ก-๙]{0,14}?)\s?" + Digits + @"(?!\s?(?:เมตร|ม\.|กิโล|กม))")]
    private static partial Regex NumberedName();

    [GeneratedRegex("^(?:" + Particles + @"|หมู่|บ้านเลขที่|ซอย|[\s!?.,;:()""'…]|\p{Cs})")]
    private static partial Regex NameEndsAt();

    [GeneratedRegex("^(?:" + VillageNames + ")")]
    private static partial Regex VillageNameAt();

    [GeneratedRegex(@"^\s?(?:ไป|ถึง|–|-|ตรง|ช่วง|กับ)?\s?$")]
    private static partial Regex Joins();

    /// <summary>The place the text names, as typed; null when it names none.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = text.Length > MaxLength ? text[..MaxLength] : text;
        Span<Piece> buffer = stackalloc Piece[32];
        var count = 0;
        foreach (var match in HouseNumber().EnumerateMatches(s))
        {
            Add(buffer, ref count, new Piece(match.Index, match.Index + match.Length, 3, Number: true));
        }

        foreach (var match in Village().EnumerateMatches(s))
        {
            Add(buffer, ref count, new Piece(match.Index, match.Index + match.Length, 2, Number: true));
        }

        foreach (Match match in Named().Matches(s))
        {
            if (NamedPiece(s, match) is { } piece)
            {
                Add(buffer, ref count, piece);
            }
        }

        return count == 0 ? null : Best(s, buffer[..count]);
    }

    /// <summary>A piece of the text that names a place; <paramref name="Number"/>: a village or house number.</summary>
    private readonly record struct Piece(int Start, int End, int Weight, bool Number = false)
    {
        public bool Overlaps(Piece other) => Start < other.End && other.Start < End;
    }

    /// <summary>Keeps the longer of two overlapping pieces (the first found when as long).</summary>
    private static void Add(Span<Piece> pieces, ref int count, Piece piece)
    {
        for (var i = 0; i < count; i++)
        {
            if (!pieces[i].Overlaps(piece))
            {
                continue;
            }

            if (piece.End - piece.Start <= pieces[i].End - pieces[i].Start)
            {
                return;
            }

            pieces[i] = pieces[--count];
            i = -1;
        }

        if (count < pieces.Length)
        {
            pieces[count++] = piece;
        }
    }

    private static Piece? NamedPiece(string s, Match match)
    {
        var head = match.Groups["head"];
        var position = match.Groups["pos"].Success;
        var headText = head.Value;
        if (Short.Contains(headText) && !position && head.Index > 0 && !char.IsWhiteSpace(s[head.Index - 1])
            && !Named().IsMatch(s.AsSpan(Math.Max(0, head.Index - 12), Math.Min(12, head.Index)))
            && !LandmarkAt(s.AsSpan(head.Index + head.Length)))
        {
            return null;
        }

        if (string.Equals(headText, "บ้าน", StringComparison.Ordinal) && !VillageNameAt().IsMatch(s.AsSpan(head.Index + head.Length)))
        {
            return null;
        }

        var end = NameEnd(s, head.Index + head.Length, headText, nested: false);
        if (end < 0)
        {
            // Only the words that lead on to the next place: a piece of it, no place alone (weight 0).
            return new Piece(match.Index, -end, 0);
        }

        var named = end > head.Index + head.Length;
        if (!named && (Generic.Contains(headText) || (!position && !StandsAlone(headText))))
        {
            return null;
        }

        return new Piece(match.Index, end, 1 + (named ? 1 : 0) + (position ? 1 : 0));
    }

    /// <summary>Whether a landmark that stands for itself begins here ("ลานมัสยิด", "ทางวัด").</summary>
    private static bool LandmarkAt(ReadOnlySpan<char> rest)
    {
        foreach (var inner in HeadAt().EnumerateMatches(rest))
        {
            return !GenericSpans.Contains(rest[..inner.Length]);
        }

        return false;
    }

    /// <summary>Roads, lanes and canals: their names are long ("ซอยสามัคคีพัฒนา").</summary>
    private static bool HasLongName(string head) => head is "ถนน" or "ซอย" or "ถ." or "ซ." or "คลอง";

    private static bool IsRoad(string head) => HasLongName(head) || head.StartsWith("ทาง", StringComparison.Ordinal);

    /// <summary>Landmarks that are a place by themselves ("ตลาด", "ป่าช้า", "สี่แยก"): one of them in a municipality, or the spot people give.</summary>
    private static bool StandsAlone(string head) =>
        head.StartsWith("ตลาด", StringComparison.Ordinal) || head.StartsWith("สนาม", StringComparison.Ordinal)
        || head.StartsWith("ป้ายรถ", StringComparison.Ordinal) || head.StartsWith("ไซต์", StringComparison.Ordinal)
        || head.StartsWith("แคมป์", StringComparison.Ordinal) || head.StartsWith("ศูนย์", StringComparison.Ordinal)
        || head.StartsWith("บ่อบำบัด", StringComparison.Ordinal) || head.Contains("คนงาน", StringComparison.Ordinal)
        || head is "กาด" or "ศาลาประชาคม" or "ศาลากลางบ้าน" or "สวนสาธารณะ" or "ลานกีฬา" or "ป่าช้า"
            or "กุโบร์" or "สุสาน" or "สามแยก" or "สี่แยก" or "ห้าแยก" or "วงเวียน" or "ทางโค้ง" or "หัวโค้ง" or "ห้องเช่า" or "เกาะกลางถนน"
            or "สำนักงานเทศบาล" or "หอกระจายข่าว"
            // Session 18: a village's landing, pier, mill, garage, health station, and the common area of an estate.
            or "ท่าน้ำ" or "ท่าเรือ" or "โรงสี" or "โรงน้ำแข็ง" or "อู่ซ่อมรถ" or "อู่ซ่อม" or "พื้นที่ส่วนกลาง"
        || (head.StartsWith("รพ", StringComparison.Ordinal) && head.Contains("สต", StringComparison.Ordinal));

    /// <summary>Where the name after a head ends (the head's end when it has none).</summary>
    private static int NameEnd(string s, int at, string head, bool nested)
    {
        var rest = s.AsSpan(at);
        if (rest.IsEmpty || PositionAt().IsMatch(rest))
        {
            return at;
        }

        // A road named by where it goes: its words join it to the place that follows ("ถนนลูกรังสายหมู่ 7 ไปหมู่ 8");
        // with no place after them, they are its name's start ("ถนนเส้นเลี่ยงเมือง") or nothing ("ถนนเข้า…" → none).
        // Session 18: only after a road — "ให้เทศบาลไปสั่งหยุด" is somebody going somewhere, not a place.
        foreach (var words in RoadWordsAt().EnumerateMatches(rest))
        {
            if (words.Length > 0 && IsRoad(head))
            {
                var after = rest[words.Length..];
                if (NamedAt().IsMatch(after) || NumberedPlaceAt().IsMatch(after))
                {
                    return -(at + words.Length);
                }

                var end = NameEnd(s, at + words.Length, head, nested);
                return end > at + words.Length ? end : at;
            }
        }

        // A landmark named by a landmark: "ลานมัสยิด", "ซอยวัดใต้".
        foreach (var inner in HeadAt().EnumerateMatches(rest))
        {
            if (!nested && !GenericSpans.Contains(rest[..inner.Length]))
            {
                return Math.Max(at + inner.Length, Math.Abs(NameEnd(s, at + inner.Length, s.Substring(at, inner.Length), nested: true)));
            }
        }

        foreach (var suffixed in SuffixedName().EnumerateMatches(rest))
        {
            return at + suffixed.Length;
        }

        foreach (var numbered in NumberedName().EnumerateMatches(rest))
        {
            if (!ContainsStop(rest[..numbered.Length]))
            {
                return at + numbered.Length;
            }
        }

        // Session 18: a name runs past a generic place word inside it ("สะพานไม้ข้ามลำห้วยหมู่ 2"); when that reads no name,
        // it ends at that word as before ("ทางลาดธนาคาร" → "ทางลาด", then "ธนาคาร").
        var j = 0;
        var firstHead = -1;
        while (j < rest.Length && j <= NameMax && !char.IsWhiteSpace(rest[j]))
        {
            if (StopAt().IsMatch(rest[j..]))
            {
                break;
            }

            if (j > 0 && HeadAt().IsMatch(rest[j..]))
            {
                firstHead = firstHead < 0 ? j : firstHead;
                if (LandmarkAt(rest[j..]))
                {
                    break;
                }
            }

            j++;
        }

        var named = NamedTo(rest, j, head);
        return named > 0 || firstHead <= 0 ? at + named : at + NamedTo(rest, firstHead, head);
    }

    /// <summary>How much of <paramref name="rest"/> is the head's name when it would end at <paramref name="j"/> (0: none).</summary>
    private static int NamedTo(ReadOnlySpan<char> rest, int j, string head)
    {
        if (j == 0 || j > NameMax)
        {
            return 0;
        }

        if (j >= rest.Length || NameEndsAt().IsMatch(rest[j..]) || NamedAt().IsMatch(rest[j..]))
        {
            return j;
        }

        // Roads, lanes and canals have long names ("ซอยสามัคคีพัฒนา"), as do two villages joined ("บ้านโคกสูง-ดอนแดง");
        // one village or temple a short one.
        var longest = HasLongName(head) || rest[..j].Contains('-') ? NameMax : ProperNameMax;
        return Proper.Contains(head) && j <= longest && StopAt().IsMatch(rest[j..]) ? j : 0;
    }

    /// <summary>Whether a word of the sentence (not a name) is inside a name with a number ("ซอยบ้านผม 2" is no lane name).</summary>
    private static bool ContainsStop(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsAsciiDigit(name[i]) || name[i] is >= '๐' and <= '๙')
            {
                return false;
            }

            if (StopAt().IsMatch(name[i..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Touching pieces are one place; of the places apart, the one whose pieces say most (the first when equal), with the
    /// village or house numbers named elsewhere in the text after it ("หน้าวัด … หมู่ 4" → "หน้าวัด หมู่ 4"), as typed.
    /// </summary>
    private static string? Best(string s, Span<Piece> pieces)
    {
        pieces.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        Span<Piece> spans = stackalloc Piece[pieces.Length];
        Span<bool> numbersOnly = stackalloc bool[pieces.Length];
        var count = 0;
        foreach (var piece in pieces)
        {
            if (count > 0 && Joins().IsMatch(s.AsSpan(spans[count - 1].End, Math.Max(0, piece.Start - spans[count - 1].End))))
            {
                spans[count - 1] = spans[count - 1] with { End = piece.End, Weight = spans[count - 1].Weight + piece.Weight };
                numbersOnly[count - 1] &= piece.Number;
                continue;
            }

            numbersOnly[count] = piece.Number;
            spans[count++] = piece;
        }

        var best = -1;
        for (var i = 0; i < count; i++)
        {
            if (spans[i].Weight > 0 && (best < 0 || spans[i].Weight > spans[best].Weight))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var (start, end) = (spans[best].Start, spans[best].End);
        foreach (var distance in DistanceAt().EnumerateMatches(s.AsSpan(end)))
        {
            end += distance.Length;
        }

        foreach (var at in AtWords().EnumerateMatches(s.AsSpan(start, end - start)))
        {
            start += at.Length;
        }

        var place = s[start..end].Trim();
        for (var i = best - 1; i >= 0; i--)
        {
            place = numbersOnly[i] ? s[spans[i].Start..spans[i].End].Trim() + " " + place : place;
        }

        for (var i = best + 1; i < count; i++)
        {
            place = numbersOnly[i] ? place + " " + s[spans[i].Start..spans[i].End].Trim() : place;
        }

        return place;
    }
}
