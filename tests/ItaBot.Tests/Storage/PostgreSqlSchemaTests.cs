using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Storage.PostgreSql;
using ItaBot.Tests.Storage.Contracts;
using ItaBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ItaBot.Tests.Storage;

/// <summary>The PostgreSQL schema at start: migrations applied once and in order, and a node that meets a newer schema refuses to start.</summary>
public sealed class PostgreSqlSchemaTests : IDisposable
{
    private readonly List<string> _databases = [];

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            TestDatabases.Drop(database);
        }
    }

    private string NewDatabase()
    {
        var database = TestDatabases.Create();
        _databases.Add(database);
        return database;
    }
    private sealed class Schema(string slice, params string[] migrations) : IPostgreSqlSchema
    {
        public string Slice => slice;

        public IReadOnlyList<string> Migrations => migrations;
    }

    private static long Scalar(NpgsqlDataSource dataSource, string sql)
    {
        using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Migrate_AnOlderDatabase_AppliesOnlyTheMissingMigrationsInOrder_EachOnce()
    {
        using var dataSource = NpgsqlDataSource.Create(NewDatabase());
        var first = new Schema("things", "create table things (agency_id text not null, id int not null, primary key (agency_id, id))");
        new PgSchemaMigrator([first], NullLogger<PgSchemaMigrator>.Instance).Migrate(dataSource);

        // A later build: the landed script unchanged, two more after it (the second needs the first).
        var later = new Schema("things", first.Migrations[0],
            "alter table things add column name text",
            "insert into things (agency_id, id, name) values ('default', 1, 'one')");
        var migrator = new PgSchemaMigrator([later], NullLogger<PgSchemaMigrator>.Instance);
        migrator.Migrate(dataSource);
        migrator.Migrate(dataSource);      // a second start (another node) applies nothing again

        Assert.Equal(3, Scalar(dataSource, "select version from schema_versions where slice = 'things'"));
        Assert.Equal(1, Scalar(dataSource, "select count(*) from things"));
    }

    [Fact]
    public async Task Migrate_TwoNodesStartingAtOnce_ApplyEachMigrationOnce()
    {
        using var dataSource = NpgsqlDataSource.Create(NewDatabase());
        var schema = new Schema("counted", "create table counted (agency_id text not null, n int not null, primary key (agency_id, n))",
            "insert into counted (agency_id, n) select 'default', coalesce(max(n), 0) + 1 from counted");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new PgSchemaMigrator([schema], NullLogger<PgSchemaMigrator>.Instance).Migrate(dataSource), TestContext.Current.CancellationToken)));

        Assert.Equal(1, Scalar(dataSource, "select count(*) from counted"));
    }

    [Fact]
    public void Migrate_ADatabaseNewerThanThisBuild_ThrowsNamingTheSliceAndBothVersions()
    {
        using var dataSource = NpgsqlDataSource.Create(NewDatabase());
        new PgSchemaMigrator([new Schema("things", "select 1", "select 2")], NullLogger<PgSchemaMigrator>.Instance).Migrate(dataSource);

        var refused = Assert.Throws<SchemaTooNewException>(() =>
            new PgSchemaMigrator([new Schema("things", "select 1")], NullLogger<PgSchemaMigrator>.Instance).Migrate(dataSource));

        Assert.Contains("'things' at version 2, newer than this build knows (1)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnADatabaseANewerBuildMigrated_RefusesWithOneLine()
    {
        var connectionString = NewDatabase();
        using (var dataSource = NpgsqlDataSource.Create(connectionString))
        using (var command = dataSource.CreateCommand(
            "create table schema_versions (slice text primary key, version int not null); insert into schema_versions values ('webhook', 999)"))
        {
            command.ExecuteNonQuery();
        }

        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        var (exitCode, output) = await ServiceProcess.RunCommandAsync(line.BaseAddress, TempDirectory.Create(), new Dictionary<string, string?>
        {
            ["ItaBot__Storage__Provider"] = "PostgreSql",
            ["ConnectionStrings__ItaBot"] = connectionString,
        });

        Assert.Equal(1, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var refusal = Assert.Single(lines, l => l.Contains("newer than this build knows", StringComparison.Ordinal));
        Assert.StartsWith("ItaBot cannot start:", refusal, StringComparison.Ordinal);
        Assert.Contains("'webhook' at version 999", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));     // no stack trace
    }
}
