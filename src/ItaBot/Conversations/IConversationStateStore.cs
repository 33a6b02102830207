using ItaBot.Dialogs.State;
using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// Dialog state, one record per conversation with a version. A save during a turn is only staged:
/// <see cref="TakeStagedWrite"/> hands it to the turn's commit, so state, the event's completion and the answer are
/// written together. The commit checks the version it read; a mismatch throws <see cref="StateConflictException"/> and
/// the turn runs again on fresh state. Deleting leaves a tombstone, so versions never start over.
/// </summary>
internal interface IConversationStateStore : IDialogStateStore
{
    /// <summary>The version a conversation's state has in the store (0 when it never had any).</summary>
    long VersionOf(string conversationKey);

    /// <summary>The stored state as JSON (null when none or forgotten).</summary>
    string? ReadJson(string conversationKey);

    /// <summary>Removes the staged change of this turn and returns it as a write for the turn's commit (null if none).</summary>
    Action<IUnitOfWork>? TakeStagedWrite(string conversationKey);

    /// <summary>Forgets a staged change of a turn that failed.</summary>
    void Discard(string conversationKey);

    /// <summary>
    /// Deletes the conversation's tombstone (the empty record a forgotten state leaves for the version check), so a
    /// protected flow that forgot its state leaves nothing keyed by the user.
    /// </summary>
    void DropTombstone(IUnitOfWork work, string conversationKey);

    /// <summary>Empties a conversation's state but keeps its version (the tombstone rule).</summary>
    void Forget(IUnitOfWork work, string conversationKey);

    /// <summary>Empties every state not changed since <paramref name="before"/>; returns how many.</summary>
    int ForgetIdle(IUnitOfWork work, DateTime before);

    /// <summary>Conversations with a stored record, forgotten ones (their version) included: the record of processing counts them.</summary>
    int Count();
}
