using System.Text.Json.Nodes;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs;

/// <summary>A dialog stack at work in one turn: start, continue, end, replace and cancel dialogs on it.</summary>
public class DialogContext
{
    public DialogContext(DialogSet dialogs, ITurnContext context, ConversationState state, DialogStack stack, DialogTexts texts)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(texts);
        Dialogs = dialogs;
        Context = context;
        State = state;
        Stack = stack;
        Texts = texts;
    }

    /// <summary>A context sharing <paramref name="other"/>'s stack (what a waterfall step sees).</summary>
    protected DialogContext(DialogContext other)
        : this(other.Dialogs, other.Context, other.State, other.Stack, other.Texts)
    {
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    /// <summary>The whole conversation's state (the bags live here).</summary>
    public ConversationState State { get; }

    public DialogStack Stack { get; }

    /// <summary>The texts the engine itself says (give-up, retry hints), chosen by the host.</summary>
    public DialogTexts Texts { get; }

    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>Data shared by everyone in the conversation.</summary>
    public JsonObject ConversationData => State.Conversation;

    /// <summary>Data about the user who sent this turn.</summary>
    public JsonObject UserData => State.ForUser(Context.Activity.UserId);

    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        cancellationToken.ThrowIfCancellationRequested();
        var dialog = FindDialog(dialogId) ?? throw new InvalidOperationException($"No dialog with id '{dialogId}' can be found.");
        Stack.Push(new DialogInstance(dialogId));
        return await dialog.BeginDialogAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Hands the turn to the active dialog; <see cref="DialogTurnStatus.Empty"/> when there is none.</summary>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ActiveDialog is not { } instance)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        return await GetDialog(instance).ContinueDialogAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the active dialog and resumes the one below it with <paramref name="result"/>.</summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.EndCalled, cancellationToken).ConfigureAwait(false);
        if (ActiveDialog is { } parent)
        {
            return await GetDialog(parent).ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    /// <summary>Ends the active dialog and starts another in its place, without resuming the one below.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Empties the stack, ending every dialog on it.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        var hadDialogs = Stack.Count > 0;
        while (Stack.Count > 0)
        {
            await PopAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(hadDialogs ? DialogTurnStatus.Cancelled : DialogTurnStatus.Empty);
    }

    /// <summary>Asks the active dialog to ask its question again.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is { } instance)
        {
            await GetDialog(instance).RepromptDialogAsync(this, instance, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PopAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ActiveDialog is not { } instance)
        {
            return;
        }

        // A dialog removed from the code since the state was saved is dropped quietly rather than trapping the user.
        if (FindDialog(instance.Id) is { } dialog)
        {
            await dialog.EndDialogAsync(this, instance, reason, cancellationToken).ConfigureAwait(false);
        }

        Stack.Pop();
    }

    private Dialog GetDialog(DialogInstance instance) =>
        FindDialog(instance.Id) ?? throw new InvalidOperationException($"The active dialog '{instance.Id}' is not in the dialog set.");
}
