using System.Globalization;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Storage.Contracts;
using Npgsql;

namespace ItaBot.Tests.Support;

/// <summary>
/// Whole services (one or several nodes) on one fresh PostgreSQL database with a LINE stand-in: the stand-in starts
/// before each test, and both it and the database are gone after it.
/// </summary>
public abstract class PostgreSqlServiceTest : IAsyncLifetime
{
    private protected LineStandIn Line { get; private set; } = null!;

    /// <summary>The connection string of the test's database, once <see cref="OneDatabase"/> made it.</summary>
    protected string? Database { get; private set; }

    public async ValueTask InitializeAsync() => Line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Line.DisposeAsync();
        if (Database is not null)
        {
            TestDatabases.Drop(Database);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The settings of a fresh database every node of the test shares (ItaBot:Storage:Provider=PostgreSql).</summary>
    protected IDictionary<string, string?> OneDatabase(string? directory = null)
    {
        var settings = new PostgreSqlProvider().Settings(directory ?? TempDirectory.Create());
        Database = settings["ConnectionStrings:ItaBot"];
        return settings;
    }

    protected static long Scalar(NpgsqlDataSource database, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
