using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Storage;
using ItaBot.Cases;
using ItaBot.Flex;
using ItaBot.Line;
using ItaBot.Line.Messages;
using ItaBot.Line.Testing;
using ItaBot.Notifications;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Flex;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ItaBot.Tests.Notifications.CaseFixtures;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Reports;

/// <summary>The monthly summary to the staff LINE group: the job end to end with the LINE stand-in, the card against LINE's schema and limits.</summary>
public sealed class MonthlySummaryTests : IAsyncLifetime
{
    private const string Group = "C0123456789abcdef0123456789abcdef";

    // 2 April 2025, 09:00 in Bangkok: not the 1st, so the start-up catch-up stays quiet and the test runs the job itself.
    private static readonly DateTimeOffset SecondOfApril = new(2025, 4, 2, 2, 0, 0, TimeSpan.Zero);

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    private static Dictionary<string, string?> Settings(string? group = Group) => new(StringComparer.Ordinal)
    {
        ["ItaBot:Notifications:StaffGroupId"] = group,
        ["ItaBot:Notifications:StaffCaseUrl"] = "https://itabot.example.go.th/staff/cases/{0}",
    };

    [Fact]
    public async Task Run_CompilesLastMonthAndPushesOneFlexBubbleToTheStaffGroup_ValidAgainstLineSchema_OncePerMonth()
    {
        var time = new FakeTimeProvider(SecondOfApril);
        var compiler = new FakeReportCompiler(time);
        await using var host = PublishHost.Create(_line, compiler, time, Settings());
        var store = host.Services.GetRequiredService<MessagingStore>();
        var now = SecondOfApril.UtcDateTime;
        var overdue = Case("case-00001", "roads", now.AddDays(-20));                                       // answer and acknowledgement late
        var onTime = Case("case-00002", "roads", now.AddHours(-2));                                        // open, nothing due yet
        var closedLate = Case("case-00003", "roads", now.AddDays(-30)) with { Status = CaseStatus.Completed };
        foreach (var c in new[] { overdue, onTime, closedLate })
        {
            await ChangeAsync(store, [], null, c, c.Timeline[0]);
        }

        var summary = host.Services.GetRequiredService<MonthlySummary>();
        Assert.Equal(1, await summary.RunAsync());

        await _line.WaitUntilAsync(l => l.Sends.Any(IsSummary), TimeSpan.FromSeconds(10));
        var call = Assert.Single(compiler.Calls);
        Assert.Equal(ReportPeriod.ForMonth(2568, 3), call.Period);
        Assert.Equal("schedule", call.CompiledBy);
        Assert.True(call.Store);
        var push = Assert.Single(_line.Sends, IsSummary);
        Assert.Equal("push", push.Kind);
        Assert.Equal(Group, push.To);
        var body = new JsonObject { ["to"] = Group, ["messages"] = JsonNode.Parse(push.MessagesJson) };
        var results = LineOpenApiSchemas.Evaluate("PushMessageRequest", JsonSerializer.SerializeToElement(body));
        Assert.True(results.IsValid, LineOpenApiSchemas.Describe(results));
        var message = Assert.IsType<FlexMessage>(Assert.Single(JsonSerializer.Deserialize<List<Message>>(push.MessagesJson, LineJson.Options)!));
        MessageValidator.Validate([message]);
        Assert.Contains("ประจำเดือนมีนาคม พ.ศ. 2568", message.AltText, StringComparison.Ordinal);
        Assert.Contains("เรื่องร้องเรียนใหม่ 1,234 เสร็จ 1,100 กำลังดำเนินการ 134", message.AltText, StringComparison.Ordinal);
        Assert.Contains("ค้างเกินกำหนดขณะนี้ 1 ", message.AltText, StringComparison.Ordinal);
        Assert.Contains("เบาะแสการทุจริต 7 เรื่อง", message.AltText, StringComparison.Ordinal);
        var card = JsonSerializer.Serialize<FlexContainer>(message.Contents, LineJson.Options);
        Assert.Contains("\"1,234\"", card, StringComparison.Ordinal);
        Assert.Contains("\"4.31 / 5\"", card, StringComparison.Ordinal);
        Assert.Contains("\"5 วัน\"", card, StringComparison.Ordinal);                 // 120.3 hours on average
        Assert.Contains("\"7 เรื่อง\"", card, StringComparison.Ordinal);
        Assert.DoesNotContain("case-0000", card, StringComparison.Ordinal);
        var stored = Assert.Single(compiler.List());
        var button = Assert.IsType<UriAction>(Assert.IsType<FlexButton>(Assert.IsType<FlexBubble>(message.Contents).Footer!.Contents[0]).Action);
        Assert.Equal("https://itabot.example.go.th/staff/reports/" + stored.Id, button.Uri);

        // The same month again (a second run, a catch-up after a restart): nothing more is compiled or queued.
        Assert.Equal(0, await summary.RunAsync());
        Assert.Single(compiler.Calls);
        await Wait.UntilAsync(() => FindNotification(store, MonthlySummary.NotificationId(ReportPeriod.ForMonth(2568, 3)))?.State == NotificationState.Sent, what: "summary marked sent");
        Assert.Single(AllNotifications(store), n => n.Kind == MonthlySummary.Kind);
        Assert.DoesNotContain(host.Logs, l => l.Contains(Group, StringComparison.Ordinal));
    }

    private static bool IsSummary(StandInSend send) => send.MessagesJson.Contains("สรุปสถิติ", StringComparison.Ordinal);

    [Fact]
    public async Task Run_WithoutAStaffGroup_CompilesNothingAndSendsNothing()
    {
        var time = new FakeTimeProvider(SecondOfApril);
        var compiler = new FakeReportCompiler(time);
        await using var host = PublishHost.Create(_line, compiler, time, Settings(group: null));

        Assert.Equal(0, await host.Services.GetRequiredService<MonthlySummary>().RunAsync());

        Assert.Empty(compiler.Calls);
        Assert.Empty(AllNotifications(host.Services.GetRequiredService<MessagingStore>()));
    }

    [Fact]
    public async Task Service_RegistersTheSummaryOnThe1stAt0900Bangkok()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        _ = host.Server;
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().Single(j => j.Id == MonthlySummary.JobId);

        Assert.Equal("0 9 1 * *", job.Cron);
        Assert.Equal(WorkingCalendar.Bangkok.Id, job.TimeZoneId);
        var next = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(job.NextExecution!.Value, DateTimeKind.Utc), WorkingCalendar.Bangkok);
        Assert.Equal(1, next.Day);
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(next));
    }

    [Theory]
    [InlineData("2025-04-01T01:59:00Z", 0)]     // 08:59 on the 1st: the schedule has not fired yet
    [InlineData("2025-04-01T02:00:00Z", 1)]     // 09:00
    [InlineData("2025-04-01T09:59:00Z", 1)]     // 16:59
    [InlineData("2025-04-01T10:00:00Z", 0)]     // 17:00: too late to catch up today
    [InlineData("2025-04-02T02:00:00Z", 0)]     // the 2nd
    public async Task CatchUp_RunsOnlyOnThe1stBetween0900And1700Bangkok(string utc, int expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var compiler = new FakeReportCompiler(time);
        await using var host = PublishHost.Create(_line, compiler, time, Settings());
        var store = host.Services.GetRequiredService<MessagingStore>();
        var id = MonthlySummary.NotificationId(ReportPeriod.ForMonth(2568, 3));

        // The service ran the catch-up as it started, too: between the two runs, one summary at most.
        var added = await host.Services.GetRequiredService<MonthlySummary>().CatchUpAsync();

        if (expected == 0)
        {
            Assert.Equal(0, added);
            Assert.DoesNotContain(AllNotifications(store), n => n.Kind == MonthlySummary.Kind);
        }
        else
        {
            await Wait.UntilAsync(() => FindNotification(store, id) is not null, what: "the missed summary queued");
            Assert.Single(AllNotifications(store), n => n.Kind == MonthlySummary.Kind);
        }
    }

    [Fact]
    public void Card_ForAFullYearAndAnEmptyMonth_RendersWithinLineLimitsAndSchema_EmptySaysNoComplaints()
    {
        var pack = FlexTemplatesTests.ShippedContent();
        var templates = FlexTemplatesTests.ShippedTemplates(pack);

        foreach (var (snapshot, link) in new[] { (SampleSnapshots.Fy2568(), "https://itabot.example.go.th/staff/reports/x"), (SampleSnapshots.EmptyMonth(), null) })
        {
            var alt = MonthlySummary.AltText(snapshot, 3);
            var message = new FlexMessage(alt, templates.Render(MonthlySummary.Template, MonthlySummary.Model(snapshot, 3, link), alt));
            MessageValidator.Validate([message]);
            var results = LineOpenApiSchemas.Evaluate("FlexMessage", JsonSerializer.SerializeToElement<Message>(message, LineJson.Options));
            Assert.True(results.IsValid, LineOpenApiSchemas.Describe(results));
            var bubble = Assert.IsType<FlexBubble>(message.Contents);
            Assert.Equal(link is null, bubble.Footer is null);
        }

        var empty = JsonSerializer.Serialize(MonthlySummary.Model(SampleSnapshots.EmptyMonth(), 0, null));
        Assert.Contains("ไม่มีเรื่องร้องเรียน", JsonNode.Parse(empty)!["summary"]!["corruption"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("–", JsonNode.Parse(empty)!["summary"]!["complaints"]![4]!["value"]!.GetValue<string>());     // no average time to close
    }

    [Fact]
    public void SnapshotLink_UsesTheHostOfTheConfiguredStaffCaseUrl_NoneWithoutIt()
    {
        Assert.Equal("https://itabot.example.go.th/staff/reports/snap%2F1",
            MonthlySummary.SnapshotLink(new NotificationOptions { StaffCaseUrl = "https://itabot.example.go.th/staff/cases/{0}" }, "snap/1"));
        Assert.Null(MonthlySummary.SnapshotLink(new NotificationOptions(), "snap-1"));
        Assert.Null(MonthlySummary.SnapshotLink(new NotificationOptions { StaffCaseUrl = "javascript:alert(1)//{0}" }, "snap-1"));
    }
}
