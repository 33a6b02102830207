using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ItaBot.Cases;
using ItaBot.Line.Testing;
using ItaBot.Notifications;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static ItaBot.Tests.Notifications.CaseFixtures;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Notifications;

/// <summary>The whole service: case changes written through the store writer with the observer, pushed to the LINE stand-in over HTTP.</summary>
public sealed class NotificationDeliveryTests
{
    private static readonly DateTime Start = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);

    internal static Dictionary<string, string?> FastRetries(int maxRefused = 3) => new(StringComparer.Ordinal)
    {
        ["ItaBot:Notifications:RetryBaseDelay"] = "00:00:00.200",
        ["ItaBot:Notifications:RetryMaxDelay"] = "00:00:00.800",
        ["ItaBot:Notifications:SchedulePollingInterval"] = "00:00:00.200",
        ["ItaBot:Notifications:MaxRefusedAttempts"] = maxRefused.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task NewCase_PushesOnceToEachLinkedOfficerOfTheDepartmentOnly()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: FastRetries());
        var (store, observers) = Services(host);
        var officer = StaffMember("s1", "roads");
        var head = StaffMember("s2", "roads", head: true);
        var unlinked = StaffMember("s3", "roads", linked: false);
        var disabled = StaffMember("s4", "roads", disabled: true);
        var elsewhere = StaffMember("s5", "parks");
        await AddStaffAsync(store, officer, head, unlinked, disabled, elsewhere);

        var c = Case("case-00001", "roads", Start, citizen: LineId());
        await ChangeAsync(store, observers, null, c, c.Timeline[0]);

        await line.WaitUntilAsync(l => l.Counts.Pushes >= 2, TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(() => AllNotifications(store).All(n => n.State == NotificationState.Sent), what: "both marked sent");
        // The new case's pushes, by their retry keys: the deadline scan runs every five minutes of the wall clock and this
        // case's deadlines (2026-11-27) are long missed, so a scan that falls inside the test adds reminders of its own.
        var newCaseKeys = AllNotifications(store).Where(n => n.Kind == "case-new").Select(n => n.RetryKey.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var pushes = line.Sends.Where(s => s.Kind == "push" && s.RetryKey is { } key && newCaseKeys.Contains(key)).ToList();
        Assert.Equal(new[] { head.LineUserId!, officer.LineUserId! }.Order(StringComparer.Ordinal), pushes.Select(p => p.To!).Order(StringComparer.Ordinal));
        var sent = FindNotification(store, "case-new:case-00001:1:staff:s1")!;
        var push = pushes.Single(p => p.To == officer.LineUserId);
        Assert.Equal(sent.RetryKey.ToString(), push.RetryKey, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("ร69-00001", push.MessagesJson, StringComparison.Ordinal);
        Assert.Equal(200, sent.LastStatus);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(0, line.Counts.DuplicatePushes);
        Assert.DoesNotContain(host.Logs, l => l.Contains(officer.LineUserId!, StringComparison.Ordinal) || l.Contains(c.CitizenLineUserId!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CaseWriteRolledBack_NoNotificationIsStoredOrSent()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: FastRetries());
        var (store, observers) = Services(host);
        var officer = StaffMember("s1", "roads");
        await AddStaffAsync(store, officer);

        var failed = Case("case-00001", "roads", Start);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ChangeAsync(store, observers, null, failed, failed.Timeline[0], failAfterObservers: true));
        Assert.Null(RawCase(store, "case-00001"));
        Assert.Empty(AllNotifications(store));

        // A later change that commits is delivered; the rolled-back one never is.
        var kept = Case("case-00002", "roads", Start);
        await ChangeAsync(store, observers, null, kept, kept.Timeline[0]);
        await line.WaitUntilAsync(l => l.Counts.Pushes >= 1, TimeSpan.FromSeconds(10));
        await host.Services.GetRequiredService<NotificationSweep>().RunAsync();
        await Wait.UntilAsync(() => FindNotification(store, "case-new:case-00002:1:staff:s1")?.State == NotificationState.Sent, what: "kept one sent");
        Assert.Equal(["case-new:case-00002:1:staff:s1"], AllNotifications(store).Select(n => n.Id));
        Assert.Single(line.Sends);
        Assert.Contains("ร69-00002", line.Sends[0].MessagesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaseCompleted_CitizenGetsStatusNoticeWithRatingQuickReplies()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: FastRetries());
        var (store, observers) = Services(host);
        var citizen = LineId();
        var c = Case("case-00007", "roads", Start, citizen) with { Status = CaseStatus.InProgress, Version = 4 };
        var change = Event(CaseEventKind.StatusChanged, Start.AddDays(2), CaseStatus.InProgress, CaseStatus.Completed, "เปลี่ยนหลอดไฟแล้ว");
        var done = Next(c, change, n => n with { Status = CaseStatus.Completed, ClosedAt = Start.AddDays(2) });

        await ChangeAsync(store, observers, c, done, change);

        await line.WaitUntilAsync(l => l.Counts.Pushes >= 1, TimeSpan.FromSeconds(10));
        var push = Assert.Single(line.Sends);
        Assert.Equal(citizen, push.To);
        using var messages = JsonDocument.Parse(push.MessagesJson);
        Assert.Equal(2, messages.RootElement.GetArrayLength());
        var notice = messages.RootElement[0].GetProperty("text").GetString()!;
        Assert.Contains("ร69-00007", notice, StringComparison.Ordinal);
        Assert.Contains("เสร็จสิ้น", notice, StringComparison.Ordinal);
        Assert.Contains("คะแนน", messages.RootElement[1].GetProperty("text").GetString()!, StringComparison.Ordinal);
        var items = messages.RootElement[1].GetProperty("quickReply").GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("action").GetProperty("data").GetString()).ToList();
        Assert.Equal(["rate=case-00007&score=5", "rate=case-00007&score=4", "rate=case-00007&score=3", "rate=case-00007&score=2", "rate=case-00007&score=1"], items);
    }

    [Theory]
    [InlineData("InProgress")]
    [InlineData("Completed")]
    [InlineData("Referred")]
    public async Task StatusChangeWithCitizenNote_NoteReachesTheCitizenInThePushAndInMyCases(string status)
    {
        var to = Enum.Parse<CaseStatus>(status);
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: FastRetries());
        var (store, observers) = Services(host);
        var citizen = LineId();
        var c = Case("case-00009", "roads", Start, citizen) with { Status = CaseStatus.Assigned, Version = 2 };
        const string note = "ทีมช่างสั่งอะไหล่แล้ว คาดว่าจะซ่อมเสร็จวันศุกร์นี้ค่ะ";
        var change = Event(CaseEventKind.StatusChanged, Start.AddDays(1), CaseStatus.Assigned, to, note);
        var after = Next(c, change, n => n with { Status = to, ClosedAt = to.IsClosed() ? Start.AddDays(1) : null });

        await ChangeAsync(store, observers, c, after, change);

        await line.WaitUntilAsync(l => l.Counts.Pushes >= 1, TimeSpan.FromSeconds(10));
        var push = Assert.Single(line.Sends, s => s.To == citizen);
        using var messages = JsonDocument.Parse(push.MessagesJson);
        Assert.Contains(note, messages.RootElement[0].GetProperty("text").GetString()!, StringComparison.Ordinal);
        Assert.Contains(ItaBot.Complaints.CaseCards.History(after), h => h.Text.Contains(note, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssignmentNote_IsInternalAndNeverReachesTheCitizen()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: FastRetries());
        var (store, observers) = Services(host);
        var citizen = LineId();
        var c = Case("case-00010", "roads", Start, citizen);
        var assign = Event(CaseEventKind.Assigned, Start.AddHours(1), CaseStatus.Received, CaseStatus.Assigned, "มอบหมายให้ สมชาย\nเรื่องนี้ด่วน ผู้ร้องโทรมาหลายครั้ง");
        var assigned = Next(c, assign, n => n with { Status = CaseStatus.Assigned, AssigneeId = "s1", AcknowledgedAt = Start.AddHours(1) });

        await ChangeAsync(store, observers, c, assigned, assign);

        await line.WaitUntilAsync(l => l.Counts.Pushes >= 1, TimeSpan.FromSeconds(10));
        var push = Assert.Single(line.Sends, s => s.To == citizen);
        Assert.DoesNotContain("ด่วน", push.MessagesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(ItaBot.Complaints.CaseCards.History(assigned), h => h.Text.Contains("ด่วน", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffAnswerAndStatusChange_GoToTheCitizenAndTheStaffGroupGetsStaffCopies()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        var settings = FastRetries();
        settings["ItaBot:Notifications:StaffGroupId"] = "C" + new string('a', 32);
        await using var host = new ServiceHost(line, settings: settings);
        var (store, observers) = Services(host);
        var assignee = StaffMember("s1", "roads");
        await AddStaffAsync(store, assignee);
        var citizen = LineId();
        var c = Case("case-00008", "roads", Start, citizen);

        var assign = Event(CaseEventKind.Assigned, Start.AddHours(1), CaseStatus.Received, CaseStatus.Assigned);
        var assigned = Next(c, assign, n => n with { Status = CaseStatus.Assigned, AssigneeId = "s1", AcknowledgedAt = Start.AddHours(1) });
        await ChangeAsync(store, observers, c, assigned, assign);
        var answer = Event(CaseEventKind.AnswerToCitizen, Start.AddHours(2), note: "ทีมช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ");
        var answered = Next(assigned, answer);
        await ChangeAsync(store, observers, assigned, answered, answer);

        // assignment -> assignee + group; status Received -> Assigned -> citizen; answer -> citizen
        await line.WaitUntilAsync(l => l.Counts.Pushes >= 4, TimeSpan.FromSeconds(10));
        var sends = line.Sends;
        Assert.Single(sends, s => s.To == assignee.LineUserId && s.MessagesJson.Contains("มอบหมาย", StringComparison.Ordinal));
        Assert.Single(sends, s => s.To == settings["ItaBot:Notifications:StaffGroupId"]);
        Assert.Single(sends, s => s.To == citizen && s.MessagesJson.Contains("มอบหมายแล้ว", StringComparison.Ordinal));
        Assert.Single(sends, s => s.To == citizen && s.MessagesJson.Contains("ทีมช่างจะเข้าไปซ่อมพรุ่งนี้ค่ะ", StringComparison.Ordinal));
        Assert.Equal(4, sends.Count);
    }

    [Fact]
    public async Task PushAnswered409ForItsRetryKey_CountsAsSentWithoutASecondMessage()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: FastRetries());
        var (store, observers) = Services(host);
        var officer = StaffMember("s1", "roads");
        await AddStaffAsync(store, officer);
        // LINE already accepted this notification's push (e.g. the answer was lost before a crash).
        var id = "case-new:case-00003:1:staff:s1";
        await PushDirectlyAsync(line, officer.LineUserId!, RetryKeys.For(id));

        var c = Case("case-00003", "roads", Start);
        await ChangeAsync(store, observers, null, c, c.Timeline[0]);

        await Wait.UntilAsync(() => FindNotification(store, id)?.State == NotificationState.Sent, what: "marked sent");
        Assert.Equal(409, FindNotification(store, id)!.LastStatus);
        Assert.Equal(1, line.Counts.Pushes);
        Assert.Equal(1, line.Counts.DuplicatePushes);
    }

    [Fact]
    public async Task LineOutageThenRecovery_DeliversEachNotificationExactlyOnce()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        // The LINE client's timeouts run on the service's clock: moved through the outage, not waited out.
        var clock = FakeClock.StartingNow();
        await using var host = new ServiceHost(line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), settings: FakeClock.WithLongLineTimeouts(FastRetries()));
        var (store, observers) = Services(host);
        var officers = Enumerable.Range(1, 5).Select(i => StaffMember($"s{i}", "roads")).ToArray();
        await AddStaffAsync(store, officers);

        line.BeginOutage();
        var c = Case("case-00004", "roads", Start);
        await ChangeAsync(store, observers, null, c, c.Timeline[0]);
        // Failed at least once with no answer; a notification may already be on its next try (Sending) when another has
        // just failed, so "all Failed at one instant" is not the condition.
        await clock.AdvanceUntilAsync(() => AllNotifications(store) is { Count: 5 } all && all.All(n => n.Attempts >= 1 && n.LastStatus == 0 && n.State != NotificationState.Sent),
            // The limit also bounds real time (20 ms a step): 30 minutes of the clock is 72 s of a busy machine, where 5 minutes
            // (12 s) once ran out in a whole-suite run before every first attempt had timed out. Attempts that time out are
            // retried without end, so a longer outage changes nothing the test asserts.
            TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(30), "every push failed once with no answer");

        try
        {
            await clock.EndOutageAsync(line, () => AllNotifications(store).All(n => n.State == NotificationState.Sent), "all sent after the outage");
        }
        catch (TimeoutException timeout)
        {
            // Say where each one stopped (state, attempts, last status), so a failure on a busy machine can be told from a lost send.
            throw new TimeoutException(timeout.Message + " Notifications: " + string.Join(", ", AllNotifications(store).Select(n => $"{n.State}/{n.Attempts}/{n.LastStatus}")), timeout);
        }

        var pushes = line.Sends.Where(s => s.Kind == "push").GroupBy(s => s.To!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.All(officers, o => Assert.Equal(1, pushes.GetValueOrDefault(o.LineUserId!)));
        Assert.Equal(5, line.Counts.Pushes);
    }

    [Fact]
    public async Task BlockedBot403_IsRecordedRetriedAndParkedAfterMaxAttempts()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: FastRetries(maxRefused: 3));
        var (store, observers) = Services(host);
        var citizen = LineId();
        line.FailNext(100, 403);
        var c = Case("case-00005", "roads", Start, citizen);
        var change = Event(CaseEventKind.StatusChanged, Start.AddHours(3), CaseStatus.Received, CaseStatus.InProgress);
        await ChangeAsync(store, observers, c, Next(c, change, n => n with { Status = CaseStatus.InProgress }), change);

        var id = "citizen-status:case-00005:2:citizen";
        await Wait.UntilAsync(() => FindNotification(store, id)?.State == NotificationState.Parked, TimeSpan.FromSeconds(20), "parked");
        var parked = FindNotification(store, id)!;
        Assert.Equal(3, parked.Attempts);
        Assert.Equal(403, parked.LastStatus);
        Assert.Contains("403", parked.LastError, StringComparison.Ordinal);
        Assert.Equal(3, line.Counts.InjectedFailures);
        Assert.Equal(0, line.Counts.Pushes);
        // The log line follows the committed state change: wait for it rather than race it.
        await Wait.UntilAsync(() => host.Logs.Any(l => l.Contains("parked", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "parked logged");
        Assert.DoesNotContain(host.Logs, l => l.Contains(citizen, StringComparison.Ordinal));

        // A parked notification stays parked: the sweep does not pick it up again.
        Assert.Equal(0, await host.Services.GetRequiredService<NotificationSweep>().RunAsync());
    }

    [Fact]
    public async Task Restart_OnTheSameDataDirectory_SendsPendingOnesOnceAndSentOnesNever()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        var directory = TempDirectory.Create();
        var sentBefore = StaffMember("s1", "roads");
        var waiting = StaffMember("s2", "parks");
        var notKicked = StaffMember("s3", "lights");

        var clock = FakeClock.StartingNow();
        await using (var first = new ServiceHost(line, directory, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), settings: FakeClock.WithLongLineTimeouts(FastRetries())))
        {
            var (store, observers) = Services(first);
            await AddStaffAsync(store, sentBefore, waiting, notKicked);
            var a = Case("case-00011", "roads", Start);
            await ChangeAsync(store, observers, null, a, a.Timeline[0]);
            await Wait.UntilAsync(() => FindNotification(store, "case-new:case-00011:1:staff:s1")?.State == NotificationState.Sent, what: "first sent");

            // LINE goes silent: this one is committed but cannot be delivered before the process stops.
            line.BeginOutage();
            var b = Case("case-00012", "parks", Start);
            await ChangeAsync(store, observers, null, b, b.Timeline[0]);
            await clock.AdvanceUntilAsync(() => FindNotification(store, "case-new:case-00012:1:staff:s2")?.State == NotificationState.Failed,
                TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5), "second failed");

            // A crash between commit and enqueue: committed, never handed to Hangfire.
            var c = Case("case-00013", "lights", Start);
            await store.Writer.WriteAsync(db =>
            {
                CaseStore(store).Insert(db, c);
                foreach (var n in new CaseNotificationsProbe(first).For(c))
                {
                    first.Services.GetRequiredService<INotificationStore>().AddIfAbsent(db, n);
                }
            });
        }

        line.EndOutage();
        // The same clock goes on, past the failed one's backoff (at most RetryMaxDelay here) while the service is down: the
        // sweep the service runs as it starts finds it due (a later sweep is a minute away on Hangfire's own clock).
        clock.Advance(TimeSpan.FromSeconds(1));
        await using (var second = new ServiceHost(line, directory, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            settings: FakeClock.WithLongLineTimeouts(FastRetries())))
        {
            var store = second.Services.GetRequiredService<MessagingStore>();
            await clock.AdvanceUntilAsync(() => AllNotifications(store) is { Count: 3 } all && all.All(n => n.State == NotificationState.Sent),
                TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2), "all three sent after restart");
            var pushes = line.Sends.Where(s => s.Kind == "push").GroupBy(s => s.To!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Assert.Equal(1, pushes.GetValueOrDefault(sentBefore.LineUserId!));
            Assert.Equal(1, pushes.GetValueOrDefault(waiting.LineUserId!));
            Assert.Equal(1, pushes.GetValueOrDefault(notKicked.LineUserId!));
            Assert.Equal(3, line.Counts.Pushes);
        }
    }

    private static (MessagingStore Store, ICaseObserver[] Observers) Services(ServiceHost host)
    {
        _ = host.Server;    // starts the host
        return (host.Services.GetRequiredService<MessagingStore>(), [.. host.Services.GetServices<ICaseObserver>()]);
    }

    private static async Task PushDirectlyAsync(LineStandIn line, string to, Guid retryKey)
    {
        using var http = new HttpClient { BaseAddress = line.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/bot/message/push")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { to, messages = new[] { new { type = "text", text = "ก่อนหน้า" } } }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
        request.Headers.Add("X-Line-Retry-Key", retryKey.ToString());
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The notifications the observer would write for a new case, without announcing them (no enqueue).</summary>
    private sealed class CaseNotificationsProbe(ServiceHost host)
    {
        public List<Notification> For(CaseRecord c) =>
            host.Services.GetServices<ICaseObserver>().OfType<CaseNotifications>().Single().For(null, c, c.Timeline[0]);
    }
}
