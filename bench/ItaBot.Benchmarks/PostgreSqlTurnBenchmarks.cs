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
