using System.Text.Json.Nodes;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Forms;

/// <summary>What a field made of the user's message.</summary>
public enum FieldStatus
{
    /// <summary>The field has its value: the form moves on (or back to the summary).</summary>
    Accepted,

    /// <summary>The field keeps the turn: it said something of its own (a photo more, a follow-up question) and waits.</summary>
    Waiting,

    /// <summary>Not an answer: the field's retry (or <see cref="FieldResult.Retry"/>) is sent; it counts as an attempt.</summary>
    Rejected,

    /// <summary>The field said the form's last word (a locked-out receipt, say): the form ends through <see cref="FormDialog.OnEndedAsync"/>.</summary>
    Ended,
}

/// <summary>The outcome of <see cref="FormField.AcceptAsync"/>.</summary>
public sealed record FieldResult(FieldStatus Status, Reply? Retry = null)
{
    public static FieldResult Accepted { get; } = new(FieldStatus.Accepted);

    public static FieldResult Waiting { get; } = new(FieldStatus.Waiting);

    public static FieldResult Ended { get; } = new(FieldStatus.Ended);

    /// <param name="retry">What to say instead of the field's own <see cref="FormField.RetryAsync"/>.</param>
    public static FieldResult Rejected(Reply? retry = null) => new(FieldStatus.Rejected, retry);
}

/// <summary>
/// One question of a <see cref="FormDialog"/>: how it is asked, how an answer is accepted (and validated), and what of a
/// first message it can fill in without asking. Fields are shared by every conversation: what a field remembers goes in
/// <see cref="FormContext.Values"/> (the form's answers) or <see cref="FormContext.Scratch"/> (its own, until it is done).
/// </summary>
public abstract class FormField
{
    protected FormField(string name, string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(label);
        Name = name;
        Label = label;
    }

    /// <summary>The key of the field's value in <see cref="FormContext.Values"/>, and its id in the summary's edit choices.</summary>
    public string Name { get; }

    /// <summary>What the summary's "which part to change" button says.</summary>
    public string Label { get; }

    /// <summary>Offered among the summary's edit choices.</summary>
    public bool Editable { get; init; } = true;

    /// <summary>Answers it cannot use before the form gives up politely and ends; null for no limit.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Whether the field has what it needs (by default: a value under <see cref="Name"/>).</summary>
    public virtual bool IsFilled(FormContext form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Values[Name] is not null;
    }

    /// <summary>Fills the field from the message that started the form, when it can ("ไฟถนนดับ" names the category).</summary>
    public virtual bool TryFill(FormContext form, string text) => false;

    /// <summary>Asks the question.</summary>
    public abstract Task AskAsync(FormContext form, CancellationToken cancellationToken);

    /// <summary>Handles the user's message while this field is asked.</summary>
    public abstract Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken);

    /// <summary>Said after an answer the field could not use; by default the question again.</summary>
    public virtual Task RetryAsync(FormContext form, CancellationToken cancellationToken) => AskAsync(form, cancellationToken);

    /// <summary>Asks again after an interruption; by default the question.</summary>
    public virtual Task RepromptAsync(FormContext form, CancellationToken cancellationToken) => AskAsync(form, cancellationToken);

    /// <summary>Called when the user picks the field from the summary to change it (a list is emptied here, say).</summary>
    public virtual void BeginEdit(FormContext form)
    {
    }
}

/// <summary>
/// A field answered with free text: asked with <paramref name="ask"/>, accepted when <paramref name="accept"/> returns
/// the value to keep (null: not acceptable, <paramref name="retry"/> is said). Stickers, photos and postbacks are not text.
/// </summary>
public class TextField(string name, string label, Func<FormContext, Reply> ask, Func<FormContext, string, string?>? accept = null, Func<FormContext, Reply>? retry = null)
    : FormField(name, label)
{
    public override Task AskAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.SendAsync(ask(form), cancellationToken);
    }

    public override Task RetryAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.SendAsync((retry ?? ask)(form), cancellationToken);
    }

    public override Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Text is not { } text || (accept is null ? text : accept(form, text)) is not { } value)
        {
            return Task.FromResult(FieldResult.Rejected());
        }

        form.Values[Name] = value;
        return Task.FromResult(FieldResult.Accepted);
    }
}

/// <summary>
/// A field answered by picking one of <paramref name="choices"/> (a tap, the label typed loosely, or its number); the
/// choice's value is kept.
/// </summary>
public class ChoiceField(string name, string label, Func<FormContext, string> question, Func<FormContext, IReadOnlyList<Choice>> choices, Func<FormContext, string>? retry = null)
    : FormField(name, label)
{
    public override Task AskAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.SendAsync(Reply.FromText(question(form), choices(form)), cancellationToken);
    }

    public override Task RetryAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.SendAsync(Reply.FromText((retry ?? question)(form), choices(form)), cancellationToken);
    }

    public override Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (ChoiceRecognizer.Recognize(form.Activity, choices(form)) is not { } found)
        {
            return Task.FromResult(FieldResult.Rejected());
        }

        form.Values[Name] = found.Value;
        return Task.FromResult(FieldResult.Accepted);
    }
}

/// <summary>What a field sees of the turn and the form.</summary>
public sealed class FormContext
{
    internal FormContext(DialogContext dialog, JsonObject values, JsonObject scratch, bool isEditing)
    {
        Dialog = dialog;
        Values = values;
        Scratch = scratch;
        IsEditing = isEditing;
    }

    public DialogContext Dialog { get; }

    public Activity Activity => Dialog.Context.Activity;

    /// <summary>The form's answers so far (saved by the form's <see cref="FormDialog.SaveValuesAsync"/>).</summary>
    public JsonObject Values { get; }

    /// <summary>The current field's own state between turns; emptied when the form moves to another field.</summary>
    public JsonObject Scratch { get; }

    /// <summary>The field is asked again from the summary: once accepted, the form returns to the summary.</summary>
    public bool IsEditing { get; }

    /// <summary>The message text, trimmed; null for anything that is not a text message with text.</summary>
    public string? Text => Activity.Kind == ActivityKind.Message && !string.IsNullOrWhiteSpace(Activity.Text) ? Activity.Text.Trim() : null;

    /// <summary>The message text as <see cref="ThaiText.NormalizeAnswer"/> leaves it; empty for anything but a text message.</summary>
    public string Said => Activity.Kind == ActivityKind.Message ? ThaiText.NormalizeAnswer(Activity.Text) : string.Empty;

    /// <summary>The postback data of a tapped button; null otherwise.</summary>
    public string? PostbackData => Activity.Kind == ActivityKind.Postback ? Activity.PostbackData : null;

    /// <summary>
    /// A line said before the next question ("เรื่องไฟฟ้านะคะ"): the next <see cref="SendAsync"/> of this turn, usually the
    /// next field's question, starts with it.
    /// </summary>
    public string? Lead { get; set; }

    public Task SendAsync(Reply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (Lead is { } lead)
        {
            Lead = null;
            reply = reply with { Text = string.IsNullOrEmpty(reply.Text) ? lead : lead + "\n" + reply.Text };
        }

        return Dialog.Context.SendAsync(reply, cancellationToken);
    }
}
