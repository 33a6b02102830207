using System.Collections.Concurrent;
using ItaBot.Dialogs.State;
using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// The staging every conversation-state store shares: a turn's save or delete is held in memory, keyed by conversation,
/// with the version the turn read, until <see cref="TakeStagedWrite"/> hands it to the turn's commit. An engine's store
/// supplies the reads and the versioned write (<see cref="WriteVersion"/>); what is staged belongs to this process only.
/// </summary>
internal abstract class StagedConversationStateStore(TimeProvider time) : IConversationStateStore
{
    private readonly ConcurrentDictionary<string, Staged> _staged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

    public async Task<StoredState?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var (version, json) = await ReadAsync(conversationKey, cancellationToken).ConfigureAwait(false);
        _seen[conversationKey] = version;
        return json is null ? null : new StoredState(ConversationState.FromJson(json), version);
    }

    public Task<long> SaveAsync(string conversationKey, ConversationState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        // Version 0 means "there was no state": after a delete that is the tombstone's version, seen at load.
        var expected = expectedVersion != 0 ? expectedVersion : _seen.GetValueOrDefault(conversationKey);
        _staged[conversationKey] = new Staged(ToStored(state.ToJson()), expected);
        return Task.FromResult(expected + 1);
    }

    public Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        var expected = _seen.TryGetValue(conversationKey, out var seen) ? seen : VersionOf(conversationKey);
        _staged[conversationKey] = new Staged(null, expected);
        return Task.CompletedTask;
    }

    public Action<IUnitOfWork>? TakeStagedWrite(string conversationKey)
    {
        _seen.TryRemove(conversationKey, out _);
        if (!_staged.TryRemove(conversationKey, out var staged))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return work => WriteVersion(work, conversationKey, staged.Json, staged.ExpectedVersion, now);
    }

    public void Discard(string conversationKey)
    {
        _staged.TryRemove(conversationKey, out _);
        _seen.TryRemove(conversationKey, out _);
    }

    public abstract long VersionOf(string conversationKey);

    public abstract string? ReadJson(string conversationKey);

    public abstract void DropTombstone(IUnitOfWork work, string conversationKey);

    public abstract void Forget(IUnitOfWork work, string conversationKey);

    public abstract int ForgetIdle(IUnitOfWork work, DateTime before);

    public abstract int Count();

    /// <summary>The form a state's JSON is stored in (an engine may seal it); read back by <see cref="ReadAsync"/> as JSON.</summary>
    protected virtual string? ToStored(string json) => json;

    /// <summary>The stored version (0 when there is no record) and state JSON (null when none or forgotten).</summary>
    protected abstract Task<(long Version, string? Json)> ReadAsync(string conversationKey, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="json"/> (in its stored form; null: no state) as version <paramref name="expectedVersion"/> + 1, inside the turn's
    /// commit; throws <see cref="StateConflictException"/> when the stored version is not <paramref name="expectedVersion"/>.
    /// </summary>
    protected abstract void WriteVersion(IUnitOfWork work, string conversationKey, string? json, long expectedVersion, DateTime now);

    private sealed record Staged(string? Json, long ExpectedVersion);
}
