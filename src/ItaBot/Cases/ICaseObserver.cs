using ItaBot.Storage;

namespace ItaBot.Cases;

/// <summary>
/// Told of every change to a case from inside the store write that makes it (the same LiteDB transaction), so that
/// what it writes (a notification for staff, a notice for the citizen) commits or rolls back with the change and a
/// crash can never lose one or send one for a change that did not happen. It must only write to <paramref name="work"/>:
/// no I/O, no sending; delivery happens after the commit.
/// </summary>
internal interface ICaseObserver
{
    /// <param name="before">The case before the change; null when it was just created.</param>
    /// <param name="after">The case as stored by this write.</param>
    /// <param name="change">The timeline entry this change added.</param>
    void OnCaseChanged(IUnitOfWork work, CaseRecord? before, CaseRecord after, CaseEvent change);
}
