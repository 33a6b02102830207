using Hangfire;
using Hangfire.Storage;
using ItaBot.Cases;
using ItaBot.Line.Testing;
using ItaBot.Notifications;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Notifications.CaseFixtures;

namespace ItaBot.Tests.Notifications;

public sealed class DailyDigestTests
{
    // 08:30 in Bangkok (UTC+7) on 27 Nov 2026.
    private static readonly DateTimeOffset EightThirtyBangkok = new(2026, 11, 27, 1, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task DigestAt0830Bangkok_EachLinkedStaffOfADepartmentGetsItsCountsOnce()
    {
        await using var unit = new NotificationUnit(EightThirtyBangkok);
        var now = EightThirtyBangkok.UtcDateTime;
        var roads1 = StaffMember("s1", "roads");
        var roads2 = StaffMember("s2", "roads", head: true);
        var parks = StaffMember("s3", "parks");
        await AddStaffAsync(unit.Store, roads1, roads2, parks, StaffMember("s4", "roads", linked: false));
        var cases = new[]
        {
            Case("case-00041", "roads", now.AddHours(-3)),                                              // new, open
            Case("case-00042", "roads", now.AddDays(-20)) with { AcknowledgedAt = now.AddDays(-19) },    // open, answer overdue
            Case("case-00043", "roads", now.AddDays(-5)) with { Status = CaseStatus.Completed },         // closed
            Case("case-00044", "parks", now.AddDays(-2)) with { AcknowledgedAt = now.AddDays(-2) },      // open, on time
        };
        foreach (var c in cases)
        {
            await ChangeAsync(unit.Store, [], null, c, c.Timeline[0]);
        }

        Assert.Equal(3, await unit.Digest().RunAsync());
        Assert.Equal(0, await unit.Digest().RunAsync());

        var sent = AllNotifications(unit.Store).ToDictionary(n => n.Id, StringComparer.Ordinal);
        Assert.Equal(["digest:2026-11-27:parks:staff:s3", "digest:2026-11-27:roads:staff:s1", "digest:2026-11-27:roads:staff:s2"], sent.Keys.Order(StringComparer.Ordinal));
        var roads = sent["digest:2026-11-27:roads:staff:s1"].MessagesJson;
        Assert.Contains("27 พ.ย. 2569", roads, StringComparison.Ordinal);
        Assert.Contains("เรื่องใหม่ (24 ชม.): 1", roads, StringComparison.Ordinal);
        Assert.Contains("ยังไม่เสร็จ: 2", roads, StringComparison.Ordinal);
        Assert.Contains("เลยกำหนด: 1", roads, StringComparison.Ordinal);
        Assert.Contains("ยังไม่เสร็จ: 1", sent["digest:2026-11-27:parks:staff:s3"].MessagesJson, StringComparison.Ordinal);
        Assert.Contains("เลยกำหนด: 0", sent["digest:2026-11-27:parks:staff:s3"].MessagesJson, StringComparison.Ordinal);
        Assert.Equal(parks.LineUserId, sent["digest:2026-11-27:parks:staff:s3"].To);
    }

    [Fact]
    public async Task CatchUpAtStart_RunsOnlyBetween0830AndNoonBangkok()
    {
        await using var unit = new NotificationUnit(EightThirtyBangkok.AddMinutes(-1));
        await AddStaffAsync(unit.Store, StaffMember("s1", "roads"));

        Assert.Equal(0, await unit.Digest().CatchUpAsync());    // 08:29
        unit.Time.SetUtcNow(EightThirtyBangkok.AddHours(1));     // 09:30
        Assert.Equal(1, await unit.Digest().CatchUpAsync());
        Assert.Equal(0, await unit.Digest().RunAsync());         // a second run the same day adds nothing
        unit.Time.SetUtcNow(EightThirtyBangkok.AddDays(1).AddHours(4));     // 12:30 the next day: too late to catch up
        Assert.Equal(0, await unit.Digest().CatchUpAsync());
        Assert.Single(AllNotifications(unit.Store));
    }

    [Fact]
    public async Task Service_RegistersTheDigestAt0830InBangkokAndTheScansAsRecurringJobs()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line);
        _ = host.Server;
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, StringComparer.Ordinal);

        var digest = jobs[NotificationsStartup.DigestJob];
        Assert.Equal("30 8 * * *", digest.Cron);
        Assert.Equal(NotificationTexts.Bangkok.Id, digest.TimeZoneId);
        var next = DateTime.SpecifyKind(digest.NextExecution!.Value, DateTimeKind.Utc);
        Assert.Equal(new TimeOnly(1, 30), TimeOnly.FromDateTime(next));       // 08:30 in Bangkok is 01:30 UTC
        Assert.Equal("*/5 * * * *", jobs[NotificationsStartup.DeadlineScanJob].Cron);
        Assert.Equal("* * * * *", jobs[NotificationsStartup.SweepJob].Cron);
    }
}
