using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Notifications.LiteDb;

/// <summary>
/// The notification outbox in the messaging LiteDB file ("notifications", <see cref="NotificationDocuments"/>). Reads use
/// the database directly and see committed data; writes run inside the store writer's transaction.
/// </summary>
internal sealed class LiteDbNotificationStore(MessagingStore store) : INotificationStore
{
    public const string CollectionName = "notifications";

    public bool AddIfAbsent(IUnitOfWork work, Notification notification)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        if (collection.FindById(notification.Id) is not null)
        {
            return false;
        }

        collection.Insert(NotificationDocuments.ToBson(notification));
        return true;
    }

    public Task<List<string>> AddAsync(IReadOnlyList<Notification> notifications) =>
        store.Writer.WriteAsync(work => notifications.Where(n => AddIfAbsent(work, n)).Select(n => n.Id).ToList());

    public Notification? Find(string id) =>
        store.Database.GetCollection(CollectionName).FindById(id) is { } doc ? NotificationDocuments.FromBson(doc) : null;

    public IReadOnlyList<Notification> ListForCase(string caseId) =>
        [.. store.Database.GetCollection(CollectionName).Find(Query.EQ("CaseId", caseId)).Select(NotificationDocuments.FromBson)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id, StringComparer.Ordinal)];

    public bool MarkDelivered(IUnitOfWork work, string id, string via, DateTime at)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        if (collection.FindById(id) is not { } doc
            || NotificationDocuments.FromBson(doc) is not { State: NotificationState.Pending or NotificationState.Failed } waiting)
        {
            return false;
        }

        collection.Update(NotificationDocuments.ToBson(waiting with
        {
            State = NotificationState.Sent, Attempts = waiting.Attempts + 1, LastStatus = 200, SentAt = at, Via = via,
        }));
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

    public int DeleteSentBefore(IUnitOfWork work, DateTime sentBefore) =>
        work.LiteDb().GetCollection(CollectionName).DeleteSentBefore((int)NotificationState.Sent, sentBefore);

    private Task UpdateAsync(string id, Func<Notification, Notification> change) => store.Writer.WriteAsync(work =>
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        if (collection.FindById(id) is { } doc)
        {
            collection.Update(NotificationDocuments.ToBson(change(NotificationDocuments.FromBson(doc))));
        }
    });
}
