using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs;

/// <summary>
/// Looks at every turn before the active dialog does. Commands that must work mid-flow ("ยกเลิก", "เมนู",
/// rich-menu buttons) are interruptions.
/// </summary>
public interface IInterruptionHandler
{
    /// <returns>The turn's result when this handler took the turn; null to let the next handler or the dialogs have it.</returns>
    Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default);
}

/// <summary>
/// A command recognised by its words (compared after <see cref="ThaiText.NormalizeAnswer"/>, so "ยกเลิกค่ะ" counts)
/// or by its exact postback data. What it does is up to the factory that made it.
/// </summary>
public sealed class CommandInterruption : IInterruptionHandler
{
    private readonly HashSet<string> _words;
    private readonly HashSet<string> _postbacks;
    private readonly Func<DialogContext, CancellationToken, Task<DialogTurnResult>> _action;

    public CommandInterruption(
        IEnumerable<string> words, IEnumerable<string> postbackData, Func<DialogContext, CancellationToken, Task<DialogTurnResult>> action)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(postbackData);
        ArgumentNullException.ThrowIfNull(action);
        _words = new HashSet<string>(words.Select(ThaiText.NormalizeAnswer).Where(w => w.Length > 0), StringComparer.Ordinal);
        _postbacks = new HashSet<string>(postbackData, StringComparer.Ordinal);
        _action = action;
    }

    /// <summary>Ends whatever is in progress and says so (or says there was nothing).</summary>
    public static CommandInterruption Cancel(IEnumerable<string> words, IEnumerable<string>? postbackData = null) =>
        new(words, postbackData ?? [], static async (dc, ct) =>
        {
            var result = await dc.CancelAllDialogsAsync(ct).ConfigureAwait(false);
            var text = result.Status == DialogTurnStatus.Cancelled ? dc.Texts.Cancelled : dc.Texts.NothingToCancel;
            await dc.Context.SendTextAsync(text, ct).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Cancelled);
        });

    /// <summary>Drops whatever is in progress and starts <paramref name="dialogId"/> (the menu, a rich-menu feature).</summary>
    public static CommandInterruption StartDialog(string dialogId, IEnumerable<string> words, IEnumerable<string>? postbackData = null, object? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        return new(words, postbackData ?? [], async (dc, ct) =>
        {
            await dc.CancelAllDialogsAsync(ct).ConfigureAwait(false);
            return await dc.BeginDialogAsync(dialogId, options, ct).ConfigureAwait(false);
        });
    }

    public bool Matches(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Kind switch
        {
            ActivityKind.Message => _words.Contains(ThaiText.NormalizeAnswer(activity.Text)),
            ActivityKind.Postback => activity.PostbackData is { } data && _postbacks.Contains(data),
            _ => false,
        };
    }

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return Matches(dc.Context.Activity) ? await _action(dc, cancellationToken).ConfigureAwait(false) : null;
    }
}
