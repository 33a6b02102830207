using LiteDB;

namespace ItaBot.Storage.LiteDb;

/// <summary>The unit of work of the LiteDB provider: the open transaction of the messaging file's writer thread.</summary>
internal sealed class LiteDbUnitOfWork(LiteDatabase database) : IUnitOfWork
{
    private readonly List<Action> _afterCommit = [];

    public LiteDatabase Database { get; } = database;

    /// <summary>
    /// Runs <paramref name="action"/> on the writer thread right after this transaction commits, and never if it rolls
    /// back (a cache of what the file holds is updated this way). It must not throw: the commit has happened.
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>A new transaction, or a rolled back one: nothing to run.</summary>
    internal void Reset() => _afterCommit.Clear();

    internal void Committed()
    {
        foreach (var action in _afterCommit)
        {
            action();
        }

        _afterCommit.Clear();
    }
}

internal static class LiteDbUnitOfWorkExtensions
{
    /// <summary>The LiteDB database of this unit of work; a LiteDB store handed another provider's unit of work is a wiring bug.</summary>
    public static LiteDatabase LiteDb(this IUnitOfWork work) => work is LiteDbUnitOfWork lite
        ? lite.Database
        : throw new InvalidOperationException($"A LiteDB store was given a {work.GetType().Name}; every store of one service must use the same provider.");
}

/// <summary>
/// A slice's collections and indexes in the messaging file, registered by the slice's LiteDB adapter. Every schema runs
/// when the file opens, on one thread, before the writer starts (LiteDB 5 corrupts pages when two threads write to
/// different collections at once, so schema changes cannot wait for first use).
/// </summary>
internal interface ILiteDbSchema
{
    /// <summary>The collections the slice keeps; each is created at open so no reader meets one half made.</summary>
    IReadOnlyList<string> Collections { get; }

    /// <summary>Ensures the slice's indexes (and any one-off data fix) on a file with every collection created.</summary>
    void Create(LiteDatabase database);
}
