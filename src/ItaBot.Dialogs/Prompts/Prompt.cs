using System.Text.Json;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>What a prompt made of the user's answer.</summary>
public sealed record PromptRecognizerResult<T>(bool Succeeded, T? Value = default);

public static class PromptRecognizerResult
{
    public static PromptRecognizerResult<T> Success<T>(T value) => new(true, value);

    public static PromptRecognizerResult<T> Failed<T>() => new(false);
}

/// <summary>What a validator sees.</summary>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
    {
        Context = context;
        Recognized = recognized;
        Options = options;
        AttemptCount = attemptCount;
    }

    public ITurnContext Context { get; }

    public PromptRecognizerResult<T> Recognized { get; }

    public PromptOptions Options { get; }

    /// <summary>How many answers the user has given to this prompt, this one included (1 on the first answer).</summary>
    public int AttemptCount { get; }
}

/// <summary>Decides whether a recognised answer is acceptable. A validator that sends its own reply replaces the retry prompt.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);

/// <summary>
/// Asks a question and waits until the answer is understood (and valid), then ends with it as a <typeparamref name="T"/>.
/// After <see cref="PromptOptions.MaxAttempts"/> answers that are not, it says so politely and ends the whole flow.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    private const string OptionsKey = "options";
    private const string AttemptCountKey = "attemptCount";

    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId) => _validator = validator;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options switch
        {
            PromptOptions typed => typed,
            null => new PromptOptions(),
            _ => throw new ArgumentException($"Prompt '{Id}' takes {nameof(PromptOptions)}, not {options.GetType().Name}.", nameof(options)),
        };
        var instance = dc.ActiveDialog!;
        instance.State[OptionsKey] = JsonSerializer.SerializeToNode(promptOptions, DialogJsonContext.Default.PromptOptions);
        instance.State[AttemptCountKey] = 0;
        await OnPromptAsync(dc, promptOptions, isRetry: false, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        var options = ReadOptions(instance);

        // A user who blocked and re-added the bot mid-flow gets the question again; that was no answer.
        if (dc.Context.Activity.Kind == ActivityKind.Follow)
        {
            await OnPromptAsync(dc, options, isRetry: false, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        var attemptCount = (instance.State[AttemptCountKey]?.GetValue<int>() ?? 0) + 1;
        instance.State[AttemptCountKey] = attemptCount;

        var recognized = await OnRecognizeAsync(dc, options, cancellationToken).ConfigureAwait(false);
        var repliesBefore = dc.Context.Replies.Count;
        var isValid = _validator is null
            ? recognized.Succeeded
            : await _validator(new PromptValidatorContext<T>(dc.Context, recognized, options, attemptCount), cancellationToken).ConfigureAwait(false);

        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (options.MaxAttempts is { } max && attemptCount >= max)
        {
            await dc.Context.SendAsync(options.GiveUpPrompt ?? Reply.FromText(dc.Texts.PromptGiveUp), cancellationToken).ConfigureAwait(false);
            return await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }

        if (dc.Context.Replies.Count == repliesBefore)
        {
            await OnPromptAsync(dc, options, isRetry: true, cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    /// <summary>Something started above the prompt ended: ask again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return OnPromptAsync(dc, ReadOptions(instance), isRetry: false, cancellationToken);
    }

    /// <summary>Sends the question, or on a retry the retry prompt (or <see cref="DefaultRetryText"/>).</summary>
    protected virtual Task OnPromptAsync(DialogContext dc, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(options);
        var reply = isRetry
            ? options.RetryPrompt ?? Reply.FromText(DefaultRetryText(dc.Texts))
            : options.Prompt;
        return reply is null ? Task.CompletedTask : dc.Context.SendAsync(reply, cancellationToken);
    }

    /// <summary>The hint said after an answer that was not understood, when the options name no retry prompt.</summary>
    protected abstract string DefaultRetryText(DialogTexts texts);

    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(DialogContext dc, PromptOptions options, CancellationToken cancellationToken);

    private PromptOptions ReadOptions(DialogInstance instance) =>
        instance.State[OptionsKey]?.Deserialize(DialogJsonContext.Default.PromptOptions)
        ?? throw new InvalidOperationException($"Prompt '{Id}' has no stored options.");
}
