using Npgsql;

namespace ItaBot.Storage.PostgreSql;

/// <summary>
/// <see cref="IStoreMaintenance"/> on PostgreSQL. A CHECKPOINT writes the current pages out, but PostgreSQL keeps dead row
/// versions until VACUUM and old bytes in its WAL for a while: the protected channel cannot rely on forgetting there
/// (issue 18 item 4 seals what might be protected instead). A role not allowed to checkpoint has nothing to do here.
/// </summary>
internal sealed class PgStoreMaintenance(NpgsqlDataSource dataSource) : IStoreMaintenance
{
    public bool TryForgetEarlierVersions(out Exception? failure)
    {
        try
        {
            using var command = dataSource.CreateCommand("checkpoint");
            command.ExecuteNonQuery();
            failure = null;
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            failure = null;
            return true;
        }
        catch (NpgsqlException ex)
        {
            failure = ex;
            return false;
        }
    }

    /// <summary>
    /// True when the server is gone or cannot serve: a connection that broke or never opened (an NpgsqlException that
    /// is not a server error), or a server error of the classes that mean the server itself failed (connection
    /// exception 08, insufficient resources 53, operator intervention 57 — shutdown, system error 58). A constraint
    /// or syntax error is a bug, not a failing store.
    /// </summary>
    public bool IsStoreFailure(Exception exception) => exception switch
    {
        PostgresException server => server.SqlState.Length == 5 && server.SqlState[..2] is "08" or "53" or "57" or "58",
        NpgsqlException => true,
        _ => false,
    };
}
