using ItaBot.Conversations.PostgreSql;
using ItaBot.Storage.PostgreSql;
using ItaBot.Tests.Storage.Contracts;
using ItaBot.Webhook.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ItaBot.Tests.Storage;

/// <summary>
/// The indexes the planner picks for a turn's statements on the inbox, on the real schema with a flood's backlog
/// (3,000 pending events in 500 conversations): the turn's done mark finds its row by the primary key and a lane's read
/// uses the lane index, both before the table was ever analysed (a flood on a fresh or small table: the costs of the
/// candidate indexes tie and the smaller one wins) and after. Through <c>inbox_pending</c> each of them read every
/// pending row of the agency (issue 19: 681 µs of the server's time a turn for the done mark alone).
/// </summary>
public sealed class PostgreSqlTurnPlanTests : IDisposable
{
    private readonly string _database = TestDatabases.Create();

    public void Dispose() => TestDatabases.Drop(_database);

    [Fact]
    public void DoneMarkAndLaneRead_OnAFloodsBacklog_UseThePrimaryKeyAndTheLaneIndex_NeverEveryPendingRow()
    {
        using var dataSource = NpgsqlDataSource.Create(_database);
        new PgSchemaMigrator([new WebhookPostgreSqlSchema(), new ConversationsPostgreSqlSchema()], NullLogger<PgSchemaMigrator>.Instance).Migrate(dataSource);
        Execute(dataSource,
            """
            insert into inbox (agency_id, id, lane, type, ts, json, received_at)
            select 'default', 'ev' || g, 'U' || (g % 500), 'message', 0, repeat('x', 300), now() from generate_series(1, 3000) g
            """);

        foreach (var analysed in new[] { false, true })
        {
            if (analysed)
            {
                Execute(dataSource, "analyze inbox");
            }

            var doneMark = Plan(dataSource, PgInboxStore.MarkDoneSql, ("state", (short)1), ("handled", new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc)), ("agency", "default"), ("id", "ev1717"));
            Assert.True(doneMark.Contains("inbox_pkey", StringComparison.Ordinal), $"done mark (analysed: {analysed}):\n{doneMark}");

            var laneRead = Plan(dataSource, PgInboxStore.PendingInLaneSql, ("agency", "default"), ("lane", "U217"), ("after", 0L), ("max", 64));
            Assert.True(laneRead.Contains("inbox_lane_pending", StringComparison.Ordinal), $"lane read (analysed: {analysed}):\n{laneRead}");
        }
    }

    private static void Execute(NpgsqlDataSource dataSource, string sql)
    {
        using var command = dataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }

    private static string Plan(NpgsqlDataSource dataSource, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = dataSource.CreateCommand("explain " + sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
