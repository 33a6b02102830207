using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>Asks for free text; ends with the trimmed text. Stickers, photos and empty messages are asked again.</summary>
public class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    protected override string DefaultRetryText(DialogTexts texts) => texts.TextRetry;

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        var text = activity.Kind == ActivityKind.Message ? activity.Text?.Trim() : null;
        return Task.FromResult(string.IsNullOrEmpty(text) ? PromptRecognizerResult.Failed<string>() : PromptRecognizerResult.Success(text));
    }
}
