using ItaBot.Line.Messages;
using ItaBot.Webhook;

namespace ItaBot.Conversations;

/// <summary>
/// Decides the bot's answer to one webhook event. Runs one event at a time per conversation; must not send anything
/// itself: what it returns is stored in the outbox with the event's completion, then sent.
/// </summary>
internal interface ITurnHandler
{
    ValueTask<IReadOnlyList<Message>> HandleAsync(InboxEntry turn, CancellationToken cancellationToken);
}
