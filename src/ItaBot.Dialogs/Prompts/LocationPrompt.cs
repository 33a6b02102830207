using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>Asks the user to share a location; ends with the <see cref="GeoLocation"/>.</summary>
public class LocationPrompt(string dialogId, PromptValidator<GeoLocation>? validator = null) : Prompt<GeoLocation>(dialogId, validator)
{
    protected override string DefaultRetryText(DialogTexts texts) => texts.LocationRetry;

    protected override Task<PromptRecognizerResult<GeoLocation>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        return Task.FromResult(activity is { Kind: ActivityKind.Location, Location: { } location }
            ? PromptRecognizerResult.Success(location)
            : PromptRecognizerResult.Failed<GeoLocation>());
    }
}

/// <summary>Asks for a photo (or the kinds in <see cref="AllowedKinds"/>); ends with the <see cref="AttachmentRef"/>.</summary>
public class AttachmentPrompt(string dialogId, PromptValidator<AttachmentRef>? validator = null) : Prompt<AttachmentRef>(dialogId, validator)
{
    public IReadOnlySet<AttachmentKind> AllowedKinds { get; init; } = new HashSet<AttachmentKind> { AttachmentKind.Image };

    protected override string DefaultRetryText(DialogTexts texts) => texts.AttachmentRetry;

    protected override Task<PromptRecognizerResult<AttachmentRef>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        return Task.FromResult(activity is { Kind: ActivityKind.Attachment, Attachment: { } attachment } && AllowedKinds.Contains(attachment.Kind)
            ? PromptRecognizerResult.Success(attachment)
            : PromptRecognizerResult.Failed<AttachmentRef>());
    }
}
