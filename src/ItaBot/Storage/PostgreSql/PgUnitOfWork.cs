using Npgsql;

namespace ItaBot.Storage.PostgreSql;

/// <summary>
/// The unit of work of the PostgreSQL provider: the writer's open transaction on one pooled connection. Statements whose
/// only result is their row count can be <see cref="Defer">deferred</see>: they wait, in order, and go to the server
/// together in one round trip (an <see cref="NpgsqlBatch"/>) when anything else is about to use the connection (so what
/// comes next sees their writes) or before the commit. A group commit of many turns then costs one round trip for all of
/// their state writes, inbox marks and outbox rows instead of one each; a row-count check that fails at the flush throws
/// there, the whole batch rolls back and each write is tried alone (see <see cref="GroupCommitWriter"/>), as when it
/// failed at once.
/// </summary>
internal sealed class PgUnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction) : IUnitOfWork
{
    private readonly List<Action<int>?> _checks = [];
    private NpgsqlBatch? _deferred;
    private bool _flushing;

    /// <summary>The connection, for a statement to run now: the deferred statements are sent first.</summary>
    public NpgsqlConnection Connection
    {
        get
        {
            Flush();
            return connection;
        }
    }

    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>A command inside this transaction, to run now (the deferred statements are sent first).</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>
    /// A statement sent with the next round trip of this transaction; <paramref name="check"/> gets its row count then
    /// (and may throw, which fails the batch). Use it only where nothing before the flush needs the statement's result.
    /// </summary>
    public NpgsqlBatchCommand Defer(string sql, Action<int>? check = null)
    {
        _deferred ??= new NpgsqlBatch(connection, Transaction);
        var command = new NpgsqlBatchCommand(sql);
        _deferred.BatchCommands.Add(command);
        _checks.Add(check);
        return command;
    }

    /// <summary>Sends the deferred statements (one round trip) and runs their checks in order.</summary>
    public void Flush()
    {
        if (_deferred is null || _flushing)
        {
            return;
        }

        var batch = _deferred;
        _deferred = null;
        _flushing = true;
        try
        {
            batch.ExecuteNonQuery();
            for (var i = 0; i < _checks.Count; i++)
            {
                _checks[i]?.Invoke(batch.BatchCommands[i].RecordsAffected);
            }
        }
        finally
        {
            _checks.Clear();
            _flushing = false;
            batch.Dispose();
        }
    }
}

internal static class PgUnitOfWorkExtensions
{
    /// <summary>The PostgreSQL transaction of this unit of work; a PostgreSQL store handed another provider's unit of work is a wiring bug.</summary>
    public static PgUnitOfWork Pg(this IUnitOfWork work) => work as PgUnitOfWork
        ?? throw new InvalidOperationException($"A PostgreSQL store was given a {work.GetType().Name}; every store of one service must use the same provider.");
}
