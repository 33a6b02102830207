using System.Text.Json.Nodes;
using ItaBot.Dialogs.State;

namespace ItaBot.Dialogs;

/// <summary>
/// A dialog made of dialogs, with its own inner <see cref="DialogSet"/> and stack (kept in its own state), so a flow
/// such as "complaint intake" can be reused as one dialog by the menu that starts it.
/// </summary>
public class ComponentDialog : Dialog
{
    private const string InnerStackKey = "dialogs";

    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>The dialog started when the component begins; by default the first one added.</summary>
    public string? InitialDialogId { get; set; }

    protected DialogSet Dialogs { get; } = new();

    public ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        var inner = CreateInnerContext(dc, instance);
        var id = InitialDialogId ?? throw new InvalidOperationException($"Component '{Id}' has no dialogs.");
        var turn = await inner.BeginDialogAsync(id, options, cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(dc, instance, turn, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        var turn = await CreateInnerContext(dc, instance).ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        return await AfterInnerTurnAsync(dc, instance, turn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Something the component started on the outer stack ended: ask the inner dialog's question again.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default) =>
        CreateInnerContext(dc, instance).RepromptDialogAsync(cancellationToken);

    public override async Task EndDialogAsync(DialogContext dc, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        if (reason == DialogReason.CancelCalled)
        {
            await CreateInnerContext(dc, instance).CancelAllDialogsAsync(cancelParents: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DialogTurnResult> AfterInnerTurnAsync(DialogContext dc, DialogInstance instance, DialogTurnResult turn, CancellationToken cancellationToken)
    {
        if (turn.Status == DialogTurnStatus.Waiting)
        {
            return EndOfTurn;
        }

        // An inner dialog may have cancelled the outer stack too (a prompt giving up): then there is nothing to end.
        if (!instance.IsSameAs(dc.ActiveDialog))
        {
            return turn;
        }

        return await dc.EndDialogAsync(turn.Result, cancellationToken).ConfigureAwait(false);
    }

    private DialogContext CreateInnerContext(DialogContext dc, DialogInstance instance) =>
        new(Dialogs, dc.Context, dc.State, InnerStack(instance), dc.Texts, dc);

    private static DialogStack InnerStack(DialogInstance instance) => new(ConversationState.EnsureArray(instance.State, InnerStackKey));
}
