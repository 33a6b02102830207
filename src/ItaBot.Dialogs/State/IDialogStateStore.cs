namespace ItaBot.Dialogs.State;

/// <summary>A conversation's state as stored, with the version the next save must name.</summary>
public sealed record StoredState(ConversationState State, long Version);

/// <summary>
/// Keeps conversation state with optimistic concurrency. Versions start at 1 with the first save and grow by
/// one with every save; a save names the version it read (0 when it read nothing).
/// </summary>
public interface IDialogStateStore
{
    /// <returns>The state and its version, or null when the conversation has none.</returns>
    Task<StoredState?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default);

    /// <returns>The new version.</returns>
    /// <exception cref="StateConflictException">Someone saved (or deleted) since <paramref name="expectedVersion"/> was read.</exception>
    Task<long> SaveAsync(string conversationKey, ConversationState state, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes the conversation's state for good (the protected flow erases its state on submit).</summary>
    Task DeleteAsync(string conversationKey, CancellationToken cancellationToken = default);
}

/// <summary>A save lost a race: another writer saved the same conversation first. Nothing was written.</summary>
public sealed class StateConflictException : Exception
{
    public StateConflictException()
    {
    }

    public StateConflictException(string message)
        : base(message)
    {
    }

    public StateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StateConflictException(string conversationKey, long expectedVersion, long actualVersion)
        : base($"The state of conversation '{conversationKey}' is at version {actualVersion}, not {expectedVersion}.")
    {
        ConversationKey = conversationKey;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    public string? ConversationKey { get; }

    public long ExpectedVersion { get; }

    /// <summary>The stored version; 0 when the state was deleted.</summary>
    public long ActualVersion { get; }
}
