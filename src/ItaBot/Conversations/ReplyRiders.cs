using ItaBot.Line.Messages;
using ItaBot.Webhook;
using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// Something that waits to be pushed to a citizen (a staff answer) and may go out with that citizen's next reply instead:
/// replies are free, pushes cost LINE's monthly quota. Slices register one; the turn pipeline asks each on every answered turn.
/// </summary>
internal interface IReplyRider
{
    /// <summary>
    /// Claims what waits for <paramref name="userId"/> (at most <paramref name="room"/> messages), or null. While claimed it
    /// must not be pushed; the claim's write records it as delivered in the turn's commit, and its release ends the claim
    /// once that commit has ended (committed or not: not committed, it waits for its push as before).
    /// </summary>
    RiderClaim? TryClaim(string userId, int room);
}

/// <summary>Messages that ride a reply, the write that records them delivered, and the end of the claim.</summary>
internal sealed record RiderClaim(IReadOnlyList<Message> Messages, Action<IUnitOfWork> Write, System.Action Release);

/// <summary>
/// Puts waiting messages (<see cref="IReplyRider"/>) in front of a turn's own answer, so they leave with its reply token
/// rather than as a push. Should the reply fail over to a push, the whole answer is that one push: never both.
/// </summary>
internal sealed class ReplyRidersTurnHandler(ITurnHandler inner, IEnumerable<IReplyRider> riders) : ITurnHandler
{
    /// <summary>LINE takes at most five messages in one reply.</summary>
    public const int MaxReplyMessages = 5;

    private readonly IReplyRider[] _riders = [.. riders];

    public async ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken)
    {
        var outcome = await inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        // Only a turn that answers has a reply to ride, and only a one-to-one chat reaches the citizen the message is for.
        if (outcome.Messages.Count == 0 || turn.UserId is not { } user || !string.Equals(turn.ConversationId, user, StringComparison.Ordinal))
        {
            return outcome;
        }

        foreach (var rider in _riders)
        {
            var room = MaxReplyMessages - outcome.Messages.Count;
            if (room <= 0)
            {
                break;
            }

            if (rider.TryClaim(user, room) is not { } claim)
            {
                continue;
            }

            var previous = outcome.AfterCommit;
            outcome = outcome with
            {
                Messages = [.. claim.Messages, .. outcome.Messages],
                Writes = TurnWrites.Combine(outcome.Writes, claim.Write),
                AfterCommit = previous is null ? claim.Release : () =>
                {
                    previous();
                    claim.Release();
                },
            };
        }

        return outcome;
    }
}
