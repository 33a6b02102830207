using System.Globalization;
using System.Text;

namespace ItaBot.Shared;

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

    /// <summary>Cuts at a grapheme boundary, with "…" when anything was cut, so that no emoji or Thai mark is split
    /// (the same cut LINE messages get).</summary>
    public static string Clip(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var end = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext() && enumerator.ElementIndex + ((string)enumerator.Current).Length <= maxLength - 1)
        {
            end = enumerator.ElementIndex + ((string)enumerator.Current).Length;
        }

        return text[..end] + "…";
    }
}
