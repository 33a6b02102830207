using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>The choice the user picked.</summary>
/// <param name="Index">Zero-based position in the choices offered.</param>
public sealed record FoundChoice(string Value, string Label, int Index);

/// <summary>Matches what the user sent against a list of choices.</summary>
public static class ChoiceRecognizer
{
    /// <summary>A postback matches by value; a message by value, label, number, synonym or (when allowed) loose text.</summary>
    /// <param name="allowPartial">
    /// Whether an answer that merely mentions one choice counts. Off for yes/no, where "ไม่แน่ใจว่าใช่" mentions "ใช่".
    /// </param>
    public static FoundChoice? Recognize(Activity activity, IReadOnlyList<Choice> choices, bool allowPartial = true)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Kind switch
        {
            ActivityKind.Postback => Recognize(activity.PostbackData, choices, allowPartial) ?? Recognize(activity.Text, choices, allowPartial),
            ActivityKind.Message => Recognize(activity.Text, choices, allowPartial),
            _ => null,
        };
    }

    public static FoundChoice? Recognize(string? input, IReadOnlyList<Choice> choices, bool allowPartial = true)
    {
        ArgumentNullException.ThrowIfNull(choices);
        if (string.IsNullOrWhiteSpace(input) || choices.Count == 0)
        {
            return null;
        }

        var trimmed = input.Trim();
        var exact = Single(choices, c => string.Equals(c.Value, trimmed, StringComparison.Ordinal))
            ?? Single(choices, c => string.Equals(c.Label, trimmed, StringComparison.Ordinal));
        if (exact is not null)
        {
            return exact;
        }

        if (ThaiText.TryParseWholeNumber(trimmed, out var number) && number >= 1 && number <= choices.Count)
        {
            return Found(choices, number - 1);
        }

        var answer = ThaiText.NormalizeAnswer(trimmed);
        if (answer.Length == 0)
        {
            return null;
        }

        var normalized = Single(choices, c => Terms(c).Any(t => string.Equals(t, answer, StringComparison.Ordinal)));
        if (normalized is not null || !allowPartial)
        {
            return normalized;
        }

        // Loose: the answer mentions exactly one choice ("เลือกไฟฟ้าค่ะ"), or is a distinctive part of exactly one label.
        return Single(choices, c => Terms(c).Any(t => t.Length >= 2 && answer.Contains(t, StringComparison.Ordinal)))
            ?? (answer.Length >= 2 ? Single(choices, c => Terms(c).Any(t => t.Contains(answer, StringComparison.Ordinal))) : null);
    }

    private static IEnumerable<string> Terms(Choice choice) =>
        new[] { choice.Label, choice.Value }.Concat(choice.Synonyms).Select(ThaiText.NormalizeAnswer).Where(t => t.Length > 0);

    private static FoundChoice? Single(IReadOnlyList<Choice> choices, Func<Choice, bool> predicate)
    {
        var match = -1;
        for (var i = 0; i < choices.Count; i++)
        {
            if (!predicate(choices[i]))
            {
                continue;
            }

            if (match >= 0)
            {
                return null;
            }

            match = i;
        }

        return match >= 0 ? Found(choices, match) : null;
    }

    private static FoundChoice Found(IReadOnlyList<Choice> choices, int index) => new(choices[index].Value, choices[index].Label, index);
}
