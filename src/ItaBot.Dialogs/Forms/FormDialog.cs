using System.Text.Json.Nodes;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Forms;

/// <summary>How a form starts: answers already known (a typed complaint's category and description) and the message to fill fields from.</summary>
public sealed record FormOptions
{
    /// <summary>Values taken as answered; their fields are not asked.</summary>
    public JsonObject? Values { get; init; }

    /// <summary>The message that started the form: each unfilled field may fill itself from it (<see cref="FormField.TryFill"/>).</summary>
    public string? Text { get; init; }

    /// <summary>Said before the first question (see <see cref="FormContext.Lead"/>).</summary>
    public string? Lead { get; init; }
}

/// <summary>The buttons and words of a form's summary. Postback data are the host's; the labels are what the user sees.</summary>
public sealed record FormSummaryChoices
{
    public required Choice Submit { get; init; }

    /// <summary>Opens the list of fields to change; null when the summary's own buttons jump to fields (<see cref="FormDialog.JumpTo"/>).</summary>
    public Choice? Edit { get; init; }

    /// <summary>A third button (cancel, say); null for none.</summary>
    public Choice? Other { get; init; }

    /// <summary>The start of an edit choice's value; the field's <see cref="FormField.Name"/> follows.</summary>
    public required string EditPrefix { get; init; }

    /// <summary>Typed words (normalised) that submit.</summary>
    public IReadOnlySet<string> SubmitWords { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Typed words (normalised) that open the edit choices.</summary>
    public IReadOnlySet<string> EditWords { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "แก้ไข", "แก้" };

    /// <summary>Said when the summary's answer was neither; the summary's buttons come with it.</summary>
    public required string ConfirmAgain { get; init; }

    /// <summary>Said above the edit choices.</summary>
    public required string WhatToEdit { get; init; }
}

/// <summary>
/// A form: fields asked in order (each with ask, accept and validate), skipping what the first message or the caller
/// already filled, then a summary to confirm, from which the user can jump back to any field and return to the summary.
/// Bot Builder's FormFlow idea on this engine's dialog stack. The answers live in the dialog's state unless the form
/// keeps them elsewhere (<see cref="LoadValuesAsync"/>, <see cref="SaveValuesAsync"/>: a protected flow seals them).
/// A summary may also be a menu of actions: its buttons can jump straight to a field (<see cref="JumpTo"/>) and the
/// form may handle other answers itself (<see cref="OnSummaryActionAsync"/>); a field may end the form (<see cref="FieldStatus.Ended"/>).
/// </summary>
public abstract class FormDialog : Dialog
{
    private const string ValuesKey = "values";
    private const string FieldKey = "field";
    private const string PhaseKey = "phase";
    private const string EditingKey = "editing";
    private const string AttemptsKey = "attempts";
    private const string ScratchKey = "scratch";
    private const string SummaryPhase = "summary";
    private const string EditPhase = "edit";

    private readonly List<FormField> _fields = [];

    protected FormDialog(string dialogId)
        : base(dialogId)
    {
    }

    public IReadOnlyList<FormField> Fields => _fields;

    /// <summary>The field whose question waits for an answer in <paramref name="instance"/>; null at the summary and while choosing what to edit.</summary>
    public FormField? WaitingField(DialogInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.State[PhaseKey] is null ? Current(instance.State) : null;
    }

    protected abstract FormSummaryChoices SummaryChoices { get; }

    protected FormDialog AddField(FormField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (_fields.Any(f => f.Name == field.Name))
        {
            throw new ArgumentException($"Form '{Id}' already has a field '{field.Name}'.", nameof(field));
        }

        _fields.Add(field);
        return this;
    }

    /// <summary>The summary's text; the summary buttons are added by the form.</summary>
    protected abstract string SummaryText(FormContext form);

    /// <summary>The user confirmed the summary: file, answer and end (or wait, when filing failed and the summary stays).</summary>
    protected abstract Task<DialogTurnResult> OnConfirmedAsync(FormContext form, CancellationToken cancellationToken);

    /// <summary>A field ended the form (<see cref="FieldStatus.Ended"/>) after saying its last word: by default the form ends.</summary>
    protected virtual Task<DialogTurnResult> OnEndedAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Dialog.EndDialogAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sees the answer to the summary before submit, edit and jumps do (a menu's other buttons); null lets the form handle it.
    /// <see cref="ShowSummaryAsync"/> shows the summary again.
    /// </summary>
    protected virtual Task<DialogTurnResult?> OnSummaryActionAsync(FormContext form, CancellationToken cancellationToken) =>
        Task.FromResult<DialogTurnResult?>(null);

    /// <summary>The form's answers; by default kept in the dialog's own state.</summary>
    protected virtual Task<JsonObject?> LoadValuesAsync(DialogContext dc, JsonObject formState, CancellationToken cancellationToken) =>
        Task.FromResult(formState[ValuesKey] as JsonObject);

    /// <summary>Keeps the form's answers after every turn; by default in the dialog's own state.</summary>
    protected virtual Task SaveValuesAsync(DialogContext dc, JsonObject formState, JsonObject values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(formState);
        formState[ValuesKey] = values;
        return Task.CompletedTask;
    }

    /// <summary>Called when a turn finds no answers (kept elsewhere and lost or expired): by default the form ends.</summary>
    protected virtual async Task<DialogTurnResult> OnValuesLostAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await dc.Context.SendTextAsync(dc.Texts.IdleTimeout, cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the form with <see cref="FormOptions"/> (or nothing): known values are kept, the first message fills what it can.</summary>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var start = options as FormOptions ?? new FormOptions();
        var state = dc.ActiveDialog!.State;
        var values = start.Values?.DeepClone() as JsonObject ?? [];
        var form = new FormContext(dc, values, [], isEditing: false) { Lead = start.Lead };
        if (!string.IsNullOrWhiteSpace(start.Text))
        {
            foreach (var field in _fields.Where(f => !f.IsFilled(form)))
            {
                field.TryFill(form, start.Text);
            }
        }

        return await NextAsync(dc, state, form, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.ActiveDialog!.State;
        if (await LoadValuesAsync(dc, state, cancellationToken).ConfigureAwait(false) is not { } values)
        {
            return await OnValuesLostAsync(dc, cancellationToken).ConfigureAwait(false);
        }

        var form = Context(dc, state, values);
        switch (state[PhaseKey]?.GetValue<string>())
        {
            case SummaryPhase:
                return await OnSummaryAnswerAsync(dc, state, form, cancellationToken).ConfigureAwait(false);
            case EditPhase:
                return await OnEditAnswerAsync(dc, state, form, cancellationToken).ConfigureAwait(false);
        }

        var field = Current(state);
        if (field is null)
        {
            return await NextAsync(dc, state, form, cancellationToken).ConfigureAwait(false);
        }

        var result = await field.AcceptAsync(form, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case FieldStatus.Accepted:
                state[AttemptsKey] = 0;
                return await NextAsync(dc, state, form, cancellationToken).ConfigureAwait(false);
            case FieldStatus.Waiting:
                await SaveValuesAsync(dc, state, values, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case FieldStatus.Ended:
                return await OnEndedAsync(form, cancellationToken).ConfigureAwait(false);
        }

        var attempts = (state[AttemptsKey]?.GetValue<int>() ?? 0) + 1;
        state[AttemptsKey] = attempts;
        if (field.MaxAttempts is { } max && attempts >= max)
        {
            await dc.Context.SendTextAsync(dc.Texts.PromptGiveUp, cancellationToken).ConfigureAwait(false);
            return await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }

        await SaveValuesAsync(dc, state, values, cancellationToken).ConfigureAwait(false);
        if (result.Retry is { } retry)
        {
            await dc.Context.SendAsync(retry, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await field.RetryAsync(form, cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(instance);
        var state = instance.State;
        var values = await LoadValuesAsync(dc, state, cancellationToken).ConfigureAwait(false) ?? [];
        var form = Context(dc, state, values);
        switch (state[PhaseKey]?.GetValue<string>())
        {
            case SummaryPhase:
                await SendSummaryAsync(form, cancellationToken).ConfigureAwait(false);
                return;
            case EditPhase:
                await form.SendAsync(Reply.FromText(SummaryChoices.WhatToEdit, EditChoices()), cancellationToken).ConfigureAwait(false);
                return;
        }

        if (Current(state) is { } field)
        {
            await field.RepromptAsync(form, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The summary's buttons: by default submit, edit and the optional third.</summary>
    protected virtual IReadOnlyList<Choice> SummaryButtons() =>
        [SummaryChoices.Submit, .. SummaryChoices.Edit is { } edit ? [edit] : Array.Empty<Choice>(), .. SummaryChoices.Other is { } other ? [other] : Array.Empty<Choice>()];

    /// <summary>The postback data of a button that jumps from the summary straight to <paramref name="fieldName"/> and back.</summary>
    protected string JumpTo(string fieldName) => SummaryChoices.EditPrefix + fieldName;

    /// <summary>Shows the summary (after <see cref="OnSummaryActionAsync"/> did something); the form stays at the summary.</summary>
    protected async Task<DialogTurnResult> ShowSummaryAsync(FormContext form, CancellationToken cancellationToken)
    {
        await SendSummaryAsync(form, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    /// <summary>One button per editable field.</summary>
    protected IReadOnlyList<Choice> EditChoices() =>
        [.. _fields.Where(f => f.Editable).Select(f => new Choice(f.Label, SummaryChoices.EditPrefix + f.Name))];

    /// <summary>Moves on to the first field still missing (or, after an edit or with none missing, to the summary) and asks it.</summary>
    private async Task<DialogTurnResult> NextAsync(DialogContext dc, JsonObject state, FormContext form, CancellationToken cancellationToken)
    {
        var editing = state[EditingKey]?.GetValue<bool>() == true;
        var next = editing ? null : _fields.FirstOrDefault(f => !f.IsFilled(form));
        state[ScratchKey] = new JsonObject();
        state[AttemptsKey] = 0;
        state.Remove(EditingKey);
        if (next is null)
        {
            state[PhaseKey] = SummaryPhase;
            state.Remove(FieldKey);
            await SaveValuesAsync(dc, state, form.Values, cancellationToken).ConfigureAwait(false);
            var summary = Context(dc, state, form.Values);
            summary.Lead = form.Lead;
            await SendSummaryAsync(summary, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        return await AskAsync(dc, state, form.Values, next, editing: false, cancellationToken, form.Lead).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskAsync(DialogContext dc, JsonObject state, JsonObject values, FormField field, bool editing, CancellationToken cancellationToken,
        string? lead = null)
    {
        state.Remove(PhaseKey);
        state[FieldKey] = field.Name;
        state[ScratchKey] = new JsonObject();
        state[AttemptsKey] = 0;
        if (editing)
        {
            state[EditingKey] = true;
        }

        var form = Context(dc, state, values);
        form.Lead = lead;
        if (editing)
        {
            field.BeginEdit(form);
        }

        await SaveValuesAsync(dc, state, values, cancellationToken).ConfigureAwait(false);
        await field.AskAsync(form, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> OnSummaryAnswerAsync(DialogContext dc, JsonObject state, FormContext form, CancellationToken cancellationToken)
    {
        if (await OnSummaryActionAsync(form, cancellationToken).ConfigureAwait(false) is { } handled)
        {
            return handled;
        }

        var choices = SummaryChoices;
        var data = form.PostbackData;
        var said = form.Said;
        if (FieldChosen(form) is { } jump)
        {
            return await AskAsync(dc, state, form.Values, jump, editing: true, cancellationToken).ConfigureAwait(false);
        }

        if (data == choices.Submit.Value || (said.Length > 0 && (said == ThaiText.NormalizeAnswer(choices.Submit.Label) || choices.SubmitWords.Contains(said))))
        {
            return await OnConfirmedAsync(form, cancellationToken).ConfigureAwait(false);
        }

        if (choices.Edit is { } edit && (data == edit.Value || (said.Length > 0 && (said == ThaiText.NormalizeAnswer(edit.Label) || choices.EditWords.Contains(said)))))
        {
            state[PhaseKey] = EditPhase;
            await form.SendAsync(Reply.FromText(choices.WhatToEdit, EditChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        await form.SendAsync(Reply.FromText(choices.ConfirmAgain, SummaryButtons()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> OnEditAnswerAsync(DialogContext dc, JsonObject state, FormContext form, CancellationToken cancellationToken)
    {
        if (FieldChosen(form) is not { } field)
        {
            await form.SendAsync(Reply.FromText(SummaryChoices.WhatToEdit, EditChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        return await AskAsync(dc, state, form.Values, field, editing: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The editable field a jump button names, or whose label was typed; null for anything else.</summary>
    private FormField? FieldChosen(FormContext form)
    {
        var prefix = SummaryChoices.EditPrefix;
        var data = form.PostbackData;
        var name = data is not null && data.StartsWith(prefix, StringComparison.Ordinal) ? data[prefix.Length..]
            : form.Said.Length > 0 ? _fields.FirstOrDefault(f => f.Editable && ThaiText.NormalizeAnswer(f.Label) == form.Said)?.Name : null;
        return _fields.FirstOrDefault(f => f.Editable && f.Name == name);
    }

    private Task SendSummaryAsync(FormContext form, CancellationToken cancellationToken) =>
        form.SendAsync(Reply.FromText(SummaryText(form), SummaryButtons()), cancellationToken);

    private FormField? Current(JsonObject state) =>
        state[FieldKey]?.GetValue<string>() is { } name ? _fields.FirstOrDefault(f => f.Name == name) : null;

    private static FormContext Context(DialogContext dc, JsonObject state, JsonObject values) =>
        new(dc, values, ConversationState.EnsureObject(state, ScratchKey), state[EditingKey]?.GetValue<bool>() == true);
}
