using ItaBot.Line.Webhook;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Webhook.LiteDb;

/// <summary>
/// The inbox in the LiteDB file: "inbox" is append-only (the cheapest insert), outcomes live in "turns". Both have their
/// id index alone: the counts /healthz asks for (pending, parked) are kept by the writer thread, and a State index node
/// per handled event (~8 KB of a turn's bytes) served only those counts and the daily purge, which walks the turns anyway
/// (nearly all of them are done).
/// </summary>
internal sealed class LiteDbInboxStore : IInboxStore
{
    public const string CollectionName = "inbox";

    /// <summary>One small document per handled (or failing) event: the inbox itself is append-only.</summary>
    public const string TurnsCollectionName = "turns";

    private readonly MessagingStore _store;
    private readonly ILiteCollection<BsonDocument> _inbox;
    private readonly ILiteCollection<BsonDocument> _turns;
    private readonly TimeProvider _time;

    /// <summary>Event ids the de-duplication remembers by default (the most recent; ~10 MB).</summary>
    public const int DefaultRemembered = 65_536;

    // Touched only on the store's writer thread (and here, before any write of ours is queued). The most recent ids, in
    // the order they were added, at most _capacity: the set does not grow with the retained inbox. Every stored event whose
    // timestamp is after _forgottenUpTo is in it; an event at or before that (a late redelivery) is looked up in the file.
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long Timestamp)> _knownOrder = new();
    private readonly int _capacity;
    private long _forgottenUpTo = long.MinValue;

    // The ids appended and neither handled nor parked, kept by the same writer so that counting them costs nothing:
    // a LiteDB count walks every index node, which for a 150,000-event inbox took 0.7 s and left ~40 MB in its page
    // cache each time /healthz asked. A write that rolls back re-reads its event's committed state (Recheck).
    private readonly HashSet<string> _unfinished = new(StringComparer.Ordinal);
    private int _unfinishedCount;

    // The parked ids, kept by the same writer (set by RecordFailure, re-read by Recheck after a rollback).
    private readonly HashSet<string> _parked = new(StringComparer.Ordinal);
    private int _parkedCount;

    // The unfinished ids that have a "turns" document (a failed attempt recorded), kept by the same writer: the turn that
    // finishes any other unfinished event inserts its outcome instead of upserting it. An upsert first looks the id up in
    // the primary index, and a lookup that finds nothing still costs LiteDB an index node per node it visits (~19 KB of a
    // turn's bytes on a file of ten thousand turns). A write that rolls back re-reads its event's committed state (Recheck).
    private readonly HashSet<string> _withOutcome = new(StringComparer.Ordinal);
    private long _lastSeq;

    public LiteDbInboxStore(MessagingStore store, TimeProvider time)
        : this(store, time, DefaultRemembered)
    {
    }

    internal LiteDbInboxStore(MessagingStore store, TimeProvider time, int remembered)
    {
        _store = store;
        _time = time;
        _capacity = Math.Max(1, remembered);
        _inbox = store.Database.GetCollection(CollectionName);
        _turns = store.Database.GetCollection(TurnsCollectionName);
        // De-duplication from memory for the most recent ids, from the file for older ones. The writer is the only one to add.
        var all = new List<(string Id, long Seq, long Timestamp)>();
        foreach (var document in _inbox.Query().Select("{ id: $._id, seq: $.Seq, ts: $.Ts }").ToEnumerable())
        {
            all.Add((document["id"].AsString, document["seq"].AsInt64, document["ts"].IsNumber ? document["ts"].AsInt64 : 0));
            _lastSeq = Math.Max(_lastSeq, document["seq"].AsInt64);
        }

        all.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        foreach (var (id, _, timestamp) in all)
        {
            Remember(id, timestamp);
            _unfinished.Add(id);
        }

        foreach (var turn in _turns.FindAll())
        {
            var id = turn["_id"].AsString;
            if ((InboxState)turn["State"].AsInt32 != InboxState.Pending)
            {
                _unfinished.Remove(id);
                if ((InboxState)turn["State"].AsInt32 == InboxState.Parked)
                {
                    _parked.Add(id);
                }
            }
            else if (_unfinished.Contains(id))
            {
                _withOutcome.Add(id);
            }
        }

        Publish();
    }

    /// <summary>
    /// Stores the events that are new and returns them; events already in the inbox (redeliveries, or the same id
    /// twice in one body or in concurrent requests) are skipped. Completes after the commit. Goes ahead of
    /// processing writes, so a backlog never delays an acknowledgement past LINE's two seconds.
    /// </summary>
    public Task<List<InboxEntry>> AppendAsync(string? destination, IReadOnlyList<RawWebhookEvent> events)
    {
        var receivedAt = _time.GetUtcNow().UtcDateTime;
        var added = new List<InboxEntry>(events.Count);
        return _store.Writer.WriteAsync(db =>
        {
            // Runs on the store's single writer thread: the sequence and the id set need no lock. When a batch is
            // rolled back the ids are unmarked (onRollback) and this runs again alone.
            var collection = db.LiteDb().GetCollection(CollectionName);
            added.Clear();
            try
            {
                foreach (var e in events)
                {
                    if (_known.Contains(e.WebhookEventId)
                        || (e.Timestamp <= _forgottenUpTo && collection.FindById(e.WebhookEventId) is not null))
                    {
                        continue;
                    }

                    Remember(e.WebhookEventId, e.Timestamp);
                    var entry = InboxEntry.Received(e, destination, ++_lastSeq, receivedAt);
                    added.Add(entry);
                    collection.Insert(InboxDocuments.ToBson(entry));
                    _unfinished.Add(entry.Id);
                }

                Publish();
            }
            catch
            {
                Forget(added);
                throw;
            }

            return added;
        }, onRollback: () => Forget(added), priority: true);
    }

    public InboxEntry? Find(string id)
    {
        var document = _inbox.FindById(id);
        if (document is null)
        {
            return null;
        }

        var entry = InboxDocuments.FromBson(document);
        if (_turns.FindById(id) is { } turn)
        {
            entry.State = (InboxState)turn["State"].AsInt32;
            entry.Attempts = turn["Attempts"].AsInt32;
            entry.Error = BsonValues.NullableString(turn["Error"]);
            entry.HandledAt = turn["HandledAt"].IsNull ? null : turn["HandledAt"].AsDateTime;
        }

        return entry;
    }

    /// <summary>Events not yet handled or parked, in arrival order (with the attempts already made).</summary>
    public List<InboxEntry> Pending()
    {
        var turns = _turns.FindAll().ToDictionary(t => t["_id"].AsString, StringComparer.Ordinal);
        var pending = new List<InboxEntry>();
        foreach (var document in _inbox.FindAll())
        {
            var entry = InboxDocuments.FromBson(document);
            if (turns.TryGetValue(entry.Id, out var turn))
            {
                if ((InboxState)turn["State"].AsInt32 != InboxState.Pending)
                {
                    continue;
                }

                entry.Attempts = turn["Attempts"].AsInt32;
            }

            pending.Add(entry);
        }

        pending.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return pending;
    }

    /// <summary>
    /// How many events are in each state. Pending comes from the writer's own bookkeeping (no store walk: /healthz asks
    /// this while a flood is being answered); Done and Parked are counted in the store (Parked walks the parked only).
    /// </summary>
    public int Count(InboxState state) => state switch
    {
        InboxState.Pending => Volatile.Read(ref _unfinishedCount),
        InboxState.Parked => Volatile.Read(ref _parkedCount),
        _ => CountStored(state),
    };

    /// <summary>The same count made from the store itself: every inbox entry less those with an outcome for Pending.</summary>
    public int CountStored(InboxState state) => state == InboxState.Pending
        ? _inbox.Count() - _turns.Count(Query.Not("State", (int)InboxState.Pending))
        : _turns.Count(Query.EQ("State", (int)state));

    /// <summary>Records a failed attempt; parks the event when it has failed too often.</summary>
    public Task RecordFailureAsync(string id, int attempts, string error, bool park) => _store.Writer.WriteAsync<bool>(db =>
    {
        db.LiteDb().GetCollection(TurnsCollectionName).Upsert(Turn(id, park ? InboxState.Parked : InboxState.Pending, attempts, error));
        if (park)
        {
            _parked.Add(id);
            Finished(id);
        }
        else
        {
            _parked.Remove(id);
            if (_unfinished.Contains(id))
            {
                _withOutcome.Add(id);
            }

            Publish();
        }

        return true;
    }, onRollback: () => Recheck(id));

    /// <summary>
    /// Marks the event handled, inside a write the caller is already running (so it commits with the turn's outcome).
    /// That write must pass <see cref="Recheck"/> for the event as its onRollback.
    /// </summary>
    public void MarkDone(IUnitOfWork work, string id)
    {
        var turns = work.LiteDb().GetCollection(TurnsCollectionName);
        if (_unfinished.Contains(id) && !_withOutcome.Contains(id))
        {
            turns.Insert(Turn(id, InboxState.Done, null, null));        // known to have no outcome yet: no lookup
        }
        else
        {
            turns.Upsert(Turn(id, InboxState.Done, null, null));
        }

        Finished(id);
    }

    /// <summary>After a write about this event rolled back (on the writer thread): pending again if the store says so.</summary>
    public void Recheck(string id)
    {
        var stored = _inbox.FindById(id) is not null;
        var outcome = stored ? _turns.FindById(id) : null;
        if (stored && (outcome is null || (InboxState)outcome["State"].AsInt32 == InboxState.Pending))
        {
            _unfinished.Add(id);
        }
        else
        {
            _unfinished.Remove(id);
        }

        if (stored && outcome is not null && (InboxState)outcome["State"].AsInt32 == InboxState.Pending)
        {
            _withOutcome.Add(id);
        }
        else
        {
            _withOutcome.Remove(id);
        }

        if (outcome is not null && (InboxState)outcome["State"].AsInt32 == InboxState.Parked)
        {
            _parked.Add(id);
        }
        else
        {
            _parked.Remove(id);
        }

        Publish();
    }

    /// <summary>Event ids the de-duplication holds in memory now (at most the capacity it was made with).</summary>
    public int Remembered => _known.Count;

    private void Remember(string id, long timestamp)
    {
        _known.Add(id);
        _knownOrder.Enqueue((id, timestamp));
        while (_knownOrder.Count > _capacity)
        {
            var (old, oldTimestamp) = _knownOrder.Dequeue();
            _known.Remove(old);
            _forgottenUpTo = Math.Max(_forgottenUpTo, oldTimestamp);
        }
    }

    private void Finished(string id)
    {
        _unfinished.Remove(id);
        _withOutcome.Remove(id);
        Publish();
    }

    private void Publish()
    {
        Volatile.Write(ref _unfinishedCount, _unfinished.Count);
        Volatile.Write(ref _parkedCount, _parked.Count);
    }

    /// <summary>
    /// Replaces a handled event of the protected channel by a stub without the user id, reply token or body, inside a
    /// write the caller is already running (the turn's commit). The id stays, so a redelivery is still recognised.
    /// </summary>
    public void Redact(IUnitOfWork work, string id)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        if (collection.FindById(id) is not { } document)
        {
            return;
        }

        document["Lane"] = InboxEntry.RedactedLane;
        document["Tenant"] = BsonValue.Null;
        document["UserId"] = BsonValue.Null;
        document["ConvId"] = BsonValue.Null;
        document["ReplyToken"] = BsonValue.Null;
        document["Json"] = "{\"redacted\":true}";
        collection.Update(document);
    }

    public bool IsRedacted(IUnitOfWork work, string id) =>
        work.LiteDb().GetCollection(CollectionName).FindById(id)?["Lane"] == InboxEntry.RedactedLane;

    /// <summary>Deletes handled events older than <paramref name="cutoff"/>, and forgets their ids once that committed.</summary>
    public async Task<int> PurgeHandledAsync(DateTime cutoff)
    {
        var old = await _store.Writer.WriteAsync(db =>
        {
            var turns = db.LiteDb().GetCollection(TurnsCollectionName);
            var inbox = db.LiteDb().GetCollection(CollectionName);
            var ids = turns.Find(Query.And(Query.EQ("State", (int)InboxState.Done), Query.LT("HandledAt", cutoff))).Select(t => t["_id"].AsString).ToList();
            foreach (var id in ids)
            {
                inbox.Delete(id);
                turns.Delete(id);
            }

            return ids;
        }).ConfigureAwait(false);
        if (old.Count > 0)
        {
            await _store.Writer.WriteAsync(_ => Forget(old)).ConfigureAwait(false);
        }

        return old.Count;
    }

    private BsonDocument Turn(string id, InboxState state, int? attempts, string? error) => new()
    {
        ["_id"] = id,
        ["State"] = (int)state,
        ["Attempts"] = attempts ?? 0,
        ["Error"] = error,
        ["HandledAt"] = state == InboxState.Pending ? BsonValue.Null : _time.GetUtcNow().UtcDateTime,
    };

    private void Forget(List<InboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            _known.Remove(entry.Id);
            _unfinished.Remove(entry.Id);
            _withOutcome.Remove(entry.Id);
        }

        entries.Clear();
        Publish();
    }

    private void Forget(List<string> ids)
    {
        foreach (var id in ids)
        {
            _known.Remove(id);
        }
    }
}
