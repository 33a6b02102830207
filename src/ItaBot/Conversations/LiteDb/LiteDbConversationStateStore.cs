using ItaBot.Dialogs.State;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>
/// Dialog state in the LiteDB file, one document per conversation ({ _id, Version, Json, UpdatedAt }).
/// <para>What a turn committed is also kept in memory (<see cref="_committed"/>), so the next turn's read and its commit's
/// version check do not read the document (LiteDB's <c>FindById</c> runs its whole query pipeline and allocates an index
/// node per level it visits). On LiteDB this process is the file's only writer and every write goes through the one
/// writer thread, so the copy can be kept exact: only the writer thread changes it, an entry is dropped before any write
/// to its document and set only after that write's commit (a rolled back batch sets nothing), and readers only read it.
/// A conversation not in it (cold, forgotten, or dropped at the bound) is read from the file as before.</para>
/// </summary>
internal sealed class LiteDbConversationStateStore(MessagingStore store, TimeProvider time) : StagedConversationStateStore(time)
{
    public const string CollectionName = "conversations";

    /// <summary>
    /// The indexed UTC day of the last change (<c>UpdatedAt</c>, the instant, is not indexed: a key that changes on every
    /// write costs an index node deleted and one added per turn). Idle conversations are found by day, then by instant.
    /// </summary>
    internal const string DayField = "Day";

    /// <summary>Conversations kept in memory at most (a few hundred bytes each); past it the copy starts over empty.</summary>
    internal const int MaxCached = 16_384;

    private readonly ILiteCollection<BsonDocument> _collection = store.Database.GetCollection(CollectionName);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Committed> _committed = new(StringComparer.Ordinal);

    /// <summary>Entries set since the copy last started over; the writer thread alone touches it.</summary>
    private int _cachedSets;

    /// <summary>The version a conversation's state has in the store (0 when it never had any).</summary>
    public override long VersionOf(string conversationKey) =>
        _committed.TryGetValue(conversationKey, out var committed) ? committed.Version : _collection.FindById(conversationKey)?["Version"].AsInt64 ?? 0;

    protected override Task<(long Version, string? Json)> ReadAsync(string conversationKey, CancellationToken cancellationToken)
    {
        if (_committed.TryGetValue(conversationKey, out var committed))
        {
            return Task.FromResult<(long, string?)>((committed.Version, committed.Json));
        }

        var document = _collection.FindById(conversationKey);
        return Task.FromResult<(long, string?)>(document is null ? (0, null) : (document["Version"].AsInt64, document["Json"].IsNull ? null : document["Json"].AsString));
    }

    protected override void WriteVersion(IUnitOfWork work, string conversationKey, string? json, long expectedVersion, DateTime now)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        // Dropped first: a later write to this document in the same batch, or a retry after a rollback, reads the file.
        var actual = _committed.TryRemove(conversationKey, out var committed)
            ? committed.Version
            : collection.FindById(conversationKey)?["Version"].AsInt64 ?? 0;
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
            [DayField] = now.Date,
        });
        var written = new Committed(actual + 1, json);
        ((LiteDbUnitOfWork)work).AfterCommit(() => Remember(conversationKey, written));
    }

    /// <summary>On the writer thread, after the commit that wrote it.</summary>
    private void Remember(string conversationKey, Committed written)
    {
        if (++_cachedSets > MaxCached)
        {
            _committed.Clear();
            _cachedSets = 1;
        }

        _committed[conversationKey] = written;
    }

    /// <summary>A write to the document other than <see cref="WriteVersion"/>: its copy goes, now and again after the commit.</summary>
    private void Drop(IUnitOfWork work, string conversationKey)
    {
        _committed.TryRemove(conversationKey, out _);
        ((LiteDbUnitOfWork)work).AfterCommit(() => _committed.TryRemove(conversationKey, out _));
    }

    /// <summary>
    /// Deletes the conversation's tombstone (the empty document a forgotten state leaves for the version check), so a
    /// protected flow that forgot its state leaves no document keyed by the user. The conversation's turns run one at a
    /// time in its lane, so the next turn starting again from version 0 conflicts with nothing.
    /// </summary>
    public override void DropTombstone(IUnitOfWork work, string conversationKey)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        Drop(work, conversationKey);
        if (collection.FindById(conversationKey) is { } document && document["Json"].IsNull)
        {
            collection.Delete(conversationKey);
        }
    }

    public override string? ReadJson(string conversationKey) => _committed.TryGetValue(conversationKey, out var committed)
        ? committed.Json
        : _collection.FindById(conversationKey) is { } d && !d["Json"].IsNull ? d["Json"].AsString : null;

    public override void Forget(IUnitOfWork work, string conversationKey)
    {
        Drop(work, conversationKey);
        Forget(work.LiteDb().GetCollection(CollectionName), conversationKey);
    }

    public override int Count() => _collection.Count();

    public override int ForgetIdle(IUnitOfWork work, DateTime before)
    {
        var collection = work.LiteDb().GetCollection(CollectionName);
        // By the day index (a document of a file made before it has no day: a null key, which sorts first), then by the instant.
        var idle = collection.Find(Query.LTE(DayField, before.Date))
            .Where(d => !d["Json"].IsNull && d["UpdatedAt"].AsDateTime < before)
            .Select(d => d["_id"].AsString)
            .ToList();
        foreach (var key in idle)
        {
            Drop(work, key);
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

    private sealed record Committed(long Version, string? Json);
}
