using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ItaBot.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster of one test, whose data directory the test may read file by file (the shared cluster of
/// tests/postgres.sh is shared by every test, so nobody could say whose bytes it holds). The same steps as
/// tests/postgres.sh: initdb and pg_ctl, as the postgres user when running as root; loopback only. Autovacuum is off, so
/// dead row versions stay in the heap files until someone vacuums: the worst case a copy of the data directory can meet.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgres;

    private PostgresCluster(string bin, string root, bool asPostgres, int port)
    {
        _bin = bin;
        _root = root;
        _asPostgres = asPostgres;
        ConnectionString = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=itabot;Database=postgres;Pooling=true");
    }

    /// <summary>To the cluster's postgres database.</summary>
    public string ConnectionString { get; }

    /// <summary>The cluster's data directory (base/, global/, pg_wal/ …).</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql).");
        var root = Path.Combine(Path.GetTempPath(), "itabot-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await RunAsync("chmod", ["755", root]);    // a temp folder the postgres user can traverse
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres", root]);
        }

        var port = FreePort();
        var cluster = new PostgresCluster(bin, root, asPostgres, port);
        await cluster.PgAsync("initdb", ["-D", cluster.DataDirectory, "-A", "trust", "-U", "itabot", "-E", "UTF8", "--locale=C.UTF-8"]);
        await cluster.PgAsync("pg_ctl", ["-D", cluster.DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
            string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c autovacuum=off -c max_connections=100"),
            "start"]);
        return cluster;
    }

    /// <summary>Creates a database on the cluster and returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand($"create database {name}", connection);
            command.ExecuteNonQuery();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs one statement (CHECKPOINT, say) on the given database.</summary>
    public static void Execute(string connectionString, string sql)
    {
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Every file under the data directory, with its bytes (read as root or as the owner; files gone meanwhile skipped).</summary>
    public IEnumerable<(string Path, byte[] Bytes)> Files()
    {
        foreach (var file in Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            yield return (Path.GetRelativePath(DataDirectory, file), bytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Task PgAsync(string tool, string[] arguments) => _asPostgres
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
        : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
