using Npgsql;

namespace ItaBot.Storage.PostgreSql;

/// <summary>The unit of work of the PostgreSQL provider: the writer's open transaction on one pooled connection.</summary>
internal sealed class PgUnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction) : IUnitOfWork
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>A command inside this transaction.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);
}

internal static class PgUnitOfWorkExtensions
{
    /// <summary>The PostgreSQL transaction of this unit of work; a PostgreSQL store handed another provider's unit of work is a wiring bug.</summary>
    public static PgUnitOfWork Pg(this IUnitOfWork work) => work as PgUnitOfWork
        ?? throw new InvalidOperationException($"A PostgreSQL store was given a {work.GetType().Name}; every store of one service must use the same provider.");
}
