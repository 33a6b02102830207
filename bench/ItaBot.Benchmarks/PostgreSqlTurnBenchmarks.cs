using System.Globalization;
using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItaBot.Benchmarks;

/// <summary>
/// The free-text question turn of <see cref="QandATurnBenchmarks"/> with the store on PostgreSQL (issue 19): inbox
/// append, state read, the turn's commit and the send's record each a transaction on the server in
/// ITABOT_BENCH_POSTGRES (an Npgsql connection string to a database the benchmark may create databases from;
/// <c>bench/micro.sh</c> starts a throw-away durable cluster for it, see bench/pg-cluster.sh). Each setup creates a
/// fresh database and drops it after. No lane lease is taken (the benchmark runs the turn, not the processor).
/// </summary>
[Config(typeof(ShortConfig))]
[MedianColumn]
public class PostgreSqlTurnBenchmarks : QandATurnBenchmarks
{
    private string _server = "";
    private string _database = "";

    protected override string What => "free-text question on PostgreSQL";

    protected override void ConfigureStorage(WebApplicationBuilder builder)
    {
        _server = Environment.GetEnvironmentVariable("ITABOT_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("ITABOT_BENCH_POSTGRES is not set: run it through bench/micro.sh, which starts a throw-away PostgreSQL cluster.");
        _database = "bench_turn_" + Guid.NewGuid().ToString("N");
        Execute(_server, "create database " + _database);
        builder.Configuration["ItaBot:Storage:Provider"] = "PostgreSql";
        // PostgreSQL seals citizens' words under keys wrapped by the vault's KEK: a throw-away one per run.
        var kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        builder.Services.Configure<ItaBot.Vault.VaultOptions>(options => options.Kek = kek);
        builder.Configuration["ConnectionStrings:ItaBot"] = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
    }

    private Dictionary<string, long[]> _statsBefore = [];

    // PostgreSQL's table statistics: a backend reports its counts when idle for ~10 s at most, so wait that long first.
    private const string StatsSql = "select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, seq_scan, coalesce(idx_scan, 0), pg_total_relation_size(relid) from pg_stat_user_tables";
    private static readonly string[] StatsNames = ["rows inserted", "updated", "of which HOT", "deleted", "seq scans", "index scans", "table + index bytes"];

    protected override void TallyStarts()
    {
        base.TallyStarts();
        _statsBefore = Stats();
    }

    protected override void TallyEnds(string what, long turns)
    {
        var after = Stats();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}: PostgreSQL tables per turn over {turns} turns (table | {string.Join(" | ", StatsNames)})"));
        foreach (var (table, values) in after.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var before = _statsBefore.GetValueOrDefault(table) ?? new long[values.Length];
            var deltas = values.Select((v, i) => (double)(v - before[i]) / turns).ToArray();
            if (deltas.Any(d => d != 0))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"//   {table} | {string.Join(" | ", deltas.Select(d => d.ToString("0.00", CultureInfo.InvariantCulture)))}"));
            }
        }
    }

    private Dictionary<string, long[]> Stats()
    {
        Thread.Sleep(TimeSpan.FromSeconds(11));
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(StatsSql, connection);
        using var reader = command.ExecuteReader();
        var stats = new Dictionary<string, long[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            stats[reader.GetString(0)] = [.. Enumerable.Range(1, StatsNames.Length).Select(i => reader.GetInt64(i))];
        }

        return stats;
    }

    protected override void StorageDisposed()
    {
        Execute(_server, "drop database if exists " + _database + " with (force)");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
