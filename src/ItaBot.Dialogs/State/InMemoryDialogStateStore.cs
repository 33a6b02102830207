namespace ItaBot.Dialogs.State;

/// <summary>
/// A state store in memory, for tests and the simulator. It keeps serialised JSON, not the live objects,
/// so a flow only sees what was really saved.
/// </summary>
public sealed class InMemoryDialogStateStore : IDialogStateStore
{
    private readonly Dictionary<string, (string Json, long Version)> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<StoredState?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_items.TryGetValue(conversationKey, out var item)
                ? new StoredState(ConversationState.FromJson(item.Json), item.Version)
                : null);
        }
    }

    public Task<long> SaveAsync(string conversationKey, ConversationState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        var json = state.ToJson();
        lock (_lock)
        {
            var actual = _items.TryGetValue(conversationKey, out var item) ? item.Version : 0;
            if (actual != expectedVersion)
            {
                throw new StateConflictException(conversationKey, expectedVersion, actual);
            }

            _items[conversationKey] = (json, actual + 1);
            return Task.FromResult(actual + 1);
        }
    }

    public Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationKey);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _items.Remove(conversationKey);
        }

        return Task.CompletedTask;
    }
}
