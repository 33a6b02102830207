using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ItaBot.Vault.Storage.PostgreSql;

/// <summary>
/// Wrong receipt checks counted in PostgreSQL, so every node sees every node's: the check-and-record runs in one
/// transaction under the agency's throttle advisory lock, so parallel guesses on two nodes cannot both slip under the
/// limit. Rows hold the keyed source hash and the instant only; rows older than both windows are deleted as it goes.
/// </summary>
internal sealed class PgReceiptFailures(NpgsqlDataSource dataSource, string agency) : IReceiptFailureLedger
{
    /// <summary>The advisory lock class of the receipt throttle ("Rcpt").</summary>
    public const int LockClass = 0x52637074;

    public ReceiptFailures Begin(string source, DateTimeOffset now, TimeSpan sourceWindow, TimeSpan globalWindow, int sourceLimit)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "select pg_advisory_xact_lock(@class, hashtext(@agency))", ("class", LockClass));
        var oldest = now - (sourceWindow > globalWindow ? sourceWindow : globalWindow);
        Execute(connection, transaction, "delete from vault_receipt_failures where agency_id = @agency and at <= @oldest", ("oldest", oldest));
        int global;
        using (var command = Command(connection, transaction, "select count(*) from vault_receipt_failures where agency_id = @agency and at > @since", ("since", now - globalWindow)))
        {
            global = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        int count;
        DateTimeOffset first;
        using (var command = Command(connection, transaction,
            "select count(*), min(at) from vault_receipt_failures where agency_id = @agency and source = @source and at > @since",
            ("source", source), ("since", now - sourceWindow)))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            count = (int)reader.GetInt64(0);
            first = reader.IsDBNull(1) ? now : new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
        }

        if (count >= sourceLimit)
        {
            transaction.Commit();
            return new ReceiptFailures(global, count, first, Recorded: false);
        }

        Execute(connection, transaction, "insert into vault_receipt_failures (agency_id, source, at) values (@agency, @source, @at)", ("source", source), ("at", now));
        transaction.Commit();
        return new ReceiptFailures(global, count + 1, count == 0 ? now : first, Recorded: true);
    }

    public void Remove(string source, DateTimeOffset at)
    {
        using var connection = dataSource.OpenConnection();
        Execute(connection, null, """
            delete from vault_receipt_failures where agency_id = @agency and id =
                (select id from vault_receipt_failures where agency_id = @agency and source = @source and at = @at order by id desc limit 1)
            """, ("source", source), ("at", at));
    }

    private void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string, object?)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("agency", agency);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(PgVaultStorage.Parameter(name, value));
        }

        return command;
    }
}

/// <summary>
/// Reporters' access handles in PostgreSQL, so a follow-up begun on one node goes on on another. Only SHA-256 of the
/// token is stored (the token is 256 random bits: the hash cannot be turned back into a working handle), with the report
/// id and the expiry; expired rows are deleted whenever a handle is granted.
/// </summary>
internal sealed class PgReporterGrants(NpgsqlDataSource dataSource, string agency) : IReporterGrants
{
    public void Add(string token, string reportId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("delete from vault_access where agency_id = @agency and expires_at <= @now", ("now", now)));
        batch.BatchCommands.Add(Command("insert into vault_access (agency_id, token_hash, report_id, expires_at) values (@agency, @hash, @report, @expires)",
            ("hash", Hash(token)), ("report", reportId), ("expires", expiresAt)));
        batch.ExecuteNonQuery();
    }

    public string? ReportOf(string token, DateTimeOffset now)
    {
        using var command = dataSource.CreateCommand("select report_id from vault_access where agency_id = $1 and token_hash = $2 and expires_at > $3");
        command.Parameters.Add(new NpgsqlParameter { Value = agency });
        command.Parameters.Add(new NpgsqlParameter { Value = Hash(token) });
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
        return command.ExecuteScalar() as string;
    }

    public void Remove(string token)
    {
        using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("delete from vault_access where agency_id = @agency and token_hash = @hash", ("hash", Hash(token))));
        batch.ExecuteNonQuery();
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private NpgsqlBatchCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("agency", agency);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(PgVaultStorage.Parameter(name, value));
        }

        return command;
    }
}
