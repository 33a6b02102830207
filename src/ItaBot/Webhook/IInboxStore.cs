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

    /// <summary>How many events are in a state (Pending from bookkeeping, without a walk of the store).</summary>
    int Count(InboxState state);

    /// <summary>The same count made from the stored outcomes themselves.</summary>
    int CountStored(InboxState state);

    /// <summary>Records a failed attempt; parks the event when it has failed too often.</summary>
    Task RecordFailureAsync(string id, int attempts, string error, bool park);

    /// <summary>Marks the event handled inside <paramref name="work"/> (the turn's commit). That write must pass
    /// <see cref="Recheck"/> for the event as its rollback action.</summary>
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
