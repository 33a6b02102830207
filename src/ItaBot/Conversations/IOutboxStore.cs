using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// Messages to send, kept until LINE accepted them, written in the commit that marks their event handled (so a crash
/// neither loses an answer nor produces it twice).
/// </summary>
internal interface IOutboxStore
{
    /// <summary>Marks the event handled, applies the turn's own writes and queues its answer (if any), in one commit.</summary>
    Task CompleteTurnAsync(string eventId, OutboxEntry? answer, Action<IUnitOfWork>? writes = null);

    /// <summary>Sent: the entry shrinks to its facts (how, when); the messages are no longer kept.</summary>
    Task MarkSentAsync(OutboxEntry entry, string via);

    /// <summary>
    /// Parked: kept with its error for a person to see. The answer to a protected-channel event (its inbox entry
    /// redacted) is wiped instead: its messages may carry a receipt and its recipient is the reporter.
    /// </summary>
    Task MarkParkedAsync(OutboxEntry entry, string error);

    OutboxEntry? Find(string id);

    /// <summary>Entries not yet sent or parked, oldest first (ids sort by creation).</summary>
    List<OutboxEntry> Pending();

    /// <summary>A lane's pending entries, oldest first (several nodes: sends left behind by a node that died).</summary>
    List<OutboxEntry> PendingInLane(string lane) => [.. Pending().Where(e => string.Equals(e.LaneKey, lane, StringComparison.Ordinal))];

    /// <summary>The lanes of the oldest pending entries (at most <paramref name="max"/> entries looked at), oldest first.</summary>
    List<string> PendingLanes(int max) => [.. Pending().Take(max).Select(e => e.LaneKey).Distinct(StringComparer.Ordinal)];

    int Count(OutboxState state);

    /// <summary>Deletes sent entries older than <paramref name="cutoff"/>; parked and pending ones stay.</summary>
    Task<int> PurgeSentAsync(DateTime cutoff);
}
