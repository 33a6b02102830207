using ItaBot.Line.Messages;
using ItaBot.Webhook;
using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// Decides the bot's answer to one webhook event. Runs one event at a time per conversation and must not send or
/// store anything itself: what it returns is committed together with the event's completion, then sent.
/// </summary>
internal interface ITurnHandler
{
    ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken);
}

/// <summary>
/// What one turn produced: the messages to send, and the store writes (conversation state, records) that must
/// commit atomically with them. A write may throw (e.g. a state version conflict): the turn is then run again.
/// <see cref="AfterCommit"/> runs once the commit has ended, committed or not (it ends claims the turn took).
/// <see cref="Protected"/>: the writes redact the turn's inbox event (the protected channel).
/// </summary>
internal sealed record TurnOutcome(IReadOnlyList<Message> Messages, Action<IUnitOfWork>? Writes = null, System.Action? AfterCommit = null)
{
    public bool Protected { get; init; }

    public static TurnOutcome Nothing { get; } = new([]);
}
