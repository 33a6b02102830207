using System.Text;
using ItaBot.Dialogs.Prompts;

namespace ItaBot.Shared;

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
        foreach (var c in ThaiText.ToArabicDigits(text.Trim()))
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
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
