using System.Net;
using System.Text.Json;
using ItaBot.Conversations;
using ItaBot.Line.Messages;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Conversations;

/// <summary>From an acknowledged event to exactly one answer at LINE, whatever LINE does in between.</summary>
public sealed class PipelineTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Text_AnyMessage_RepliesWithTheMainMenuOfSixQuickReplies()
    {
        await using var host = new ServiceHost(_line);
        var e = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");

        await host.PostWebhookAsync(Events.Body(e));

        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));
        var send = Assert.Single(_line.Sends);
        Assert.Equal(Events.ReplyToken(e), send.ReplyToken);
        Assert.Null(send.RetryKey);
        using var messages = JsonDocument.Parse(send.MessagesJson);
        var items = messages.RootElement[0].GetProperty("quickReply").GetProperty("items");
        Assert.Equal(["ถามตอบ", "บริการ/คู่มือประชาชน", "ร้องเรียนทั่วไป", "แจ้งเบาะแสการทุจริต", "ข่าวสาร", "ติดต่อเทศบาล"],
            items.EnumerateArray().Select(i => i.GetProperty("action").GetProperty("label").GetString()!).ToArray());
    }

    [Fact]
    public async Task MenuWord_MidQuestionFlow_ShowsTheMainMenuInsteadOfAnsweringIt()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        await chat.TapAsync("menu=qa");

        var messages = await chat.SayAsync("เมนู");

        Assert.Equal("เลือกเรื่องที่ต้องการได้เลยค่ะ 👇", LineChat.Texts(messages)[^1]);
        Assert.Equal(6, LineChat.QuickReplyLabels(messages).Count);
    }

    [Fact]
    public async Task Follow_NewFriend_RepliesThaiWelcomeThenMenu()
    {
        await using var host = new ServiceHost(_line);

        var chat = new LineChat(host, _line);

        var welcome = await chat.SendAsync(Events.Follow(chat.User));

        Assert.StartsWith("สวัสดีค่ะ", LineChat.Texts(welcome)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyMessagesFromOneUser_AreAnsweredInOrder_WhileUsersRunInParallel()
    {
        await using var host = new ServiceHost(_line);
        var users = Enumerable.Range(0, 8).Select(_ => Events.NewUserId()).ToArray();
        var sent = users.ToDictionary(u => u, _ => new List<string>());
        for (var i = 0; i < 10; i++)
        {
            var batch = users.Select(u => Events.Text(u, $"ข้อความที่ {i}")).ToArray();
            foreach (var e in batch)
            {
                sent[e["source"]!["userId"]!.GetValue<string>()].Add(Events.ReplyToken(e));
            }

            Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(batch))).StatusCode);
        }

        await _line.WaitUntilAsync(l => l.Counts.Replies == 80, TimeSpan.FromSeconds(20));
        var order = _line.Sends.Select(s => s.ReplyToken!).ToList();
        foreach (var tokens in sent.Values)
        {
            var positions = tokens.Select(t => order.IndexOf(t)).ToList();
            Assert.Equal(positions.Order(), positions);
        }
    }

    [Fact]
    public async Task ReplyTokenRefused_FallsBackToOnePushWithRetryKey()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();
        var e = Events.Text(user, "ไฟถนนดับค่ะ");
        _line.RefuseReplyToken(Events.ReplyToken(e));

        await host.PostWebhookAsync(Events.Body(e));

        await _line.WaitUntilAsync(l => l.Counts.Pushes == 1, TimeSpan.FromSeconds(10));
        var push = Assert.Single(_line.Sends);
        Assert.Equal("push", push.Kind);
        Assert.Equal(user, push.To);
        Assert.True(Guid.TryParse(push.RetryKey, out _));
        Assert.Equal(0, _line.Counts.Replies);
    }

    [Fact]
    public async Task ExpiredReplyToken_IsNotTried_AndTheAnswerIsPushed()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();
        var old = TimeProvider.System.GetUtcNow().AddMinutes(-5).ToUnixTimeMilliseconds();

        await host.PostWebhookAsync(Events.Body(Events.Text(user, "สวัสดี", timestamp: old)));

        await _line.WaitUntilAsync(l => l.Counts.Pushes == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(0, _line.Counts.RejectedReplies);
        Assert.Equal(user, Assert.Single(_line.Sends).To);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task LineFailsForAWhile_AnswerIsRetriedAndDeliveredOnce(int status)
    {
        await using var host = new ServiceHost(_line);
        _line.FailNext(6, status, status == 429 ? TimeSpan.FromMilliseconds(100) : null);
        var e = Events.Text(Events.NewUserId(), "สวัสดี");

        await host.PostWebhookAsync(Events.Body(e));

        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(20));
        await host.NothingLeftToSendAsync();
        Assert.Equal(6, _line.Counts.InjectedFailures);
        Assert.Equal(Events.ReplyToken(e), Assert.Single(_line.Sends).ReplyToken);
        var outbox = host.Services.GetRequiredService<IOutboxStore>();
        Assert.Equal(0, outbox.Count(OutboxState.Pending));
    }

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Load)]
    public async Task WebhookFlood_AnswersWaitUntilItEbbs_ThenEveryEventIsAnsweredOnce()
    {
        // A flood threshold the test's own pace exceeds: 400 requests sent one after another (hundreds a second).
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Processing:FloodRequestsPerSecond"] = "20",
            ["ItaBot:Processing:YieldToWebhooks"] = "00:00:30",
        });
        var tokens = new List<string>();
        var first = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");
        tokens.Add(Events.ReplyToken(first));
        await host.PostWebhookAsync(Events.Body(first));
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(20));   // a warm service, answering

        for (var i = 0; i < 400; i++)
        {
            var e = Events.Text(Events.NewUserId(), "สวัสดีค่ะ " + i);
            tokens.Add(Events.ReplyToken(e));
            Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(e))).StatusCode);
        }

        // While it lasted, the lanes stepped aside: at most what they took before the first rate was measured went out
        // (with YieldToWebhooks 0 this is well over a hundred).
        var answeredDuringFlood = _line.Counts.Replies - 1;
        Assert.True(answeredDuringFlood < 40, $"{answeredDuringFlood} of 400 answered during the flood");

        // Once arrivals stop the lanes go on by themselves (well before their 30 s limit) and answer everything once.
        await _line.WaitUntilAsync(l => l.Counts.Replies == 401, TimeSpan.FromSeconds(25));
        await host.NothingLeftToSendAsync();
        Assert.Equal(tokens.Order(), _line.Sends.Select(s => s.ReplyToken!).Order());
        Assert.Equal(0, _line.Counts.Pushes + _line.Counts.RejectedReplies);
    }

    [Fact]
    public async Task Flood_ByDefault_IsAcknowledgedWhileEveryTurnIsBusy_AndAnsweredAtOnceByReplyWhileTokensAreYoung()
    {
        // The service's clock is frozen but for the flood itself: 200 signed requests 0.5 ms apart (2,000 a second by that
        // clock, a flood by FloodRequestsPerSecond), posted while every turn the service may compute at once is held.
        var clock = FakeClock.StartingNow();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = 0;
        await using var host = new ServiceHost(_line, services: s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            var handler = s.Last(d => d.ServiceType == typeof(ITurnHandler));
            s.Replace(ServiceDescriptor.Singleton<ITurnHandler>(sp => new HeldTurns((ITurnHandler)handler.ImplementationFactory!(sp), release.Task, () => Interlocked.Increment(ref entered))));
        });
        var users = Enumerable.Range(0, 50).Select(_ => Events.NewUserId()).ToArray();
        var tokens = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var e = Events.Text(users[i % users.Length], "สวัสดีค่ะ " + i, timestamp: clock.GetUtcNow().ToUnixTimeMilliseconds());
            tokens.Add(Events.ReplyToken(e));
            // Acknowledged whatever answering is doing: no request waits for a turn.
            Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(e))).StatusCode);
            clock.Advance(TimeSpan.FromMilliseconds(0.5));
        }

        Assert.True(Volatile.Read(ref entered) >= 1, "no turn had started while the flood was acknowledged");
        Assert.Equal(200, host.Services.GetRequiredService<IInboxStore>().Count(InboxState.Pending));
        Assert.Equal(0, _line.Counts.Replies + _line.Counts.Pushes);

        // The clock stays put: by the default rule answering does not step aside for the flood it has just measured (a
        // lane that waited would wait on this clock for ever), and no token ages, so every answer is a free reply.
        release.SetResult();
        await _line.WaitUntilAsync(l => l.Counts.Replies + l.Counts.Pushes >= 200, TimeSpan.FromSeconds(30));
        await host.NothingLeftToSendAsync();
        Assert.Equal(0, _line.Counts.Pushes + _line.Counts.RejectedReplies);
        Assert.Equal(tokens.Order(), _line.Sends.Select(s => s.ReplyToken!).Order());
    }

    /// <summary>Every turn waits for <paramref name="release"/> inside the service's turn gate.</summary>
    private sealed class HeldTurns(ITurnHandler inner, Task release, System.Action entered) : ITurnHandler
    {
        public async ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken)
        {
            entered();
            await release.WaitAsync(cancellationToken);
            return await inner.HandleAsync(turn, cancellationToken);
        }
    }

    [Fact]
    public async Task LineDoesNotAnswer_ThenRecovers_EveryAnswerArrivesOnce()
    {
        // A short reply window makes the outage outlast the tokens, so recovery must push. The service's clock is moved
        // (the reply window, the LINE client's timeouts and every backoff run on it), not waited out.
        var clock = FakeClock.StartingNow();
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            settings: FakeClock.WithLongLineTimeouts(new() { ["ItaBot:Processing:ReplyWindowSeconds"] = "2" }));
        _line.BeginOutage();
        var users = Enumerable.Range(0, 5).Select(_ => Events.NewUserId()).ToArray();

        foreach (var user in users)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(Events.Text(user, "สวัสดี")))).StatusCode);
        }

        await Wait.UntilAsync(() => _line.OutageCalls.Any(c => c.Kind == "reply"), what: "a reply hangs at LINE");
        // LINE stays silent past the reply window: the hung replies time out and every answer being sent goes on to a push
        // that hangs too (once pushing, an answer never replies again, so no reply is left that LINE could still take).
        // The other events wait in their lanes behind those and will find their tokens too old.
        var outbox = host.Services.GetRequiredService<IOutboxStore>();
        await clock.AdvanceUntilAsync(() => outbox.Pending() is { Count: > 0 } sending && sending.All(a => PushedIntoTheOutage(a.RetryKey)),
            TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5), "every answer being sent pushed into the outage");
        Assert.Empty(_line.Sends);

        await clock.EndOutageAsync(_line, () => _line.Counts.Replies + _line.Counts.Pushes == users.Length, "every answer delivered");
        await host.NothingLeftToSendAsync();
        Assert.Equal(users.Length, _line.Sends.Count);
        Assert.Equal(users.Order(), _line.Sends.Select(s => s.To ?? "").Where(t => t.Length > 0).Order());
        Assert.Equal(0, _line.Counts.DuplicatePushes + _line.Counts.Replies);
    }

    private bool PushedIntoTheOutage(Guid retryKey) =>
        _line.OutageCalls.Any(c => c.Kind == "push" && string.Equals(c.RetryKey, retryKey.ToString("D"), StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task ReplyTimesOutButLineUsedTheToken_CountsAsDelivered_NotPushedAgain()
    {
        // The LINE client's timeouts run on the service's clock: moved to the reply's timeout, not waited out.
        var clock = FakeClock.StartingNow();
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            settings: FakeClock.WithLongLineTimeouts([]));
        var e = Events.Text(Events.NewUserId(), "สวัสดี");
        _line.BeginOutage();

        await host.PostWebhookAsync(Events.Body(e));
        await Wait.UntilAsync(() => _line.OutageCalls.Any(c => c.Kind == "reply"), what: "the reply hangs at LINE");
        await clock.AdvanceUntilAsync(() => host.Logs.Any(l => l.Contains("no answer from LINE to a reply", StringComparison.Ordinal)),
            TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(2), "a reply timed out");
        _line.RefuseReplyToken(Events.ReplyToken(e)); // LINE had acted on the reply whose answer was lost

        var outbox = host.Services.GetRequiredService<IOutboxStore>();
        await clock.EndOutageAsync(_line, () => outbox.Count(OutboxState.Sent) == 1, "answer settled");
        Assert.Equal(0, _line.Counts.Pushes);
        Assert.Equal(1, _line.Counts.RejectedReplies);
    }

    [Fact]
    public async Task LineRefusesConnections_ReplyIsRetriedWhenItIsBack()
    {
        // Nothing listens at the configured address at first: a connection failure is certain not to have been acted on.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var dead = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/");
        listener.Stop();
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?> { ["ItaBot:Line:ApiBaseUrl"] = dead.ToString() });
        var e = Events.Text(Events.NewUserId(), "สวัสดี");

        await host.PostWebhookAsync(Events.Body(e));
        await Wait.UntilAsync(() => host.Logs.Any(l => l.Contains("not delivered", StringComparison.Ordinal)), what: "a failed attempt");
        var monitor = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<ItaBot.Line.Client.LineClientOptions>>();
        monitor.CurrentValue.ApiBaseUrl = _line.BaseAddress;

        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(Events.ReplyToken(e), Assert.Single(_line.Sends).ReplyToken);
    }

    [Fact]
    public async Task HandlerThrowsEveryTime_EventIsParkedWithItsError_AndOthersGoOn()
    {
        var handler = new ThrowingHandler("พัง");
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<ITurnHandler>(handler)));
        var poison = Events.Text(Events.NewUserId(), "พัง");
        var fine = Events.Text(Events.NewUserId(), "สวัสดี");

        await host.PostWebhookAsync(Events.Body(poison, fine));

        var inbox = host.Services.GetRequiredService<IInboxStore>();
        await Wait.UntilAsync(() => inbox.Find(Events.EventId(poison))?.State == InboxState.Parked, what: "poison parked");
        var parked = inbox.Find(Events.EventId(poison))!;
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("InvalidOperationException", parked.Error, StringComparison.Ordinal);
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));
        Assert.Equal(Events.ReplyToken(fine), Assert.Single(_line.Sends).ReplyToken);
    }

    [Fact]
    public async Task RestartWithUnsentAnswersAndUnhandledEvents_ResumesAndDeliversEachOnce()
    {
        // Twelve conversations on four lanes: while LINE hangs, each lane holds one unsent answer and the rest of its
        // events wait unhandled in the inbox. The restart must finish both kinds.
        var directory = TempDirectory.Create();
        var events = Enumerable.Range(0, 12).Select(_ => Events.Text(Events.NewUserId(), "สวัสดี")).ToArray();
        await using (var first = new ServiceHost(_line, directory))
        {
            _line.BeginOutage();
            await first.PostWebhookAsync(Events.Body(events));
            var outbox = first.Services.GetRequiredService<IOutboxStore>();
            var inbox = first.Services.GetRequiredService<IInboxStore>();
            await Wait.UntilAsync(() => outbox.Count(OutboxState.Pending) >= 1 && inbox.Count(InboxState.Pending) >= 1
                && outbox.Count(OutboxState.Pending) + inbox.Count(InboxState.Pending) == events.Length, what: "answers queued and events waiting");
        }

        Assert.Empty(_line.Sends);
        _line.EndOutage();
        await using var second = new ServiceHost(_line, directory);
        _ = second.Services; // starts the host, which resumes

        await _line.WaitUntilAsync(l => l.Counts.Replies == events.Length, TimeSpan.FromSeconds(15));
        await second.NothingLeftToSendAsync();
        Assert.Equal(events.Select(Events.ReplyToken).Order(), _line.Sends.Select(s => s.ReplyToken!).Order());
    }

    [Fact]
    public async Task Backlog_TokensExpiringFirstAreRepliedFirst_AndOnlyTheExpiredOneIsPushed_AfterTheYoungOnes()
    {
        // One lane; while LINE hangs, its first answer waits unsent and the rest wait in the inbox. The restart finds them
        // all at once: a backlog in which arrival order (expired first) is not deadline order.
        var directory = TempDirectory.Create();
        var settings = new Dictionary<string, string?> { ["ItaBot:Processing:Lanes"] = "1" };
        var now = TimeProvider.System.GetUtcNow();
        var first = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.ToUnixTimeMilliseconds());
        var expired = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.AddMinutes(-5).ToUnixTimeMilliseconds());
        var oldest = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.AddSeconds(-30).ToUnixTimeMilliseconds());
        var younger = Events.Text(Events.NewUserId(), "สวัสดี", timestamp: now.AddSeconds(-10).ToUnixTimeMilliseconds());
        await using (var host = new ServiceHost(_line, directory, settings: settings))
        {
            _line.BeginOutage();
            await host.PostWebhookAsync(Events.Body(first));
            var outbox = host.Services.GetRequiredService<IOutboxStore>();
            await Wait.UntilAsync(() => outbox.Count(OutboxState.Pending) == 1, what: "the first answer held by the outage");
            await host.PostWebhookAsync(Events.Body(expired, oldest, younger));
        }

        _line.EndOutage();
        await using var second = new ServiceHost(_line, directory, settings: settings);
        _ = second.Services;

        await _line.WaitUntilAsync(l => l.Counts.Replies + l.Counts.Pushes == 4, TimeSpan.FromSeconds(15));
        var sends = _line.Sends.ToList();
        Assert.Equal([Events.ReplyToken(oldest), Events.ReplyToken(younger), Events.ReplyToken(first)], sends.Take(3).Select(s => s.ReplyToken));
        Assert.All(sends.Take(3), s => Assert.Equal("reply", s.Kind));
        Assert.Equal("push", sends[3].Kind);
        Assert.Equal(expired["source"]!["userId"]!.GetValue<string>(), sends[3].To);
    }

    [Fact]
    public async Task ResumedAnswerWhoseTokenWasAlreadyUsed_IsNotSentTwice()
    {
        // The crash window: LINE accepted the reply, the process died before recording it.
        var directory = TempDirectory.Create();
        var e = Events.Text(Events.NewUserId(), "สวัสดี");
        await using (var first = new ServiceHost(_line, directory))
        {
            _line.BeginOutage();
            await first.PostWebhookAsync(Events.Body(e));
            var outbox = first.Services.GetRequiredService<IOutboxStore>();
            await Wait.UntilAsync(() => outbox.Count(OutboxState.Pending) == 1);
        }

        _line.EndOutage();
        _line.RefuseReplyToken(Events.ReplyToken(e)); // as if used by the lost attempt
        await using var second = new ServiceHost(_line, directory);
        var store = second.Services.GetRequiredService<IOutboxStore>();

        await Wait.UntilAsync(() => store.Count(OutboxState.Sent) == 1, what: "outbox entry settled");
        Assert.Empty(_line.Sends);
        Assert.Equal(0, _line.Counts.Pushes);
    }

    [Fact]
    public async Task Logs_OfANormalConversation_HoldNoUserIdTextOrToken()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();
        var e = Events.Text(user, "บ้านเลขที่ 99/1 น้ำท่วมขังค่ะ");
        _line.FailNext(1, 500);

        await host.PostWebhookAsync(Events.Body(e));
        await host.PostWebhookAsync(Events.Body(e), "bad");
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));

        Assert.NotEmpty(host.Logs);
        Assert.DoesNotContain(host.Logs, l => l.Contains(user, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains("น้ำท่วม", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains(Events.ReplyToken(e), StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains("test-token", StringComparison.Ordinal) || l.Contains(ServiceHost.Secret, StringComparison.Ordinal));
    }

    private sealed class ThrowingHandler(string poisonText) : ITurnHandler
    {
        public ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken) =>
            turn.Json.Contains(poisonText, StringComparison.Ordinal)
                ? throw new InvalidOperationException("handler bug")
                : ValueTask.FromResult(new TurnOutcome([new TextMessage("ok")]));
    }
}
