using ItaBot.Vault.Storage;
using ItaBot.Vault.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Vault.Tests.Contracts;

/// <summary>
/// Fresh databases with the vault's tables on the server ITABOT_TEST_POSTGRES names (./test.sh starts a throw-away
/// cluster; `source tests/postgres.sh` does for a filtered run). Without it the PostgreSQL tests fail saying so, never
/// skip. Each database is dropped when the test that made it is done.
/// </summary>
internal sealed class PostgreSqlVaultDatabase : IAsyncDisposable
{
    public const string ServerVariable = "ITABOT_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = "itabot_vault_" + Guid.NewGuid().ToString("N");

    public PostgreSqlVaultDatabase()
    {
        _server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{ServerVariable} is not set: the PostgreSQL tests need a server. Run ./test.sh, or `source tests/postgres.sh` before a filtered test run.");
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"create database {_name}", connection);
            command.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        foreach (var migration in PgVaultSchema.Migrations)
        {
            using var command = DataSource.CreateCommand(migration);
            command.ExecuteNonQuery();
        }
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>One agency's vault storage on this database (a node; open several for several nodes).</summary>
    internal IVaultStorage Open(string agency = "default") => new PgVaultStorage(DataSource, agency);

    public long Scalar(string sql)
    {
        using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {_name} with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The vault's storage on a fresh PostgreSQL database; the database goes with the storage.</summary>
public sealed class PostgreSqlVaultStorageProvider : IVaultStorageProvider
{
    IVaultStorage IVaultStorageProvider.Open(string directory) => new Owned(new PostgreSqlVaultDatabase());

    /// <summary>The storage and its test database, dropped together.</summary>
    private sealed class Owned(PostgreSqlVaultDatabase database) : IVaultStorage
    {
        private readonly IVaultStorage _inner = database.Open();

        public string FilePath => _inner.FilePath;

        public IReceiptFailureLedger ReceiptFailures => _inner.ReceiptFailures;

        public IReporterGrants Grants => _inner.Grants;

        public T Read<T>(Func<IVaultReads, T> read) => _inner.Read(read);

        public Task<T> WriteAsync<T>(Func<IVaultTransaction, T> write) => _inner.WriteAsync(write);

        public Task WriteAsync(Action<IVaultTransaction> write) => _inner.WriteAsync(write);

        public Task CompactAsync() => _inner.CompactAsync();

        public Task CopyToAsync(string path) => _inner.CopyToAsync(path);

        public bool IsFailure(Exception exception) => _inner.IsFailure(exception);

        public async ValueTask DisposeAsync()
        {
            await _inner.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}

public sealed class PostgreSqlVaultStorageTests : VaultStorageContract<PostgreSqlVaultStorageProvider>;
