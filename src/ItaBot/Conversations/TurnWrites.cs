using System.Collections.Concurrent;
using ItaBot.Webhook;
using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// Store writes a dialog makes during a turn (a Q&amp;A log line, a handover), held per conversation until the turn
/// handler takes them into the turn's atomic commit with the dialog state and the answer. A dialog cannot return
/// writes, so it adds them here; a turn that fails or conflicts discards them and runs again.
/// </summary>
internal sealed class TurnWrites
{
    private readonly ConcurrentDictionary<string, List<Action<IUnitOfWork>>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _protected = new(StringComparer.Ordinal);

    /// <summary>
    /// Marks this turn as part of the protected channel: its inbox event (user id, text) is replaced by a redacted
    /// stub in the turn's own commit (see <see cref="IInboxStore.Redact"/>).
    /// </summary>
    public void Protect(string conversationId) => _protected[conversationId] = true;

    /// <summary>Whether this turn was marked by <see cref="Protect"/>; clears the mark.</summary>
    public bool TakeProtected(string? conversationId) => conversationId is not null && _protected.TryRemove(conversationId, out _);

    public void Add(string conversationId, Action<IUnitOfWork> write)
    {
        var list = _pending.GetOrAdd(conversationId, _ => []);
        lock (list)
        {
            list.Add(write);
        }
    }

    /// <summary>Removes this turn's writes and returns them as one write (null if none).</summary>
    public Action<IUnitOfWork>? Take(string? conversationId)
    {
        if (conversationId is null || !_pending.TryRemove(conversationId, out var list))
        {
            return null;
        }

        Action<IUnitOfWork>[] writes;
        lock (list)
        {
            writes = [.. list];
        }

        return writes.Length == 0 ? null : db =>
        {
            foreach (var write in writes)
            {
                write(db);
            }
        };
    }

    public void Discard(string? conversationId)
    {
        if (conversationId is not null)
        {
            _pending.TryRemove(conversationId, out _);
            _protected.TryRemove(conversationId, out _);
        }
    }

    /// <summary>Both writes, in order (either may be null).</summary>
    public static Action<IUnitOfWork>? Combine(Action<IUnitOfWork>? first, Action<IUnitOfWork>? second) =>
        first is null ? second : second is null ? first : db =>
        {
            first(db);
            second(db);
        };
}

/// <summary>
/// Puts <see cref="TurnWrites"/> into every turn's commit by wrapping the turn handler: the dialog state's write
/// first (it may throw a version conflict, which rolls everything back), then the dialogs' writes.
/// </summary>
internal sealed class TurnWritesTurnHandler(ITurnHandler inner, TurnWrites writes, IInboxStore inbox, IConversationStateStore states, IProtectedTurnSeal seal)
    : ITurnHandler
{
    public async ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken)
    {
        TurnOutcome outcome;
        try
        {
            outcome = await inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            writes.Discard(turn.ConversationId);
            throw;
        }

        var mine = writes.Take(turn.ConversationId);
        var isProtected = writes.TakeProtected(turn.ConversationId);
        if (isProtected)
        {
            mine = TurnWrites.Combine(mine, db =>
            {
                inbox.Redact(db, turn.Id);
                if (turn.ConversationId is { } conversation)
                {
                    states.DropTombstone(db, conversation);
                }

                seal.Request();     // inside the commit: asked exactly when the redaction is stored
            });
        }

        return mine is not null ? outcome with { Writes = TurnWrites.Combine(outcome.Writes, mine), Protected = isProtected } : outcome;
    }
}
