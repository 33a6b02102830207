using System.Globalization;
using System.Text;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>The choice the user picked.</summary>
/// <param name="Index">Zero-based position in the prompt's choices.</param>
public sealed record FoundChoice(string Value, string Label, int Index);

/// <summary>How a choice prompt shows its choices.</summary>
public enum ListStyle
{
    /// <summary>As suggested actions (quick-reply buttons).</summary>
    SuggestedActions,

    /// <summary>As buttons and as a numbered list in the text, for when the labels are long or many.</summary>
    SuggestedActionsAndList,
}

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>. Understands the value (a postback), the label,
/// the number in the list ("2", "๒") and the label typed loosely ("ไฟฟ้าค่ะ" for "ไฟฟ้า").
/// </summary>
public class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(dialogId, validator)
{
    public ListStyle Style { get; init; } = ListStyle.SuggestedActions;

    protected override string DefaultRetryText(DialogTexts texts) => texts.ChoiceRetry;

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        // Without choices no answer could ever match: fail where the flow is written, not after three tries.
        if (options is not PromptOptions { Choices.Count: > 0 })
        {
            throw new ArgumentException($"Choice prompt '{Id}' needs {nameof(PromptOptions)} with at least one choice.", nameof(options));
        }

        return base.BeginDialogAsync(dc, options, cancellationToken);
    }

    protected override Task OnPromptAsync(DialogContext dc, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(options);
        var choices = options.Choices ?? [];
        var reply = isRetry ? options.RetryPrompt ?? Reply.FromText(DefaultRetryText(dc.Texts)) : options.Prompt ?? new Reply();
        if (reply.Choices.Count == 0)
        {
            reply = reply with { Choices = choices };
        }

        if (Style == ListStyle.SuggestedActionsAndList && choices.Count > 0)
        {
            var text = new StringBuilder(reply.Text);
            for (var i = 0; i < choices.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. {choices[i].Label}");
            }

            reply = reply with { Text = text.ToString().TrimStart('\n') };
        }

        return dc.Context.SendAsync(reply, cancellationToken);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(options);
        var found = ChoiceRecognizer.Recognize(dc.Context.Activity, options.Choices ?? []);
        return Task.FromResult(found is null ? PromptRecognizerResult.Failed<FoundChoice>() : PromptRecognizerResult.Success(found));
    }
}

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
