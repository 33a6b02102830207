using Hangfire;
using ItaBot.Line.Testing;
using ItaBot.LineChannel;
using ItaBot.Notifications;
using ItaBot.QandA;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Notifications;

/// <summary>
/// Staff notifications (the Hangfire outbox, not the answers' outbox) at LINE's monthly limit: held, not retried, and
/// each delivered once when the quota has room again. Real HTTP over loopback to the LINE stand-in.
/// </summary>
public sealed class NotificationQuotaTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task StaffNotifications_PastTheMonthlyLimit_AreHeldNotRetried_ThenEachDeliveredOnceWhenTheQuotaAllows()
    {
        _line.MonthlyLimit = 1;
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>
        {
            // Quick retries, so that a retry loop over the monthly limit would show within the test.
            ["ItaBot:Notifications:RetryBaseDelay"] = "00:00:00.100",
            ["ItaBot:Notifications:RetryMaxDelay"] = "00:00:00.200",
            ["ItaBot:Notifications:SchedulePollingInterval"] = "00:00:00.100",
        });
        var quota = host.Services.GetRequiredService<LineQuota>();
        var notifications = host.Services.GetRequiredService<INotificationStore>();
        var clerk = await StaffTestKit.AddAsync(host, "clerk1", StaffRole.CaseOfficer, "palad");
        var clerkLine = Events.NewUserId();
        await host.Services.GetRequiredService<IStaffStore>().UpdateAsync(clerk.Id, null, a => a with { LineUserId = clerkLine });
        var store = host.Services.GetRequiredService<MessagingStore>();
        var qa = host.Services.GetRequiredService<IQaStore>();

        await store.Writer.WriteAsync(qa.HandoverWrite("คำถามที่หนึ่ง", Events.NewUserId(), "c1"));
        await _line.WaitUntilAsync(l => l.Counts.Pushes == 1, TimeSpan.FromSeconds(20));
        await store.Writer.WriteAsync(qa.HandoverWrite("คำถามที่สอง", Events.NewUserId(), "c2"));
        await Wait.UntilAsync(() => quota.Status is { PushesRefused: true, Held: 1 }, what: "the second notification held");
        await store.Writer.WriteAsync(qa.HandoverWrite("คำถามที่สาม", Events.NewUserId(), "c3"));
        await Wait.UntilAsync(() => quota.Status.Held == 2, what: "the third notification held without being tried");
        await host.Services.GetRequiredService<NotificationSweep>().RunAsync();   // the minutely sweep: due, but held
        // A retry loop keeps a delivery job scheduled, queued or running: with none left, nothing will try them again.
        var jobs = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Wait.UntilAsync(() => jobs.ScheduledCount() + jobs.EnqueuedCount("default") + jobs.ProcessingCount() == 0, what: "no delivery job left");

        Assert.Equal(1, _line.Counts.RefusedOverQuota);   // one refusal, no retry, the third never sent
        Assert.Equal(1, _line.Counts.Pushes);
        var held = notifications.CountByState();
        Assert.Equal((1, 2, 0, 0), (held[NotificationState.Sent], held[NotificationState.Pending], held[NotificationState.Failed], held[NotificationState.Parked]));
        Assert.Single(host.Logs, l => l.Contains("LINE refuses pushes for the rest of the month", StringComparison.Ordinal));

        _line.MonthlyLimit = 10;   // the agency bought more messages
        await quota.RecheckAsync(TestContext.Current.CancellationToken);

        await _line.WaitUntilAsync(l => l.Counts.Pushes == 3, TimeSpan.FromSeconds(20));
        await Wait.UntilAsync(() => notifications.CountByState()[NotificationState.Sent] == 3, what: "every held notification recorded as sent");
        await host.Services.GetRequiredService<NotificationSweep>().RunAsync();
        Assert.Equal(3, _line.Sends.Count(s => s.Kind == "push" && s.To == clerkLine));
        Assert.Equal(0, _line.Counts.DuplicatePushes);
        Assert.Equal(1, _line.Counts.RefusedOverQuota);
        Assert.Equal(0, quota.Status.Held);
        Assert.False(quota.PushesRefused);
    }
}
