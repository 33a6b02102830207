using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>
/// Asks a yes/no question with two buttons and ends with a bool. Understands ใช่/ไม่ใช่, ตกลง, ได้/ไม่ได้, yes/no,
/// "1"/"2", with or without polite particles. Note that "ยกเลิก" usually reaches the cancel interruption first.
/// </summary>
public class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null) : Prompt<bool>(dialogId, validator)
{
    private static readonly HashSet<string> DefaultYes = new(StringComparer.Ordinal)
    {
        "ใช่", "ใช่แล้ว", "ถูก", "ถูกต้อง", "ตกลง", "ได้", "ได้เลย", "โอเค", "เอา", "ยืนยัน", "แน่นอน", "ครับ", "ค่ะ", "จ้า",
        "yes", "y", "ok", "okay", "sure",
    };

    private static readonly HashSet<string> DefaultNo = new(StringComparer.Ordinal)
    {
        "ไม่", "ไม่ใช่", "ไม่ใช่แล้ว", "ผิด", "ไม่ถูก", "ไม่ถูกต้อง", "ไม่ตกลง", "ไม่ได้", "ไม่เอา", "ไม่ต้อง", "ไม่ยืนยัน", "ยกเลิก",
        "no", "n", "nope",
    };

    /// <summary>Extra words (normalised as in <see cref="ThaiText.NormalizeAnswer"/>) that mean yes.</summary>
    public IReadOnlySet<string> YesWords { get; init; } = DefaultYes;

    public IReadOnlySet<string> NoWords { get; init; } = DefaultNo;

    protected override string DefaultRetryText(DialogTexts texts) => texts.ConfirmRetry;

    protected override Task OnPromptAsync(DialogContext dc, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(options);
        var reply = isRetry ? options.RetryPrompt ?? Reply.FromText(DefaultRetryText(dc.Texts)) : options.Prompt ?? new Reply();
        if (reply.Choices.Count == 0)
        {
            reply = reply with { Choices = ButtonsOf(dc.Texts, options) };
        }

        return dc.Context.SendAsync(reply, cancellationToken);
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(options);
        var activity = dc.Context.Activity;
        if (ChoiceRecognizer.Recognize(activity, ButtonsOf(dc.Texts, options), allowPartial: false) is { } button)
        {
            return Task.FromResult(PromptRecognizerResult.Success(button.Index == 0));
        }

        var answer = ThaiText.NormalizeAnswer(activity.Kind == ActivityKind.Postback ? activity.PostbackData : activity.Text);
        var result = YesWords.Contains(answer) ? PromptRecognizerResult.Success(true)
            : NoWords.Contains(answer) ? PromptRecognizerResult.Success(false)
            : PromptRecognizerResult.Failed<bool>();
        return Task.FromResult(result);
    }

    /// <summary>The yes button first, then the no button.</summary>
    private static IReadOnlyList<Choice> ButtonsOf(DialogTexts texts, PromptOptions options) =>
        options.Choices is { Count: 2 } custom ? custom : [new Choice(texts.Yes), new Choice(texts.No)];
}
