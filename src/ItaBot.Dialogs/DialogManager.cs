using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs;

public sealed class DialogManagerOptions
{
    /// <summary>A flow left alone this long is ended (politely) when the user next writes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public DialogTexts Texts { get; set; } = DialogTexts.Thai;

    /// <summary>Words that cancel any flow; an empty list turns the built-in cancel command off.</summary>
    public IList<string> CancelWords { get; } = ["ยกเลิก", "cancel"];

    /// <summary>Which state a turn belongs to. By default the conversation (in a group chat, the whole group shares one flow).</summary>
    public Func<Activity, string> ConversationKey { get; set; } = static activity => activity.ConversationId;
}

/// <summary>
/// Runs one turn: loads the conversation's state, ends an idle flow, lets interruptions look first, continues the
/// active dialog or starts the root dialog, and saves the state with a version check.
/// </summary>
public sealed class DialogManager
{
    private readonly IDialogStateStore _store;
    private readonly TimeProvider _timeProvider;

    public DialogManager(Dialog rootDialog, IDialogStateStore store, TimeProvider timeProvider, DialogManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rootDialog);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(timeProvider);
        RootDialogId = rootDialog.Id;
        Dialogs.Add(rootDialog);
        _store = store;
        _timeProvider = timeProvider;
        Options = options ?? new DialogManagerOptions();
        if (Options.CancelWords.Count > 0)
        {
            // A "ยกเลิก" button sends its word as postback data: tapped or typed, it cancels the same way.
            Interruptions.Add(CommandInterruption.Cancel(Options.CancelWords, Options.CancelWords));
        }
    }

    public string RootDialogId { get; }

    /// <summary>The root dialog and any other dialog that interruptions or the root start by id.</summary>
    public DialogSet Dialogs { get; } = new();

    /// <summary>Checked in order before every turn; the first that takes the turn wins.</summary>
    public IList<IInterruptionHandler> Interruptions { get; } = [];

    public DialogManagerOptions Options { get; }

    /// <exception cref="StateConflictException">
    /// Another turn of the same conversation saved first. Nothing was saved; the replies collected in
    /// <paramref name="turnContext"/> should be dropped and the turn run again.
    /// </exception>
    public async Task<DialogTurnResult> OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var key = Options.ConversationKey(turnContext.Activity);
        var stored = await _store.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        var state = stored?.State ?? new ConversationState();
        var now = _timeProvider.GetUtcNow();
        var dc = Dialogs.CreateContext(turnContext, state, Options.Texts);

        var result = await RunTurnAsync(dc, now, cancellationToken).ConfigureAwait(false);

        if (state.IsForgotten)
        {
            await _store.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            return result;
        }

        state.LastActivityAt = now;
        await _store.SaveAsync(key, state, stored?.Version ?? 0, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<DialogTurnResult> RunTurnAsync(DialogContext dc, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null && IsIdle(dc.State, now))
        {
            await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            await dc.Context.SendTextAsync(Options.Texts.IdleTimeout, cancellationToken).ConfigureAwait(false);
        }

        // A flow whose dialogs are gone from the code (after a deploy) cannot go on; start fresh rather than fail forever.
        if (dc.Stack.Any(instance => dc.FindDialog(instance.Id) is null))
        {
            await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var interruption in Interruptions)
        {
            if (await interruption.TryInterruptAsync(dc, cancellationToken).ConfigureAwait(false) is { } interrupted)
            {
                return interrupted;
            }
        }

        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(RootDialogId, null, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private bool IsIdle(ConversationState state, DateTimeOffset now) =>
        state.LastActivityAt is { } last && now - last > Options.IdleTimeout;
}
