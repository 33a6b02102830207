using System.Diagnostics;
using System.Globalization;
using System.Net;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Storage.Contracts;
using ItaBot.Tests.Support;
using Npgsql;

namespace ItaBot.Tests.Conversations;

/// <summary>
/// Two nodes (two hosts in this process) on one PostgreSQL database, behind a load balancer that sends each webhook to
/// either: an event is stored and answered once whichever node gets it, one conversation's turns run in order and never
/// on two nodes at once, and recurring jobs run once per schedule tick.
/// </summary>
public sealed class SeveralNodesTests : PostgreSqlServiceTest
{
    /// <summary>Two nodes on one fresh database (the first one started creates the schema).</summary>
    private (ServiceHost A, ServiceHost B, NpgsqlDataSource Database) TwoNodes()
    {
        var settings = OneDatabase();
        var a = new ServiceHost(Line, TempDirectory.Create(), settings: settings);
        _ = a.Services;
        var b = new ServiceHost(Line, TempDirectory.Create(), settings: settings);
        _ = b.Services;
        return (a, b, NpgsqlDataSource.Create(Database!));
    }

    [Fact]
    public async Task SameRedelivery_PostedToTwoNodesAtOnce_IsStoredOnceAndAnsweredOnce()
    {
        var (a, b, database) = TwoNodes();
        await using var nodeA = a;
        await using var nodeB = b;
        using var db = database;
        var e = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");
        var body = Events.Body(e);

        // LINE redelivers while the first delivery is still open; the balancer sends the copies to both nodes.
        var posts = Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? nodeA : nodeB).PostWebhookAsync(body)).ToArray();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await Line.WaitUntilAsync(l => l.Counts.Replies >= 1, TimeSpan.FromSeconds(20));
        await nodeA.NothingLeftToSendAsync();
        await nodeB.NothingLeftToSendAsync();
        Assert.Equal(1, Scalar(db, "select count(*) from inbox where id = @id", ("id", Events.EventId(e))));
        Assert.Equal(1, Scalar(db, "select count(*) from outbox where event_id = @id", ("id", Events.EventId(e))));
        var reply = Assert.Single(Line.Sends);
        Assert.Equal(Events.ReplyToken(e), reply.ReplyToken);
    }

    [Fact]
    public async Task Backlog_OnPostgreSql_LanesWhoseTokensExpireFirstAreRepliedFirst_AndTheExpiredOneIsPushedLast()
    {
        // One node, one processing lane: while LINE hangs, the first conversation's answer holds the lane and three
        // conversations queue behind it, in an arrival order (expired first) that is not their deadline order.
        var settings = OneDatabase();
        settings["ItaBot:Processing:Lanes"] = "1";
        var now = TimeProvider.System.GetUtcNow();
        var first = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.ToUnixTimeMilliseconds());
        var expired = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.AddMinutes(-5).ToUnixTimeMilliseconds());
        var oldest = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.AddSeconds(-30).ToUnixTimeMilliseconds());
        var younger = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.AddSeconds(-10).ToUnixTimeMilliseconds());
        await using var node = new ServiceHost(Line, TempDirectory.Create(), settings: settings);
        _ = node.Services;
        using var db = NpgsqlDataSource.Create(Database!);

        Line.BeginOutage();
        await node.PostWebhookAsync(Events.Body(first));
        await Wait.UntilAsync(() => Scalar(db, "select count(*) from outbox") == 1, what: "the first answer held by the outage");
        await node.PostWebhookAsync(Events.Body(expired, oldest, younger));
        Line.EndOutage();

        await Line.WaitUntilAsync(l => l.Counts.Replies + l.Counts.Pushes == 4, TimeSpan.FromSeconds(30));
        var sends = Line.Sends.ToList();
        Assert.Equal([Events.ReplyToken(first), Events.ReplyToken(oldest), Events.ReplyToken(younger)], sends.Take(3).Select(s => s.ReplyToken));
        Assert.All(sends.Take(3), s => Assert.Equal("reply", s.Kind));
        Assert.Equal("push", sends[3].Kind);
        Assert.Equal(expired["source"]!["userId"]!.GetValue<string>(), sends[3].To);
    }

    [Fact]
    public async Task OneConversation_EventsAlternatingBetweenTwoNodes_AreAnsweredOnceEachInTheOrderReceived()
    {
        var (a, b, database) = TwoNodes();
        await using var nodeA = a;
        await using var nodeB = b;
        using var db = database;
        var user = Events.NewUserId();
        var events = Enumerable.Range(0, 12).Select(_ => Events.Text(user, "สวัสดีค่ะ")).ToList();

        // Each event is acknowledged before the next is sent (as LINE sends one user's events), by alternate nodes.
        for (var i = 0; i < events.Count; i++)
        {
            var response = await (i % 2 == 0 ? nodeA : nodeB).PostWebhookAsync(Events.Body(events[i]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Line.WaitUntilAsync(l => l.Counts.Replies >= events.Count, TimeSpan.FromSeconds(60));
        await nodeA.NothingLeftToSendAsync();
        await nodeB.NothingLeftToSendAsync();
        Assert.Equal(events.Select(Events.ReplyToken), Line.Sends.Where(s => s.Kind == "reply").Select(s => s.ReplyToken));
        Assert.Equal(events.Count, Line.Counts.Replies);
        Assert.Equal(0, Line.Counts.Pushes);
        Assert.Equal(events.Count, Scalar(db, "select count(*) from inbox where lane = @user and state = 1", ("user", user)));
        // Handled in the order received: the completion times follow the arrival order.
        Assert.Equal(0, Scalar(db,
            "select count(*) from inbox x join inbox y on x.lane = y.lane and x.seq < y.seq where x.lane = @user and x.handled_at > y.handled_at",
            ("user", user)));
    }

    [Theory]
    [InlineData("deadline-scan")]
    [InlineData("reports-nightly")]
    [InlineData("daily-digest")]
    public async Task RecurringJob_DueOnTwoNodes_RunsOnceForTheTick(string jobId)
    {
        var (a, b, database) = TwoNodes();
        await using var nodeA = a;
        await using var nodeB = b;
        using var db = database;
        await RecurringTicks.AwayFromScheduleBoundariesAsync();

        var forcedAt = RecurringTicks.ForceOverdue(db, [jobId]);

        await Wait.UntilAsync(() => RecurringTicks.RunsSince(db, jobId, forcedAt) >= 1, TimeSpan.FromSeconds(60), $"{jobId} created");
        // Both schedulers poll every 2 s: three rounds more in which the other node could have run it again.
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);

        Assert.Equal(1, RecurringTicks.RunsSince(db, jobId, forcedAt));
        await Wait.UntilAsync(() => RecurringTicks.RunsSince(db, jobId, forcedAt, "Succeeded") == 1, TimeSpan.FromSeconds(30), $"{jobId} succeeded");
        Assert.Equal(2, Scalar(db, "select count(*) from hangfire.server"));
    }
}

/// <summary>kill -9 of the node working a conversation: another node, still running, finishes its work within seconds.</summary>
[Collection(AloneCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Load)]
public sealed class NodeTakeoverTests
{
    [Fact]
    public async Task KillNine_OfTheNodeWorkingAConversation_AnotherNodeSendsItsAnswerAndHandlesTheRestInOrderWithinSeconds()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var line = await LineStandIn.StartAsync(cancel);
        var settings = new PostgreSqlProvider().Settings(TempDirectory.Create());
        var connection = settings["ConnectionStrings:ItaBot"]!;
        try
        {
            using var db = NpgsqlDataSource.Create(connection);
            var user = Events.NewUserId();
            await using var doomed = await ServiceProcess.StartAsync(line.BaseAddress, TempDirectory.Create(), new Dictionary<string, string?>
            {
                ["ItaBot__Storage__Provider"] = "PostgreSql",
                ["ConnectionStrings__ItaBot"] = connection,
            });
            using var http = new HttpClient { BaseAddress = doomed.Address };

            // LINE hangs: the doomed node has handled the first event and is sending its answer, under the lane's lease,
            // when it dies; the second event waits behind it.
            line.BeginOutage();
            // Each event made as it is posted: its reply token's 50 s run from then, not from before a busy machine started the node.
            var first = Events.Text(user, "สวัสดีค่ะ");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(ServiceProcess.SignedPost(Events.Body(first)), cancel)).StatusCode);
            await Wait.UntilAsync(() => Count(db, "select count(*) from outbox where event_id = @id and state = 0", Events.EventId(first)) == 1,
                TimeSpan.FromSeconds(30), "the first answer committed and being sent");
            var thisProcess = $"{Environment.MachineName}/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/";
            Assert.Equal(1, Count(db, "select count(*) from lane_leases where lane = @id and expires_at > clock_timestamp() and node not like @me || '%'", user, thisProcess));
            var second = Events.Text(user, "สวัสดีค่ะ");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(ServiceProcess.SignedPost(Events.Body(second)), cancel)).StatusCode);

            await using var survivor = new ServiceHost(line, settings: settings);
            _ = survivor.Services;
            doomed.Kill();
            var sinceKill = Stopwatch.StartNew();
            line.EndOutage();

            await line.WaitUntilAsync(l => l.Counts.Replies >= 2, TimeSpan.FromSeconds(30));
            var takeover = sinceKill.Elapsed;
            await survivor.NothingLeftToSendAsync();

            Assert.Equal([Events.ReplyToken(first), Events.ReplyToken(second)], line.Sends.Where(s => s.Kind == "reply").Select(s => s.ReplyToken));
            Assert.Equal(0, line.Counts.Pushes);
            Assert.Equal(2, Count(db, "select count(*) from inbox where lane = @id and state = 1", user));
            Assert.True(takeover < TimeSpan.FromSeconds(15), $"took over after {takeover.TotalSeconds:F1} s");
            TestContext.Current.SendDiagnosticMessage($"takeover after kill -9: {takeover.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s (lease 5 s, sweep 1 s)");
        }
        finally
        {
            TestDatabases.Drop(connection);
        }
    }

    private static long Count(NpgsqlDataSource database, string sql, string id, string? me = null)
    {
        using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        if (me is not null)
        {
            command.Parameters.AddWithValue("me", me);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
