using ItaBot.Cases;
using ItaBot.Notifications;
using static ItaBot.Tests.Notifications.CaseFixtures;

namespace ItaBot.Tests.Notifications;

public sealed class DeadlineScanTests
{
    private static readonly DateTime Created = new(2026, 11, 23, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task ScanEveryFiveMinutes_WritesEachReminderOncePerCaseAndDeadline()
    {
        await using var unit = new NotificationUnit(Created, new NotificationOptions { StaffGroupId = "Cgroup0000000000000000000000000000" });
        var assignee = StaffMember("s1", "roads");
        var colleague = StaffMember("s2", "roads");
        var head = StaffMember("s3", "roads", head: true);
        await AddStaffAsync(unit.Store, assignee, colleague, head);
        var c = Case("case-00021", "roads", Created) with { Status = CaseStatus.Assigned, AssigneeId = "s1" };
        await ChangeAsync(unit.Store, [], null, c, c.Timeline[0]);
        var scan = unit.Scan();

        // Every five minutes around the deadlines; hourly through the quiet days between them (to keep the test short).
        async Task RunUntil(DateTime until, int everyMinutes = 5)
        {
            while (unit.Time.GetUtcNow().UtcDateTime < until)
            {
                unit.Time.Advance(TimeSpan.FromMinutes(everyMinutes));
                await scan.RunAsync();
            }
        }

        // Nothing while the deadlines are far; the acknowledge reminder from 2 hours before.
        await RunUntil(c.AcknowledgeBy.AddHours(-3), everyMinutes: 60);
        await RunUntil(c.AcknowledgeBy.AddHours(-2).AddMinutes(-5));
        Assert.Empty(AllNotifications(unit.Store));
        await RunUntil(c.AcknowledgeBy.AddMinutes(-5));
        Assert.Equal(["deadline-approaching:case-00021:ack:202611240300:staff:s1"], AllNotifications(unit.Store).Select(n => n.Id));

        // Missed: the assignee and the group are told, the head gets the escalation; once, however often the scan runs.
        await RunUntil(c.AcknowledgeBy.AddHours(3));
        Assert.Equal(
            [
                "deadline-approaching:case-00021:ack:202611240300:staff:s1",
                "deadline-escalated:case-00021:ack:202611240300:staff:s3",
                "deadline-missed:case-00021:ack:202611240300:group",
                "deadline-missed:case-00021:ack:202611240300:staff:s1",
            ],
            AllNotifications(unit.Store).Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.Equal(head.LineUserId, FindNotification(unit.Store, "deadline-escalated:case-00021:ack:202611240300:staff:s3")!.To);
        Assert.Contains("แจ้งหัวหน้าหน่วยงาน", FindNotification(unit.Store, "deadline-escalated:case-00021:ack:202611240300:staff:s3")!.MessagesJson, StringComparison.Ordinal);

        // Acknowledged late; the answer deadline: a reminder a day before, then missed and escalated.
        var acked = c with { AcknowledgedAt = unit.Time.GetUtcNow().UtcDateTime, Version = 2 };
        await ChangeAsync(unit.Store, [], c, acked, Event(CaseEventKind.StatusChanged, acked.AcknowledgedAt!.Value));
        await RunUntil(c.AnswerBy.AddDays(-1).AddHours(-1), everyMinutes: 60);
        await RunUntil(c.AnswerBy.AddDays(-1).AddMinutes(-5));
        Assert.Equal(4, AllNotifications(unit.Store).Count);
        await RunUntil(c.AnswerBy.AddHours(-1), everyMinutes: 60);
        await RunUntil(c.AnswerBy.AddHours(1));
        await RunUntil(c.AnswerBy.AddDays(2), everyMinutes: 60);
        var ids = AllNotifications(unit.Store).Select(n => n.Id).Where(id => id.Contains(":answer:", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(
            [
                "deadline-approaching:case-00021:answer:202612080300:staff:s1",
                "deadline-escalated:case-00021:answer:202612080300:staff:s3",
                "deadline-missed:case-00021:answer:202612080300:group",
                "deadline-missed:case-00021:answer:202612080300:staff:s1",
            ],
            ids);
        Assert.Equal(8, AllNotifications(unit.Store).Count);
        Assert.Equal(8, unit.Enqueued);
        Assert.DoesNotContain(AllNotifications(unit.Store), n => n.To == colleague.LineUserId);
    }

    [Fact]
    public async Task AnsweredOrClosedCases_GetNoAnswerReminders_AndUnassignedOnesGoToTheDepartment()
    {
        await using var unit = new NotificationUnit(Created);
        var officer = StaffMember("s1", "roads");
        var head = StaffMember("s2", "roads", head: true);
        await AddStaffAsync(unit.Store, officer, head);
        var answered = Case("case-00031", "roads", Created) with { AcknowledgedAt = Created.AddHours(1) };
        answered = answered with { Timeline = [.. answered.Timeline, Event(CaseEventKind.AnswerToCitizen, Created.AddHours(2), note: "ตอบแล้ว")] };
        var closed = Case("case-00032", "roads", Created) with { Status = CaseStatus.Completed, ClosedAt = Created.AddHours(3) };
        var unassigned = Case("case-00033", "roads", Created) with { AcknowledgedAt = Created.AddHours(1) };
        foreach (var c in new[] { answered, closed, unassigned })
        {
            await ChangeAsync(unit.Store, [], null, c, c.Timeline[0]);
        }

        unit.Time.SetUtcNow(Created.AddDays(20));
        await unit.Scan().RunAsync();

        Assert.Equal(["deadline-escalated:case-00033:answer:202612080300:staff:s2", "deadline-missed:case-00033:answer:202612080300:staff:s1"],
            AllNotifications(unit.Store).Select(n => n.Id).Order(StringComparer.Ordinal));
    }
}
