using System.Net;
using Hangfire;
using ItaBot.CasePages;
using ItaBot.Line.Testing;
using ItaBot.LineChannel;
using ItaBot.Notifications;
using ItaBot.QandA;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.CasePages;

/// <summary>
/// A staff answer to a handed-over question goes out with the citizen's next reply (free) whenever it has not been pushed
/// yet, and is pushed once otherwise; never both. Real HTTP over loopback to the LINE stand-in.
/// </summary>
public sealed class HandoverReplyTests : IAsyncLifetime
{
    private const string Answer = "โทร 0-2123-4567 ต่อ 12 ค่ะ";
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task StaffAnswer_CitizenWritesWithinTheWait_GoesOutInTheReplyAndIsNeverPushed()
    {
        await using var host = Host(wait: "00:00:05");
        var chat = new LineChat(host, _line);
        var id = await AnswerHandoverAsync(host, chat.User);

        var reply = await chat.SayAsync("สวัสดีค่ะ");

        Assert.Contains("0-2123-4567", reply.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(QaTexts.AnswerIntro, LineChat.Text(reply), StringComparison.Ordinal);
        Assert.Single(_line.Sends, s => s.Kind == "reply" && s.MessagesJson.Contains("0-2123-4567", StringComparison.Ordinal));
        var notifications = host.Services.GetRequiredService<INotificationStore>();
        await Wait.UntilAsync(() => notifications.Find(id)!.State == NotificationState.Sent, what: "the answer recorded as delivered with the reply");
        Assert.Equal(HandoverAnswerRider.Via, notifications.Find(id)!.Via);

        // The wait ends (its scheduled delivery has run, then the job once more by hand): nothing is pushed.
        // Hangfire's own count, not the dispatcher's: the reply took the id off the dispatcher's list, not Hangfire's schedule.
        var jobs = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Wait.UntilAsync(() => jobs.ScheduledCount() == 0 && jobs.EnqueuedCount("default") == 0 && jobs.ProcessingCount() == 0,
            TimeSpan.FromSeconds(15), "the delivery scheduled for the wait's end has run");
        await host.Services.GetRequiredService<NotificationDelivery>().DeliverAsync(id, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(_line.Sends, s => s.Kind == "push" && s.To == chat.User);
    }

    [Fact]
    public async Task StaffAnswer_CitizenSilentThroughTheWait_IsPushedOnce_AndTheNextReplyDoesNotRepeatIt()
    {
        await using var host = Host(wait: "00:00:01");
        var chat = new LineChat(host, _line);
        var id = await AnswerHandoverAsync(host, chat.User);

        await _line.WaitUntilAsync(l => l.Sends.Any(s => s.Kind == "push" && s.To == chat.User), TimeSpan.FromSeconds(15));
        var notifications = host.Services.GetRequiredService<INotificationStore>();
        await Wait.UntilAsync(() => notifications.Find(id)!.State == NotificationState.Sent, what: "the push recorded");
        var reply = await chat.SayAsync("ขอบคุณค่ะ");

        Assert.Contains("0-2123-4567", Assert.Single(_line.Sends, s => s.Kind == "push" && s.To == chat.User).MessagesJson, StringComparison.Ordinal);
        Assert.DoesNotContain("0-2123-4567", reply.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(notifications.Find(id)!.Via);
    }

    [Fact]
    public async Task StaffAnswer_HeldAtTheMonthlyLimit_RidesTheCitizensNextReply_AndIsNotPushedWhenTheQuotaReturns()
    {
        _line.MonthlyLimit = 0;
        await using var host = Host(wait: "00:00:00");
        var quota = host.Services.GetRequiredService<LineQuota>();
        var chat = new LineChat(host, _line);
        var id = await AnswerHandoverAsync(host, chat.User);
        await Wait.UntilAsync(() => quota.Status is { PushesRefused: true, Held: 1 }, what: "the staff answer held at the monthly limit");

        var reply = await chat.SayAsync("สวัสดีค่ะ");

        Assert.Contains("0-2123-4567", reply.ToJsonString(), StringComparison.Ordinal);
        var notifications = host.Services.GetRequiredService<INotificationStore>();
        await Wait.UntilAsync(() => notifications.Find(id)!.State == NotificationState.Sent, what: "the held answer recorded as delivered");
        await Wait.UntilAsync(() => quota.Status.Held == 0, what: "no longer counted as held");

        _line.MonthlyLimit = 10;   // the agency bought more messages: what is still held goes out, this one is not among them
        await quota.RecheckAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<NotificationSweep>().RunAsync();
        await host.Services.GetRequiredService<NotificationDelivery>().DeliverAsync(id, TestContext.Current.CancellationToken);
        await Wait.UntilAsync(() => !host.Services.GetRequiredService<NotificationDispatcher>().IsQueuedOrRunning(id), what: "no delivery of it queued");
        Assert.DoesNotContain(_line.Sends, s => s.Kind == "push" && s.To == chat.User);
        Assert.Equal(1, _line.Counts.RefusedOverQuota);
    }

    private ServiceHost Host(string wait) => new(_line, settings: new Dictionary<string, string?>
    {
        ["ItaBot:Notifications:HandoverAnswerWait"] = wait,
        ["ItaBot:Notifications:SchedulePollingInterval"] = "00:00:00.200",
    });

    /// <summary>A question of <paramref name="citizen"/> handed over a minute ago, answered by an officer; returns the answer's notification id.</summary>
    private static async Task<string> AnswerHandoverAsync(ServiceHost host, string citizen)
    {
        var store = host.Services.GetRequiredService<ItaBot.Storage.LiteDb.MessagingStore>();
        var qa = host.Services.GetRequiredService<IQaStore>();
        await store.Writer.WriteAsync(qa.HandoverWrite("ขอเบอร์โทรกองช่างหน่อยค่ะ", citizen, citizen));
        var handover = Assert.Single(qa.ListOpenHandovers());
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");
        var page = await officer.GetPageAsync(HandoverEndpoints.Path);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"{HandoverEndpoints.Path}/{handover.Id}/answer", page, ("answer", Answer))).StatusCode);
        return HandoverEndpoints.NotificationId(handover.Id);
    }
}
