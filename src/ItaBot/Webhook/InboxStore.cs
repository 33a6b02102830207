using ItaBot.Line.Webhook;
using ItaBot.Storage;
using LiteDB;

namespace ItaBot.Webhook;

/// <summary>The durable inbox: every acknowledged webhook event, de-duplicated by webhookEventId.</summary>
internal sealed class InboxStore
{
    public const string CollectionName = "inbox";

    private readonly MessagingStore _store;
    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly TimeProvider _time;
    private long _lastSeq;

    public InboxStore(MessagingStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _collection = store.Database.GetCollection(CollectionName);
        var last = _collection.Query().OrderByDescending("Seq").Limit(1).FirstOrDefault();
        _lastSeq = last is null ? 0 : last["Seq"].AsInt64;
    }

    /// <summary>
    /// Stores the events that are new and returns them; events already in the inbox (redeliveries, or the same id
    /// twice in one body or in concurrent requests) are skipped. Completes after the commit.
    /// </summary>
    public Task<List<InboxEntry>> AppendAsync(string? destination, IReadOnlyList<RawWebhookEvent> events)
    {
        var receivedAt = _time.GetUtcNow().UtcDateTime;
        return _store.Writer.WriteAsync(db =>
        {
            // Runs on the store's single writer thread: the sequence needs no lock.
            var collection = db.GetCollection(CollectionName);
            var added = new List<InboxEntry>(events.Count);
            foreach (var e in events)
            {
                if (collection.FindById(e.WebhookEventId) is not null || added.Exists(a => a.Id == e.WebhookEventId))
                {
                    continue;
                }

                var entry = new InboxEntry
                {
                    Id = e.WebhookEventId,
                    Seq = ++_lastSeq,
                    Tenant = destination,
                    LaneKey = e.ConversationId ?? e.WebhookEventId,
                    Type = e.Type,
                    Mode = e.Mode,
                    Timestamp = e.Timestamp,
                    UserId = e.UserId,
                    ConversationId = e.ConversationId,
                    ReplyToken = e.ReplyToken,
                    Json = e.Json,
                    State = InboxState.Pending,
                    ReceivedAt = receivedAt,
                };
                collection.Insert(entry.ToBson());
                added.Add(entry);
            }

            return added;
        });
    }

    public InboxEntry? Find(string id)
    {
        var document = _collection.FindById(id);
        return document is null ? null : InboxEntry.FromBson(document);
    }

    public List<InboxEntry> Pending() =>
        [.. _collection.Query().Where("State = @0", (int)InboxState.Pending).OrderBy("Seq").ToEnumerable().Select(InboxEntry.FromBson)];

    public int Count(InboxState state) => _collection.Count("State = @0", (int)state);

    /// <summary>Records a failed attempt; parks the event when it has failed too often.</summary>
    public Task RecordFailureAsync(string id, int attempts, string error, bool park) => _store.Writer.WriteAsync(db =>
    {
        var collection = db.GetCollection(CollectionName);
        var document = collection.FindById(id);
        if (document is null)
        {
            return;
        }

        document["Attempts"] = attempts;
        document["Error"] = error;
        if (park)
        {
            document["State"] = (int)InboxState.Parked;
            document["HandledAt"] = _time.GetUtcNow().UtcDateTime;
        }

        collection.Update(document);
    });

    /// <summary>Marks the event handled, inside a write the caller is already running (so it commits with the turn's outcome).</summary>
    public void MarkDone(LiteDatabase db, string id)
    {
        var collection = db.GetCollection(CollectionName);
        var document = collection.FindById(id);
        if (document is null)
        {
            return;
        }

        document["State"] = (int)InboxState.Done;
        document["HandledAt"] = _time.GetUtcNow().UtcDateTime;
        collection.Update(document);
    }
}
