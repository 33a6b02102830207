using System.Globalization;
using ItaBot.Cases;

namespace ItaBot.Notifications;

/// <summary>
/// At 08:30 Bangkok time: each department's linked staff get the day's counts (new in the last 24 hours, open,
/// overdue). One per person and day (the id names both), so a catch-up run after a morning restart cannot send a
/// second one.
/// </summary>
internal sealed partial class DailyDigest(
    ICaseStore cases,
    StaffDirectory staffDirectory,
    INotificationStore notifications,
    NotificationDispatcher dispatcher,
    TimeProvider time,
    ILogger<DailyDigest> logger,
    Agencies.AgencyDirectory? agencies = null)
{
    public const string Cron = "30 8 * * *";
    public static readonly TimeOnly At = new(8, 30);

    /// <summary>Hangfire's in-memory schedule starts afresh with the process: a restart in the morning after 08:30 sends the missed digest.</summary>
    public static readonly TimeOnly CatchUpUntil = new(12, 0);

    /// <summary>For every agency (or the one the job was enqueued for).</summary>
    public Task<int> RunAsync() => agencies is null ? RunForAgencyAsync() : agencies.EachAgencyAsync(RunForAgencyAsync);

    private async Task<int> RunForAgencyAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, NotificationTexts.Bangkok));
        var open = CaseView.Open(cases).ToList();
        var list = new List<Notification>();
        foreach (var (department, staff) in staffDirectory.LinkedByDepartment())
        {
            var mine = open.Where(c => string.Equals(c.Department, department, StringComparison.Ordinal)).ToList();
            var overdue = mine.Count(c => (!c.Answered && c.AnswerBy <= now) || (c.AcknowledgedAt is null && c.AcknowledgeBy <= now));
            var created = cases.CountCreatedSince(now.AddDays(-1), department);
            var json = NotificationTexts.Json(new Line.Messages.TextMessage(NotificationTexts.Digest(day, created, mine.Count, overdue)));
            foreach (var s in staff)
            {
                list.Add(new Notification
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"digest:{day:yyyy-MM-dd}:{department}:staff:{s.Id}"),
                    Kind = "digest",
                    To = s.LineUserId!,
                    MessagesJson = json,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }

        var added = list.Count == 0 ? [] : await notifications.AddAsync(list).ConfigureAwait(false);
        dispatcher.EnqueueCommitted(added);
        LogDigest(logger, added.Count);
        return added.Count;
    }

    /// <summary>At start: runs the digest when this morning's 08:30 passed (until noon); the ids keep it to one a day.</summary>
    public Task<int> CatchUpAsync()
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(time.GetUtcNow().UtcDateTime, NotificationTexts.Bangkok));
        return local >= At && local < CatchUpUntil ? RunAsync() : Task.FromResult(0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest wrote {Count} notifications")]
    private static partial void LogDigest(ILogger logger, int count);
}
