using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using ItaBot.Tests.Storage.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Tests.Storage;

/// <summary>
/// The PostgreSQL writer keeps the LiteDB writer's promises although PostgreSQL aborts the whole transaction on a failed
/// statement: a write that fails in a batch fails alone, the others commit; and server failures are told from bugs.
/// </summary>
public sealed class PostgreSqlWriterTests : IAsyncDisposable
{
    private readonly string _database;
    private readonly NpgsqlDataSource _dataSource;

    public PostgreSqlWriterTests()
    {
        _database = TestDatabases.Create();
        _dataSource = NpgsqlDataSource.Create(_database);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        TestDatabases.Drop(_database);
    }

    private PgStoreWriter Writer() => new(_dataSource, Options.Create(new StorageOptions()), NullLogger<PgStoreWriter>.Instance);

    private void Execute(string sql)
    {
        using var command = _dataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }

    private static void Insert(IUnitOfWork work, int id)
    {
        using var command = work.Pg().Command("insert into t (id) values (@id)");
        command.Parameters.AddWithValue("id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>A write that holds the writer's thread until the gate opens, so the writes queued meanwhile share batches.</summary>
    private static async Task<(Task Holder, TaskCompletionSource Gate)> HoldAsync(PgStoreWriter writer)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource();
        var holder = writer.WriteAsync(_ =>
        {
            started.SetResult();
            gate.Task.Wait(TestContext.Current.CancellationToken);
        });
        await started.Task;
        return (holder, gate);
    }

    [Fact]
    public async Task Write_AStatementFailingInsideABatch_FailsAlone_RunsItsRollback_AndTheOthersCommit()
    {
        Execute("create table t (id int primary key)");
        await using var writer = Writer();
        var rolledBack = 0;
        var (holder, gate) = await HoldAsync(writer);

        var good = Enumerable.Range(1, 20).Select(i => writer.WriteAsync(work => Insert(work, i))).ToList();
        var duplicate = writer.WriteAsync<bool>(work =>
        {
            Insert(work, 5);      // a unique violation: PostgreSQL aborts the whole transaction
            return true;
        }, onRollback: () => Interlocked.Increment(ref rolledBack));
        gate.SetResult();
        await holder;

        await Task.WhenAll(good);
        var failure = await Assert.ThrowsAsync<PostgresException>(() => duplicate);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, failure.SqlState);
        Assert.True(rolledBack >= 1);
        using var count = _dataSource.CreateCommand("select count(*) from t");
        Assert.Equal(20L, count.ExecuteScalar());
    }

    [Fact]
    public async Task Write_PriorityWrites_CommitBeforeTheBackgroundWritesQueuedEarlier()
    {
        Execute("create table t (id int primary key, at bigint generated always as identity)");
        await using var writer = Writer();
        var (holder, gate) = await HoldAsync(writer);
        var background = Enumerable.Range(1, 40).Select(i => writer.WriteAsync(work => Insert(work, i))).ToList();
        var urgent = writer.WriteAsync<bool>(work =>
        {
            Insert(work, 100);
            return true;
        }, priority: true);
        gate.SetResult();

        await Task.WhenAll([holder, urgent, .. background]);

        using var order = _dataSource.CreateCommand("select count(*) from t where at < (select at from t where id = 100)");
        Assert.Equal(0L, order.ExecuteScalar());
    }

    [Fact]
    public void IsStoreFailure_AServerThatIsGone_IsAFailure_AConstraintIsABug()
    {
        var maintenance = new PgStoreMaintenance(_dataSource);
        Execute("create table t (id int primary key); insert into t values (1)");
        var constraint = Assert.Throws<PostgresException>(() => Execute("insert into t values (1)"));
        var builder = new NpgsqlConnectionStringBuilder(TestDatabases.Server) { Port = 1, Timeout = 2 };
        using var nowhere = NpgsqlDataSource.Create(builder.ConnectionString);
        var gone = Assert.ThrowsAny<NpgsqlException>(() => nowhere.OpenConnection());

        Assert.False(maintenance.IsStoreFailure(constraint));
        Assert.True(maintenance.IsStoreFailure(gone));
        Assert.False(maintenance.IsStoreFailure(new InvalidOperationException("a bug")));
        Assert.True(maintenance.TryForgetEarlierVersions(out var failure), failure?.Message);
    }
}
