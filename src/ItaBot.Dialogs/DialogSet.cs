using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs;

/// <summary>The dialogs a <see cref="DialogContext"/> can start, by id.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new ArgumentException($"A dialog with id '{dialog.Id}' is already in the set.", nameof(dialog));
        }

        return this;
    }

    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    public IEnumerable<Dialog> All => _dialogs.Values;

    /// <summary>A context over the conversation's outer dialog stack.</summary>
    public DialogContext CreateContext(ITurnContext turnContext, ConversationState state, DialogTexts? texts = null) =>
        new(this, turnContext, state, state.DialogStack, texts ?? DialogTexts.Thai);
}
