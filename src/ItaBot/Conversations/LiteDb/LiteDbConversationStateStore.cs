using System.Collections.Concurrent;
using ItaBot.Dialogs.State;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>Dialog state in the LiteDB file, one document per conversation ({ _id, Version, Json, UpdatedAt }).</summary>
internal sealed class LiteDbConversationStateStore : IConversationStateStore
{
    public const string CollectionName = "conversations";

    private readonly ILiteCollection<BsonDocument> _collection;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Staged> _staged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

    public LiteDbConversationStateStore(MessagingStore store, TimeProvider time)
    {
        _collection = store.Database.GetCollection(CollectionName);
        _time = time;
    }

    public Task<StoredState?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var document = _collection.FindById(conversationKey);
        _seen[conversationKey] = document?["Version"].AsInt64 ?? 0;
        StoredState? state = document is null || document["Json"].IsNull
            ? null
            : new StoredState(ConversationState.FromJson(document["Json"].AsString), document["Version"].AsInt64);
        return Task.FromResult(state);
    }

    /// <summary>The version a conversation's state has in the store (0 when it never had any).</summary>
    public long VersionOf(string conversationKey) => _collection.FindById(conversationKey)?["Version"].AsInt64 ?? 0;

    public Task<long> SaveAsync(string conversationKey, ConversationState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        // Version 0 means "there was no state": after a delete that is the tombstone's version, seen at load.
        var expected = expectedVersion != 0 ? expectedVersion : _seen.GetValueOrDefault(conversationKey);
        _staged[conversationKey] = new Staged(state.ToJson(), expected);
        return Task.FromResult(expected + 1);
    }

    public Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var expected = _seen.TryGetValue(conversationKey, out var seen) ? seen : VersionOf(conversationKey);
        _staged[conversationKey] = new Staged(null, expected);
        return Task.CompletedTask;
    }

    /// <summary>Removes the staged change of this turn and returns it as a write for the turn's commit (null if none).</summary>
    public Action<IUnitOfWork>? TakeStagedWrite(string conversationKey)
    {
        _seen.TryRemove(conversationKey, out _);
        if (!_staged.TryRemove(conversationKey, out var staged))
        {
            return null;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        return db =>
        {
            var collection = db.LiteDb().GetCollection(CollectionName);
            var current = collection.FindById(conversationKey);
            var actual = current?["Version"].AsInt64 ?? 0;
            if (actual != staged.ExpectedVersion)
            {
                throw new StateConflictException(conversationKey, staged.ExpectedVersion, actual);
            }

            collection.Upsert(new BsonDocument
            {
                ["_id"] = conversationKey,
                ["Version"] = actual + 1,
                ["Json"] = staged.Json,
                ["UpdatedAt"] = now,
            });
        };
    }

    /// <summary>
    /// Deletes the conversation's tombstone (the empty document a forgotten state leaves for the version check), so a
    /// protected flow that forgot its state leaves no document keyed by the user. The conversation's turns run one at a
    /// time in its lane, so the next turn starting again from version 0 conflicts with nothing.
    /// </summary>
    public void DropTombstone(IUnitOfWork work, string conversationKey)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        if (collection.FindById(conversationKey) is { } document && document["Json"].IsNull)
        {
            collection.Delete(conversationKey);
        }
    }

    public string? ReadJson(string conversationKey) =>
        _collection.FindById(conversationKey) is { } d && !d["Json"].IsNull ? d["Json"].AsString : null;

    public void Forget(IUnitOfWork work, string conversationKey) => Forget(work.LiteDb().GetCollection(CollectionName), conversationKey);

    public int Count() => _collection.Count();

    public int ForgetIdle(IUnitOfWork work, DateTime before)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        var idle = collection.Find(Query.LT("UpdatedAt", before)).Where(d => !d["Json"].IsNull).Select(d => d["_id"].AsString).ToList();
        foreach (var key in idle)
        {
            Forget(collection, key);
        }

        return idle.Count;
    }

    private static void Forget(ILiteCollection<BsonDocument> collection, string conversationKey)
    {
        if (collection.FindById(conversationKey) is { } d && !d["Json"].IsNull)
        {
            d["Json"] = BsonValue.Null;
            d["Version"] = d["Version"].AsInt64 + 1;
            collection.Update(d);
        }
    }

    /// <summary>Forgets a staged change of a turn that failed.</summary>
    public void Discard(string conversationKey)
    {
        _staged.TryRemove(conversationKey, out _);
        _seen.TryRemove(conversationKey, out _);
    }

    private sealed record Staged(string? Json, long ExpectedVersion);
}
