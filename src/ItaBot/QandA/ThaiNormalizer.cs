using System.Globalization;
using ItaBot.Shared;
using System.Text;
using System.Text.RegularExpressions;

namespace ItaBot.QandA;

/// <summary>
/// Puts a Thai question (or a content-pack text) into the one form the matcher compares: Thai digits as 0-9, no
/// zero-width characters, NFC with one spelling of sara am, Latin lower-case, letters typed over and over once
/// (ค่าาาา → ค่า), punctuation and emoji as spaces, everyday words and misspellings as the pack's words
/// (<see cref="ThaiVariants"/>), and, for matching, polite particles and fillers dropped.
/// </summary>
internal static class ThaiNormalizer
{
    /// <summary>Questions are cut to this many characters before anything else: a 5,000-character paste costs no more.</summary>
    public const int MaxQuestionLength = 300;

    // Longest first. Trailing particles go from the end of each word group; fillers from its start.
    private static readonly string[] TrailingParticles =
    [
        "นะครับ", "นะคะ", "นะค่ะ", "ครับผม", "หน่อยครับ", "หน่อยค่ะ", "หน่อยคะ", "ครับ", "คับ", "ค่ะ", "คะ", "ค่า", "จ้ะ",
        "จ้า", "จ๊ะ", "ฮะ", "หน่อย", "ด้วย", "นะ", "จ้ะ", "อ่ะ", "เด้อ", "เนาะ", "เหรอ", "หรอ", "ล่ะ", "แหน่", "เด้",
    ];

    private static readonly string[] LeadingFillers =
    [
        "รบกวนสอบถาม", "ขอสอบถาม", "อยากสอบถาม", "อยากทราบว่า", "อยากทราบ", "อยากถาม", "ขอถาม", "สอบถาม", "รบกวน", "สวัสดีค่ะ",
        "สวัสดีครับ", "สวัสดี", "คือว่า", "แอดคะ", "แอดครับ",
    ];

    private static readonly (Regex Pattern, Dictionary<string, string> Map) Variants = BuildVariants();

    // One message is normalised once: the intent rules, the model and Q&A each ask for the same text in a turn.
    private static readonly RecentResults<string> Normalized = new();
    private static readonly RecentResults<string> Matching = new();

    /// <summary>The canonical text: everything but dropping particles. Two questions typed alike compare equal.</summary>
    public static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? string.Empty : Normalized.Get(text, NormalizeOnce);

    /// <summary><see cref="Normalize"/>, then polite particles and fillers dropped from every word group.</summary>
    public static string ForMatching(string? text) =>
        string.IsNullOrWhiteSpace(text) ? string.Empty : Matching.Get(text, ForMatchingOnce);

    private static string NormalizeOnce(string text)
    {
        var capped = text.Length > MaxQuestionLength ? text[..MaxQuestionLength] : text;
        var cleaned = CollapseRepeats(CleanCharacters(FixSaraAm(capped.Normalize(NormalizationForm.FormC))));
        return cleaned.Length == 0 ? cleaned : Variants.Pattern.Replace(cleaned, static m => Variants.Map[m.Groups["w"].Value]).Trim();
    }

    private static string ForMatchingOnce(string text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return normalized;
        }

        var builder = new StringBuilder(normalized.Length);
        foreach (var chunk in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var kept = StripParticles(chunk);
            if (kept.Length > 0)
            {
                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(kept);
            }
        }

        return builder.ToString();
    }

    private static string StripParticles(string chunk)
    {
        var changed = true;
        while (changed && chunk.Length > 0)
        {
            changed = false;
            foreach (var particle in TrailingParticles)
            {
                if (chunk.EndsWith(particle, StringComparison.Ordinal))
                {
                    chunk = chunk[..^particle.Length];
                    changed = true;
                    break;
                }
            }

            foreach (var filler in LeadingFillers)
            {
                if (chunk.StartsWith(filler, StringComparison.Ordinal))
                {
                    chunk = chunk[filler.Length..];
                    changed = true;
                    break;
                }
            }
        }

        return chunk;
    }

    /// <summary>ำ typed as ํ + า (with the tone mark on either side) becomes ำ; a tone mark typed after ำ goes before it.</summary>
    private static string FixSaraAm(string text)
    {
        if (!text.Contains('\u0E4D', StringComparison.Ordinal) && !text.Contains('\u0E33', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\u0E4D' && i + 1 < text.Length && text[i + 1] == '\u0E32')
            {
                builder.Append('\u0E33');
                i++;
            }
            else if (c == '\u0E4D' && i + 2 < text.Length && IsToneMark(text[i + 1]) && text[i + 2] == '\u0E32')
            {
                builder.Append(text[i + 1]).Append('\u0E33');
                i += 2;
            }
            else if (c == '\u0E33' && i + 1 < text.Length && IsToneMark(text[i + 1]))
            {
                builder.Append(text[i + 1]).Append('\u0E33');
                i++;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Digits, zero-width characters, case; anything not a letter, digit or mark becomes a space; Thai and Latin are spaced apart.</summary>
    private static string CleanCharacters(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        var previous = CharClass.Space;
        foreach (var raw in text)
        {
            if (raw is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or 'ๆ' or 'ฯ')
            {
                continue;
            }

            var c = raw is >= '๐' and <= '๙' ? (char)('0' + (raw - '๐')) : char.ToLowerInvariant(raw);
            var kind = Classify(c);
            if (kind == CharClass.Space)
            {
                if (previous != CharClass.Space)
                {
                    builder.Append(' ');
                }
            }
            else
            {
                // ๕๕๕ and "taxที่ดิน": scripts meet without a space; a space keeps their n-grams apart.
                if (previous != CharClass.Space && previous != kind && kind != CharClass.Mark && previous != CharClass.Mark)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
            }

            previous = kind == CharClass.Mark ? (previous == CharClass.Space ? CharClass.Thai : previous) : kind;
        }

        return builder.ToString().Trim();
    }

    /// <summary>A vowel or tone mark typed twice is once (never doubled in Thai); any other letter three times or more is once.</summary>
    private static string CollapseRepeats(string text)
    {
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var run = 1;
            while (i + run < text.Length && text[i + run] == c)
            {
                run++;
            }

            var once = char.IsDigit(c) ? false : IsThaiVowelOrMark(c) ? run >= 2 : run >= 3;
            builder.Append(c, once ? 1 : run);
            i += run;
        }

        return builder.ToString();
    }

    private static bool IsToneMark(char c) => c is >= '\u0E48' and <= '\u0E4B';

    private static bool IsThaiVowelOrMark(char c) => c is >= '\u0E30' and <= '\u0E3A' or >= '\u0E40' and <= '\u0E4E';

    private static CharClass Classify(char c)
    {
        if (c is >= '\u0E00' and <= '\u0E7F')
        {
            return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark ? CharClass.Mark : CharClass.Thai;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.DecimalDigitNumber when c is >= '0' and <= '9' => CharClass.Digit,
            UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter when c < '\u0250' => CharClass.Latin,
            _ => CharClass.Space,
        };
    }

    private static (Regex, Dictionary<string, string>) BuildVariants()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = new List<(string Key, string Pattern)>();
        foreach (var (from, to) in ThaiVariants.Pairs)
        {
            var whole = from.StartsWith('=');
            var key = whole ? from[1..] : from;
            map[key] = to;
            var escaped = Regex.Escape(key);
            parts.Add((key, whole ? $@"(?<=^|\s)(?<w>{escaped})(?=\s|$)" : $"(?<w>{escaped})"));
        }

        // Longest first, so that an alternation tries "หมาย" before "หมา". Literal alternatives cannot backtrack
        // catastrophically and inputs are capped at MaxQuestionLength, so no match timeout: a wall-clock timeout
        // fired on a cold, busy two-core machine during start-up and stopped the service.
        var pattern = string.Join('|', parts.OrderByDescending(p => p.Key.Length).Select(p => p.Pattern));
        return (new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, Regex.InfiniteMatchTimeout), map);
    }

    private enum CharClass
    {
        Space,
        Thai,
        Mark,
        Latin,
        Digit,
    }
}
