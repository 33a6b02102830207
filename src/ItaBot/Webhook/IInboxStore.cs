using ItaBot.Line.Webhook;
using ItaBot.Storage;

namespace ItaBot.Webhook;

/// <summary>
/// The durable inbox: every acknowledged webhook event, de-duplicated by webhookEventId, with its outcome (pending,
/// done, parked). Appends go ahead of every other write so a processing backlog never delays an acknowledgement.
/// </summary>
internal interface IInboxStore
{
    /// <summary>
    /// Stores the events that are new and returns them in arrival order; events already in the inbox (redeliveries, the
    /// same id twice in one body or in concurrent requests) are skipped. Completes after the commit.
    /// </summary>
    Task<List<InboxEntry>> AppendAsync(string? destination, IReadOnlyList<RawWebhookEvent> events);

    /// <summary>The event with its outcome, or null.</summary>
    InboxEntry? Find(string id);

    /// <summary>Events not yet handled or parked, in arrival order, with the attempts already made.</summary>
    List<InboxEntry> Pending();

    /// <summary>
    /// A lane's pending events after <paramref name="afterSeq"/>, in arrival order, at most <paramref name="max"/> (several
    /// nodes: the node holding the lane reads its work here, whichever node acknowledged it).
    /// </summary>
    List<InboxEntry> PendingInLane(string lane, long afterSeq, int max) =>
        [.. Pending().Where(e => string.Equals(e.LaneKey, lane, StringComparison.Ordinal) && e.Seq > afterSeq).Take(max)];

    /// <summary>The lanes of the oldest pending events (at most <paramref name="max"/> events looked at), oldest first.</summary>
    List<string> PendingLanes(int max) => [.. Pending().Take(max).Select(e => e.LaneKey).Distinct(StringComparer.Ordinal)];

    /// <summary>How many events are in a state (Pending from bookkeeping, without a walk of the store).</summary>
    int Count(InboxState state);

    /// <summary>The same count made from the stored outcomes themselves.</summary>
    int CountStored(InboxState state);

    /// <summary>Records a failed attempt; parks the event when it has failed too often (never an event already handled).</summary>
    Task RecordFailureAsync(string id, int attempts, string error, bool park);

    /// <summary>Marks the event handled inside <paramref name="work"/> (the turn's commit). That write must pass
    /// <see cref="Recheck"/> for the event as its rollback action. Where several nodes share the store, an event that is
    /// no longer pending throws <see cref="TurnAlreadyHandledException"/>, so a turn commits once.</summary>
    void MarkDone(IUnitOfWork work, string id);

    /// <summary>After a write about this event rolled back: pending again if the store says so.</summary>
    void Recheck(string id);

    /// <summary>
    /// Replaces a handled event of the protected channel by a stub without user id, reply token or body, inside
    /// <paramref name="work"/>. The id stays, so a redelivery is still recognised.
    /// </summary>
    void Redact(IUnitOfWork work, string id);

    /// <summary>Whether the event was redacted (its answer must then keep no trace of the conversation either).</summary>
    bool IsRedacted(IUnitOfWork work, string id);

    /// <summary>Deletes handled events older than <paramref name="cutoff"/>, and forgets their ids once that committed.</summary>
    Task<int> PurgeHandledAsync(DateTime cutoff);
}

/// <summary>The event was handled meanwhile (by another node that held its lane before this one): this turn must not commit.</summary>
internal sealed class TurnAlreadyHandledException(string eventId)
    : InvalidOperationException($"Inbox event {eventId} is no longer pending: another turn handled it.");
