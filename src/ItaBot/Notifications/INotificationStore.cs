using ItaBot.Storage;

namespace ItaBot.Notifications;

/// <summary>
/// The notification outbox. Notifications are added inside the unit of work that causes them (a case change, a handover,
/// a privacy decision), so they commit or roll back with it; every later state change is a write of its own. Reads see
/// committed data only. Ids are the callers' (deterministic where a repeat must not notify twice).
/// </summary>
internal interface INotificationStore
{
    /// <summary>
    /// Adds <paramref name="notification"/> unless one with its id exists (a repeated write, a second scan): the stored one,
    /// maybe already sent, is left alone. True when it was added.
    /// </summary>
    bool AddIfAbsent(IUnitOfWork work, Notification notification);

    /// <summary>Adds each notification that is not there yet in one commit; returns the ids added (committed when the task ends).</summary>
    Task<List<string>> AddAsync(IReadOnlyList<Notification> notifications);

    Notification? Find(string id);

    /// <summary>The notifications about a case, oldest first (ties: by id, ordinal).</summary>
    IReadOnlyList<Notification> ListForCase(string caseId);

    /// <summary>
    /// Records a notification that is still waiting (pending or failed) as delivered another way (<paramref name="via"/>,
    /// e.g. in a reply). False when it is not waiting any more.
    /// </summary>
    bool MarkDelivered(IUnitOfWork work, string id, string via, DateTime at);

    /// <summary>Sent (LINE accepted it): one more attempt, its status and time.</summary>
    Task MarkSentAsync(string id, int status, DateTime at);

    /// <summary>Failed (tried again at <paramref name="nextAttemptAt"/>) or, with <paramref name="park"/>, parked for a person to see.</summary>
    Task MarkFailedAsync(string id, int status, string error, DateTime nextAttemptAt, bool park);

    /// <summary>Ids of notifications waiting for a push (pending or failed) that is due by <paramref name="now"/>, oldest due first.</summary>
    List<string> DueIds(DateTime now, int max);

    Dictionary<NotificationState, int> CountByState();

    /// <summary>Deletes the sent notifications sent before <paramref name="sentBefore"/> (retention); returns how many.</summary>
    int DeleteSentBefore(IUnitOfWork work, DateTime sentBefore);
}
