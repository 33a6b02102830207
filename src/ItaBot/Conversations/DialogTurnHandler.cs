using ItaBot.Dialogs.Turns;
using ItaBot.Line.Webhook;
using ItaBot.Webhook;
using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// Runs one webhook event through the dialog engine. The dialog state it saves is staged and returned as a write,
/// so it commits together with the answer; an unfollow forgets the conversation, so a re-added user starts fresh.
/// </summary>
internal sealed class DialogTurnHandler(BotDialogs dialogs, IConversationStateStore states, ReplyRenderer renderer) : ITurnHandler
{
    public async ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken)
    {
        var e = WebhookParser.ParseEvent(turn.Json);
        if (e is UnfollowEvent && e.Source?.ChatId is { } chat)
        {
            await states.DeleteAsync(chat, cancellationToken).ConfigureAwait(false);
            return new TurnOutcome([], states.TakeStagedWrite(chat));
        }

        if (ActivityMapper.ToActivity(e) is not { } activity)
        {
            return TurnOutcome.Nothing;
        }

        var key = dialogs.Manager.Options.ConversationKey(activity);
        var context = new TurnContext(activity);
        Action<IUnitOfWork>? writes;
        try
        {
            await dialogs.Manager.OnTurnAsync(context, cancellationToken).ConfigureAwait(false);
            writes = states.TakeStagedWrite(key);
        }
        catch
        {
            states.Discard(key);
            throw;
        }

        return new TurnOutcome(renderer.Render(context.Replies), writes);
    }
}
