using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Privacy;

/// <summary>
/// Before anything else in a conversation that has not seen the current version of the notice: a new friend gets the
/// welcome, the notice and the menu; a first message gets the notice and then its answer. The version seen is kept in
/// the conversation's state, so a changed notice is shown once more.
/// </summary>
internal sealed class FirstContactNotice(PrivacyLink link, ContentPackProvider content) : IInterruptionHandler
{
    private const string SeenKey = "privacyNotice";

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var version = content.Current.Privacy?.Version ?? "-";
        var bag = dc.State.Conversation;
        var kind = dc.Context.Activity.Kind;
        if (kind == ActivityKind.Other || bag[SeenKey]?.GetValue<string>() == version)
        {
            return null;
        }

        bag[SeenKey] = version;
        if (kind == ActivityKind.Follow)
        {
            await dc.Context.SendTextAsync(MainDialog.Welcome, cancellationToken).ConfigureAwait(false);
            await dc.Context.SendTextAsync(link.Show(bag), cancellationToken).ConfigureAwait(false);
            await dc.Context.SendAsync(MainDialog.Menu(), cancellationToken).ConfigureAwait(false);
            await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }

        await dc.Context.SendTextAsync(link.Show(bag), cancellationToken).ConfigureAwait(false);
        return null;
    }
}
