namespace ItaBot.Conversations;

/// <summary>
/// After a protected turn commits (its inbox event redacted, see <see cref="TurnWrites.Protect"/>), removes from the
/// store's own files every older copy of what was redacted (LiteDB: its log, by a checkpoint once the answers are sent).
/// The turn handler asks for it inside the turn's commit, so it is asked exactly when the redaction is stored.
/// </summary>
internal interface IProtectedTurnSeal
{
    void Request();
}
