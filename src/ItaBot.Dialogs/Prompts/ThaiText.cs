using System.Globalization;
using System.Text;

namespace ItaBot.Dialogs.Prompts;

/// <summary>Normalises what users type so that answers compare the way a person would read them.</summary>
public static class ThaiText
{
    // Longest first, so "นะคะ" goes before "คะ".
    private static readonly string[] PoliteParticles =
    [
        "นะครับ", "นะคะ", "นะค่ะ", "ครับผม", "ครับ", "คับ", "ค่ะ", "คะ", "ค่า", "จ้ะ", "จ้า", "จ๊ะ", "ฮะ", "นะ",
    ];

    /// <summary>Thai digits (๐–๙) become Arabic digits; everything else is kept.</summary>
    public static string ToArabicDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsThaiDigit))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = IsThaiDigit(source[i]) ? (char)('0' + (source[i] - '๐')) : source[i];
            }
        });
    }

    /// <summary>
    /// For comparing answers: Thai digits to Arabic, zero-width characters and repeat marks (ๆ) dropped, whitespace collapsed,
    /// Latin letters lower-cased, trailing punctuation dropped.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in ToArabicDigits(text.Normalize(NormalizationForm.FormC)))
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or 'ๆ')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().TrimEnd('.', '!', '?', ',', ' ', '~');
    }

    /// <summary><see cref="Normalize"/>, then polite particles at the end dropped ("ใช่ค่ะ" → "ใช่").</summary>
    public static string NormalizeAnswer(string? text)
    {
        var normalized = Normalize(text);
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var particle in PoliteParticles)
            {
                if (normalized.Length > particle.Length && normalized.EndsWith(particle, StringComparison.Ordinal))
                {
                    normalized = normalized[..^particle.Length].TrimEnd();
                    stripped = true;
                    break;
                }
            }
        }

        return normalized;
    }

    /// <summary>A whole answer that is a plain whole number ("2", "๒", " 2. "), if it is one.</summary>
    public static bool TryParseWholeNumber(string? text, out int value)
    {
        var normalized = Normalize(text);
        return int.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsThaiDigit(char c) => c is >= '๐' and <= '๙';
}
