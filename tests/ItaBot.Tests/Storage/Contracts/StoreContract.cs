using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>
/// A storage provider the store contracts run against. Each test gets the service's wiring over a fresh, empty database
/// of that provider, so a contract sees the stores exactly as the service builds them; no background work runs (no
/// turn processor, no jobs), so what a contract reads is what it wrote. LiteDB today; the PostgreSQL provider
/// (issue 18) adds its own class here and a one-line test class per contract, and must pass the same tests unchanged.
/// </summary>
public interface IStorageProvider
{
    /// <summary>Settings that point the service at a fresh, empty database of this provider (beside <paramref name="dataDirectory"/>).</summary>
    IDictionary<string, string?> Settings(string dataDirectory);
}

/// <summary>LiteDB, the embedded default: the data directory is fresh, so is the database.</summary>
public sealed class LiteDbProvider : IStorageProvider
{
    public IDictionary<string, string?> Settings(string dataDirectory) => new Dictionary<string, string?>(StringComparer.Ordinal);
}

/// <summary>
/// PostgreSQL: a fresh database (<c>itabot_&lt;random&gt;</c>) on the server ITABOT_TEST_POSTGRES names, which ./test.sh
/// starts (a throw-away cluster on loopback) and <c>source tests/postgres.sh</c> starts for a filtered run. Without it
/// the PostgreSQL tests fail, saying so: they are never skipped. The databases are dropped when the test run ends.
/// </summary>
public sealed class PostgreSqlProvider : IStorageProvider
{
    public const string ServerVariable = "ITABOT_TEST_POSTGRES";

    public IDictionary<string, string?> Settings(string dataDirectory) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["ItaBot:Storage:Provider"] = "PostgreSql",
        ["ConnectionStrings:ItaBot"] = TestDatabases.Create(),
    };
}

/// <summary>Test databases on the ITABOT_TEST_POSTGRES server: one per test, dropped together at the end of the run.</summary>
internal static class TestDatabases
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Created = new(StringComparer.Ordinal);
    private static int _cleanupRegistered;

    /// <summary>The server's connection string (to its postgres database); fails the test with what to do when none is set.</summary>
    public static string Server => Environment.GetEnvironmentVariable(PostgreSqlProvider.ServerVariable) is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException(
            $"{PostgreSqlProvider.ServerVariable} is not set: the PostgreSQL tests need a server. Run ./test.sh, or `source tests/postgres.sh` " +
            "(a throw-away cluster on loopback) before a filtered test run.");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string Create()
    {
        var server = Server;
        var name = "itabot_" + Guid.NewGuid().ToString("N");
        using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"create database {name}", connection);
            command.ExecuteNonQuery();
        }

        Created[name] = 0;
        if (Interlocked.Exchange(ref _cleanupRegistered, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll(server);
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Drops one test's database as soon as the test is done with it. Left to the end of the run, a hundred drops on a busy
    /// machine outlast the ten seconds xunit gives the process to exit, and the run fails ("foreground threads were left running").
    /// </summary>
    public static void Drop(string connectionString)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !Created.TryRemove(name, out _))
        {
            return;
        }

        using (var pooled = new Npgsql.NpgsqlConnection(connectionString))
        {
            Npgsql.NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new Npgsql.NpgsqlConnection(Server);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand($"drop database if exists {name} with (force)", connection);
        command.ExecuteNonQuery();
    }

    private static void DropAll(string server)
    {
        try
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var connection = new Npgsql.NpgsqlConnection(server);
            connection.Open();
            foreach (var name in Created.Keys)
            {
                using var command = new Npgsql.NpgsqlCommand($"drop database if exists {name} with (force)", connection);
                command.ExecuteNonQuery();
            }
        }
        catch (Npgsql.NpgsqlException)
        {
            // The cluster is gone already (./test.sh stops it at the end): nothing left to drop.
        }
    }
}

/// <summary>
/// Base of every store contract: <c>public abstract class CaseStoreContract&lt;TProvider&gt; : StoreContract&lt;TProvider&gt;</c>
/// holds the facts, written against the store interface only; <c>public sealed class LiteDbCaseStoreTests :
/// CaseStoreContract&lt;LiteDbProvider&gt;;</c> runs them on LiteDB.
/// </summary>
public abstract class StoreContract<TProvider> : IAsyncLifetime
    where TProvider : IStorageProvider, new()
{
    private LineStandIn? _line;
    private ServiceHost? _host;
    private string? _directory;
    private IDictionary<string, string?>? _settings;

    private ServiceHost Host => _host ?? throw new InvalidOperationException("The store contract is not initialised.");

    /// <summary>The host's data directory (where an embedded provider keeps its files).</summary>
    protected string DataDirectory => _directory ?? throw new InvalidOperationException("The store contract is not initialised.");

    /// <summary>A service of the running host: the store interface under test, a clock, options.</summary>
    protected T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <summary>The provider's unit-of-work writer: what joins several stores' writes in one commit.</summary>
    internal IStoreWriter Writer => Get<IStoreWriter>();

    /// <summary>Changes to the host's services before it starts (a fake clock, say); none by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        _directory = TempDirectory.Create();
        _settings = new TProvider().Settings(_directory);
        Open();
    }

    /// <summary>Stops the service and starts it again on the same database: what was committed must still be there.</summary>
    protected async Task RestartAsync()
    {
        await Host.DisposeAsync();
        _host = null;
        Open();
    }

    private void Open()
    {
        // The stores without the service's background work: no hosted service runs.
        _host = new ServiceHost(_line!, _directory, services =>
        {
            services.RemoveAll<Microsoft.Extensions.Hosting.IHostedService>();
            ConfigureServices(services);
        }, _settings);
        _ = _host.Services;     // builds the host: schemas created, writer running
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_settings?.TryGetValue("ConnectionStrings:ItaBot", out var database) == true && database is not null)
        {
            TestDatabases.Drop(database);
        }

        if (_line is not null)
        {
            await _line.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
