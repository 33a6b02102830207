using System.Net;
using ItaBot.Simulator;
using ItaBot.Tests.Storage.Contracts;
using ItaBot.Tests.Support;
using Npgsql;

namespace ItaBot.Tests.Storage;

/// <summary>The whole service with ItaBot:Storage:Provider=PostgreSql: a citizen's message answered, its traces in PostgreSQL.</summary>
public sealed class PostgreSqlServiceTests : PostgreSqlServiceTest
{
    [Fact]
    public async Task SignedWebhook_OnPostgreSql_IsAnsweredByReply_WithItsInboxOutboxAndStateRowsInTheDatabase()
    {
        var directory = TempDirectory.Create();
        var settings = OneDatabase(directory);
        await using var host = new ServiceHost(Line, directory, settings: settings);
        var user = Events.NewUserId();
        var e = Events.Text(user, "สวัสดีค่ะ");

        Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(e))).StatusCode);

        await Line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(20));
        var send = Assert.Single(Line.Sends);
        Assert.Equal(Events.ReplyToken(e), send.ReplyToken);
        Assert.StartsWith("สวัสดีค่ะ", LineChat.TextMessages(send.MessagesJson), StringComparison.Ordinal);

        using var database = NpgsqlDataSource.Create(settings["ConnectionStrings:ItaBot"]!);
        var eventId = Events.EventId(e);
        await Wait.UntilAsync(() => Scalar(database, "select count(*) from outbox where agency_id = 'default' and event_id = @id and state = 1 and via = 'reply'",
            ("id", eventId)) == 1, TimeSpan.FromSeconds(10), "the answer marked sent by reply in PostgreSQL");
        Assert.Equal(1, Scalar(database, "select count(*) from inbox where agency_id = 'default' and id = @id and state = 1", ("id", eventId)));
        Assert.True(Scalar(database, "select coalesce(max(version), 0) from conversations where agency_id = 'default' and key like '%' || @user || '%'",
            ("user", user)) >= 1);
        // Hangfire keeps its jobs in the same database, in a schema of its own (the recurring jobs are registered at start).
        Assert.True(Scalar(database, "select count(*) from information_schema.tables where table_schema = 'hangfire'") > 0);
        Assert.True(Scalar(database, "select count(*) from hangfire.set where key = 'recurring-jobs'") >= 3);
    }
}
