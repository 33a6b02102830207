using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>
/// Asks for a number and ends with it as a <typeparamref name="T"/>. Thai or Arabic digits, thousands separators,
/// and a number inside a short sentence ("อายุ ๓๕ ปี") are understood; two numbers in one answer are asked again.
/// </summary>
public class NumberPrompt<T>(string dialogId, PromptValidator<T>? validator = null) : Prompt<T>(dialogId, validator)
    where T : INumber<T>
{
    protected override string DefaultRetryText(DialogTexts texts) => texts.NumberRetry;

    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        var text = activity.Kind == ActivityKind.Message ? activity.Text : null;
        return Task.FromResult(NumberText.TryParse<T>(text, out var value)
            ? PromptRecognizerResult.Success(value)
            : PromptRecognizerResult.Failed<T>());
    }
}

internal static partial class NumberText
{
    public static bool TryParse<T>(string? text, out T value)
        where T : INumber<T>
    {
        value = T.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var matches = Number().Matches(ThaiText.ToArabicDigits(text));
        return matches.Count == 1
            && T.TryParse(matches[0].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out value!);
    }

    [GeneratedRegex(@"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
