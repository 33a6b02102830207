using ItaBot.Dialogs.State;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>Dialog state in the LiteDB file, one document per conversation ({ _id, Version, Json, UpdatedAt }).</summary>
internal sealed class LiteDbConversationStateStore(MessagingStore store, TimeProvider time) : StagedConversationStateStore(time)
{
    public const string CollectionName = "conversations";

    private readonly ILiteCollection<BsonDocument> _collection = store.Database.GetCollection(CollectionName);

    /// <summary>The version a conversation's state has in the store (0 when it never had any).</summary>
    public override long VersionOf(string conversationKey) => _collection.FindById(conversationKey)?["Version"].AsInt64 ?? 0;

    protected override Task<(long Version, string? Json)> ReadAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var document = _collection.FindById(conversationKey);
        return Task.FromResult<(long, string?)>(document is null ? (0, null) : (document["Version"].AsInt64, document["Json"].IsNull ? null : document["Json"].AsString));
    }

    protected override void WriteVersion(IUnitOfWork work, string conversationKey, string? json, long expectedVersion, DateTime now)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        var current = collection.FindById(conversationKey);
        var actual = current?["Version"].AsInt64 ?? 0;
        if (actual != expectedVersion)
        {
            throw new StateConflictException(conversationKey, expectedVersion, actual);
        }

        collection.Upsert(new BsonDocument
        {
            ["_id"] = conversationKey,
            ["Version"] = actual + 1,
            ["Json"] = json,
            ["UpdatedAt"] = now,
        });
    }

    /// <summary>
    /// Deletes the conversation's tombstone (the empty document a forgotten state leaves for the version check), so a
    /// protected flow that forgot its state leaves no document keyed by the user. The conversation's turns run one at a
    /// time in its lane, so the next turn starting again from version 0 conflicts with nothing.
    /// </summary>
    public override void DropTombstone(IUnitOfWork work, string conversationKey)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        if (collection.FindById(conversationKey) is { } document && document["Json"].IsNull)
        {
            collection.Delete(conversationKey);
        }
    }

    public override string? ReadJson(string conversationKey) =>
        _collection.FindById(conversationKey) is { } d && !d["Json"].IsNull ? d["Json"].AsString : null;

    public override void Forget(IUnitOfWork work, string conversationKey) => Forget(work.LiteDb().GetCollection(CollectionName), conversationKey);

    public override int Count() => _collection.Count();

    public override int ForgetIdle(IUnitOfWork work, DateTime before)
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
}
