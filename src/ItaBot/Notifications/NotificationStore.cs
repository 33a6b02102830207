using ItaBot.Storage;
using LiteDB;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Notifications;

/// <summary>
/// The notification outbox: collection "notifications" in messaging.db (its indexes are made in MessagingStore's
/// constructor). Notifications are added inside the write that causes them; every later state change goes through
/// the store's one writer. Reads use the database directly and see committed data only.
/// </summary>
internal sealed class NotificationStore(MessagingStore store)
{
    public const string CollectionName = "notifications";

    /// <summary>
    /// Inside a store write: adds <paramref name="notification"/> unless one with its id exists (a repeated write, a
    /// second scan) — the stored one, maybe already sent, is left alone. True when it was added.
    /// </summary>
    public static bool AddIfAbsent(LiteDatabase db, Notification notification)
    {
        var collection = db.GetCollection(CollectionName);
        if (collection.FindById(notification.Id) is not null)
        {
            return false;
        }

        collection.Insert(notification.ToBson());
        return true;
    }

    /// <summary>Adds each notification that is not there yet in one commit; returns the ids added (committed when the task ends).</summary>
    public Task<List<string>> AddAsync(IReadOnlyList<Notification> notifications) =>
        store.Writer.WriteAsync(db => notifications.Where(n => AddIfAbsent(db.LiteDb(), n)).Select(n => n.Id).ToList());

    public Notification? Find(string id) =>
        store.Database.GetCollection(CollectionName).FindById(id) is { } doc ? Notification.FromBson(doc) : null;

    /// <summary>
    /// Inside a store write: records a notification that is still waiting as delivered another way (<paramref name="via"/>,
    /// e.g. in a reply). False when it is not waiting any more.
    /// </summary>
    public static bool MarkDeliveredWrite(LiteDatabase db, string id, string via, DateTime at)
    {
        var collection = db.GetCollection(CollectionName);
        if (collection.FindById(id) is not { } doc || Notification.FromBson(doc) is not { State: NotificationState.Pending or NotificationState.Failed } waiting)
        {
            return false;
        }

        collection.Update((waiting with { State = NotificationState.Sent, Attempts = waiting.Attempts + 1, LastStatus = 200, SentAt = at, Via = via }).ToBson());
        return true;
    }

    public Task MarkSentAsync(string id, int status, DateTime at) => UpdateAsync(id, n => n with
    {
        State = NotificationState.Sent,
        Attempts = n.Attempts + 1,
        LastStatus = status,
        SentAt = at,
    });

    public Task MarkFailedAsync(string id, int status, string error, DateTime nextAttemptAt, bool park) => UpdateAsync(id, n => n with
    {
        State = park ? NotificationState.Parked : NotificationState.Failed,
        Attempts = n.Attempts + 1,
        LastStatus = status,
        LastError = error,
        NextAttemptAt = nextAttemptAt,
    });

    /// <summary>Ids of notifications waiting for a push that is due by <paramref name="now"/>, oldest due first.</summary>
    public List<string> DueIds(DateTime now, int max) =>
        store.Database.GetCollection(CollectionName)
            .Find(Query.And(
                Query.Or(Query.EQ("State", (int)NotificationState.Pending), Query.EQ("State", (int)NotificationState.Failed)),
                Query.LTE("NextAttemptAt", now)))
            .OrderBy(d => d["NextAttemptAt"].AsDateTime)
            .Take(max)
            .Select(d => d["_id"].AsString)
            .ToList();

    public Dictionary<NotificationState, int> CountByState()
    {
        var collection = store.Database.GetCollection(CollectionName);
        return Enum.GetValues<NotificationState>().ToDictionary(s => s, s => collection.Count(Query.EQ("State", (int)s)));
    }

    private Task UpdateAsync(string id, Func<Notification, Notification> change) => store.Writer.WriteAsync(db =>
    {
        var collection = db.LiteDb().GetCollection(CollectionName);
        if (collection.FindById(id) is { } doc)
        {
            collection.Update(change(Notification.FromBson(doc)).ToBson());
        }
    });
}
