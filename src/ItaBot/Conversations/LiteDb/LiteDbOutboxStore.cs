using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using ItaBot.Webhook;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>
/// The outbox in the LiteDB file; a sent entry shrinks to its facts. Its only index is the id: which entries are pending
/// or parked is kept in memory by the writer thread (rebuilt from the file at start, changed only after a commit), so
/// queuing an answer and marking it sent do not each maintain a State index node (an insert adds one, the change to Sent
/// deletes it and adds another: ~20 KB of a turn's bytes).
/// </summary>
internal sealed class LiteDbOutboxStore : IOutboxStore
{
    public const string CollectionName = "outbox";

    private readonly MessagingStore _store;
    private readonly IInboxStore _inbox;
    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly TimeProvider _time;

    // The ids of pending and of parked entries; changed on the writer thread after the commit that wrote them
    // (LiteDbUnitOfWork.AfterCommit: a rolled back write changes nothing), read by anyone under the gate.
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _parked = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public LiteDbOutboxStore(MessagingStore store, IInboxStore inbox, TimeProvider time)
    {
        _store = store;
        _inbox = inbox;
        _time = time;
        _collection = store.Database.GetCollection(CollectionName);
        foreach (var document in _collection.Query().Select("{ id: $._id, s: $.State }").ToEnumerable())
        {
            var state = (OutboxState)document["s"].AsInt32;
            (state == OutboxState.Pending ? _pending : state == OutboxState.Parked ? _parked : null)?.Add(document["id"].AsString);
        }
    }

    /// <summary>Marks the event handled, applies the turn's own writes and queues its answer (if any), in one commit.</summary>
    public Task CompleteTurnAsync(string eventId, OutboxEntry? answer, Action<IUnitOfWork>? writes = null) => _store.Writer.WriteAsync<bool>(db =>
    {
        writes?.Invoke(db);
        _inbox.MarkDone(db, eventId);
        if (answer is not null)
        {
            db.LiteDb().GetCollection(CollectionName).Insert(OutboxDocuments.ToBson(answer));
            AfterCommit(db, answer.Id, answer.State);
        }

        return true;
    }, onRollback: () => _inbox.Recheck(eventId));

    /// <summary>Sent: the entry shrinks to its facts (how, when); the messages are no longer needed.</summary>
    public Task MarkSentAsync(OutboxEntry entry, string via)
    {
        var sent = new BsonDocument
        {
            ["_id"] = entry.Id,
            ["EventId"] = entry.EventId,
            ["Lane"] = entry.LaneKey,
            ["State"] = (int)OutboxState.Sent,
            ["Via"] = via,
            ["Attempts"] = entry.Attempts,
            ["CreatedAt"] = entry.CreatedAt,
            ["SentAt"] = _time.GetUtcNow().UtcDateTime,
        };
        return _store.Writer.WriteAsync(db =>
        {
            // The answer to a protected-channel event (its inbox entry redacted) keeps no trace of the conversation either.
            if (entry.EventRedacted ?? (entry.EventId is not null && _inbox.IsRedacted(db, entry.EventId)))
            {
                sent["Lane"] = InboxEntry.RedactedLane;
            }

            if (db.LiteDb().GetCollection(CollectionName).Update(sent))
            {
                AfterCommit(db, entry.Id, OutboxState.Sent);
            }
        });
    }

    /// <summary>
    /// Parked: kept with its error for a person to see. The answer to a protected-channel event (its inbox entry
    /// redacted) is wiped instead of kept: its messages may carry a receipt, its recipient is the reporter; nobody may
    /// read either later, and it will never be sent. The report stays filed in the vault.
    /// </summary>
    public Task MarkParkedAsync(OutboxEntry entry, string error) => _store.Writer.WriteAsync(db =>
    {
        var collection = db.LiteDb().GetCollection(CollectionName);
        var document = collection.FindById(entry.Id);
        if (document is null)
        {
            return;
        }

        document["State"] = (int)OutboxState.Parked;
        document["Attempts"] = entry.Attempts;
        document["Error"] = error;
        if (entry.EventRedacted ?? (entry.EventId is not null && _inbox.IsRedacted(db, entry.EventId)))
        {
            document["Lane"] = InboxEntry.RedactedLane;
            document["Messages"] = BsonValue.Null;
            document["To"] = BsonValue.Null;
            document["ReplyToken"] = BsonValue.Null;
            document["Error"] = "protected channel: answer wiped when parked";
        }

        collection.Update(document);
        AfterCommit(db, entry.Id, OutboxState.Parked);
    });

    public OutboxEntry? Find(string id)
    {
        var document = _collection.FindById(id);
        return document is null ? null : OutboxDocuments.FromBson(document);
    }

    /// <summary>The pending entries, oldest first (a walk of the outbox: at start, and in tests).</summary>
    public List<OutboxEntry> Pending() =>
        [.. _collection.Find(Query.EQ("State", (int)OutboxState.Pending)).Select(OutboxDocuments.FromBson).OrderBy(e => e.Id, StringComparer.Ordinal)];

    /// <summary>Pending and parked from memory (/healthz asks); sent by a walk of the outbox.</summary>
    public int Count(OutboxState state)
    {
        lock (_gate)
        {
            if (state == OutboxState.Pending)
            {
                return _pending.Count;
            }

            if (state == OutboxState.Parked)
            {
                return _parked.Count;
            }
        }

        return _collection.Count("State = @0", (int)state);
    }

    /// <summary>After the commit that wrote it (never if it rolls back): the entry's state as the file now has it.</summary>
    private void AfterCommit(IUnitOfWork work, string id, OutboxState state) => ((LiteDbUnitOfWork)work).AfterCommit(() =>
    {
        lock (_gate)
        {
            _pending.Remove(id);
            _parked.Remove(id);
            (state == OutboxState.Pending ? _pending : state == OutboxState.Parked ? _parked : null)?.Add(id);
        }
    });

    public Task<int> PurgeSentAsync(DateTime cutoff) => _store.Writer.WriteAsync(db =>
        db.LiteDb().GetCollection(CollectionName).DeleteSentBefore((int)OutboxState.Sent, cutoff));
}
