using System.Globalization;
using ItaBot.Cases;
using ItaBot.Staff;
using Microsoft.Extensions.Options;

namespace ItaBot.Notifications;

/// <summary>
/// Every five minutes: reminds the officer of an open case before its acknowledge deadline (2 h by default) and answer
/// deadline (1 day), and says when one was missed — a missed one also goes to the department head and the staff group.
/// Ids name the case, the deadline and its time, so each reminder is written once however often the scan runs; a moved
/// deadline gets its own reminders.
/// </summary>
internal sealed partial class DeadlineScan(
    ICaseStore cases,
    StaffDirectory staffDirectory,
    INotificationStore notifications,
    NotificationDispatcher dispatcher,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<DeadlineScan> logger,
    Agencies.AgencyDirectory? agencies = null)
{
    /// <summary>For every agency (or the one the job was enqueued for).</summary>
    public Task<int> RunAsync() => agencies is null ? RunForAgencyAsync() : agencies.EachAgencyAsync(RunForAgencyAsync);

    private async Task<int> RunForAgencyAsync()
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var departments = new Dictionary<string, List<StaffAccount>>(StringComparer.Ordinal);
        List<StaffAccount> Department(string id) =>
            departments.TryGetValue(id, out var list) ? list : departments[id] = staffDirectory.LinkedOfDepartment(id);

        var list = new List<Notification>();
        foreach (var c in CaseView.Open(cases))
        {
            var link = CaseNotifications.CaseLink(settings, c.Id);
            var staff = Department(c.Department);
            var assignee = staffDirectory.Linked(c.AssigneeId);
            List<StaffAccount> officers = assignee is not null ? [assignee] : [.. staff.Where(s => !s.IsDepartmentHead)];
            var heads = staff.Where(s => s.IsDepartmentHead).ToList();

            void Check(bool answer, DateTime deadline, TimeSpan before)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{c.Id}:{(answer ? "answer" : "ack")}:{deadline:yyyyMMddHHmm}");
                if (now >= deadline)
                {
                    Add(list, "deadline-missed", key, c.Id, officers, NotificationTexts.DeadlineMissed(c, answer, deadline, link), (agencies is null ? settings.StaffGroupId : agencies.StaffGroupOr(settings.StaffGroupId)), now);
                    var assigneeName = staffDirectory.DisplayName(c.AssigneeId);
                    Add(list, "deadline-escalated", key, c.Id, heads, NotificationTexts.Escalation(c, answer, deadline, assigneeName, link), null, now);
                }
                else if (now >= deadline - before)
                {
                    Add(list, "deadline-approaching", key, c.Id, officers, NotificationTexts.DeadlineApproaching(c, answer, deadline, link), null, now);
                }
            }

            if (c.AcknowledgedAt is null)
            {
                Check(answer: false, c.AcknowledgeBy, settings.AcknowledgeReminder);
            }

            if (!c.Answered)
            {
                Check(answer: true, c.AnswerBy, settings.AnswerReminder);
            }
        }

        var added = list.Count == 0 ? [] : await notifications.AddAsync(list).ConfigureAwait(false);
        dispatcher.EnqueueCommitted(added);
        if (added.Count > 0)
        {
            LogReminders(logger, added.Count);
        }

        return added.Count;
    }

    private static void Add(List<Notification> list, string kind, string key, string caseId, IEnumerable<StaffAccount> staff, string text, string? groupId, DateTime now)
    {
        var json = NotificationTexts.Json(new Line.Messages.TextMessage(text));
        foreach (var s in staff)
        {
            list.Add(new Notification { Id = $"{kind}:{key}:staff:{s.Id}", Kind = kind, CaseId = caseId, To = s.LineUserId!, MessagesJson = json, CreatedAt = now, NextAttemptAt = now });
        }

        if (!string.IsNullOrWhiteSpace(groupId))
        {
            list.Add(new Notification { Id = $"{kind}:{key}:group", Kind = kind, CaseId = caseId, To = groupId, MessagesJson = json, CreatedAt = now, NextAttemptAt = now });
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline scan wrote {Count} reminders")]
    private static partial void LogReminders(ILogger logger, int count);
}
