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
        if (!text.AsSpan().ContainsAnyInRange('๐', '๙'))
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

        // Every typed message goes through this (each command word interruption asks): one string at most, none when the
        // text is already in its normal form.
        var composed = text.Normalize(NormalizationForm.FormC);
        char[]? rented = null;
        var buffer = composed.Length <= 256 ? stackalloc char[composed.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(composed.Length));
        var length = 0;
        var pendingSpace = false;
        foreach (var c in composed)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or 'ๆ')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[length++] = ' ';
                pendingSpace = false;
            }

            buffer[length++] = IsThaiDigit(c) ? (char)('0' + (c - '๐')) : char.ToLowerInvariant(c);
        }

        var normalized = buffer[..length].TrimEnd(".!?, ~");
        var result = ((ReadOnlySpan<char>)normalized).SequenceEqual(text.AsSpan()) ? text : new string(normalized);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        return result;
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
