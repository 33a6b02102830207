using System.Globalization;
using Hangfire;
using ItaBot.Cases;
using ItaBot.Conversations;
using ItaBot.Line.Messages;
using ItaBot.Media;
using ItaBot.Notifications;
using ItaBot.QandA;
using ItaBot.Staff;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

/// <summary>One run's work on one kind of record, for the staff page of purges.</summary>
internal sealed record PurgeEntry(DateTime At, string Kind, int Count, string Detail);

/// <summary>
/// Daily (03:45 Bangkok): retention that really happens (PDPA section 37). Each kind of record loses its personal data
/// once its period has passed (ItaBot:Privacy:Retention:*); closed cases are anonymised, not deleted, so their statistics
/// stay; every run that changed something is written to the purge log. It also reminds admins of requests near their deadline.
/// </summary>
internal sealed partial class PurgeJob(
    IStoreWriter writer,
    IPrivacyStore privacy,
    IQaStore qa,
    IConversationStateStore conversations,
    CaseService cases,
    IPhotoStore photos,
    PrivacyRequests requests,
    IStaffStore staff,
    INotificationStore notifications,
    NotificationDispatcher dispatcher,
    IOptions<PrivacyOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<PurgeJob> logger,
    Agencies.AgencyDirectory? agencies = null)
{
    public const string JobId = "privacy-retention";
    public const string Cron = "45 3 * * *";

    /// <summary>Every agency's retention (each its own records and admins).</summary>
    public Task RunAsync() => agencies is null ? PurgeAsync() : agencies.EachAgencyAsync(async () =>
    {
        await PurgeAsync().ConfigureAwait(false);
        return 0;
    });

    private async Task PurgeAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var r = options.Value.Retention;
        List<PurgeEntry> done = [];

        foreach (var (kind, days, photosOnly) in new (string, int, bool)[] { ("cases", r.CaseDays, false), ("photos", r.PhotoDays, true) })
        {
            var expired = cases.ListExpired(now.AddDays(-days), photosOnly, limit: 100_000);
            List<string> files = [];
            foreach (var chunk in expired.Chunk(200))
            {
                await writer.WriteAsync(work =>
                {
                    foreach (var c in chunk)
                    {
                        files.AddRange(cases.Anonymise(work, c.Id, photosOnly));
                    }
                }).ConfigureAwait(false);
            }

            foreach (var file in files)
            {
                photos.Delete(file);
            }

            done.Add(new PurgeEntry(now, kind, expired.Count, string.Join(", ", expired.Take(50).Select(c => c.Number)) + (expired.Count > 50 ? " …" : "")));
        }

        var counts = await writer.WriteAsync(work => new (string Kind, int Count)[]
        {
            ("conversations", conversations.ForgetIdle(work, now.AddDays(-storage.Value.RetentionDays))),
            ("qa_log", qa.EraseLogText(work, now.AddDays(-r.QaLogDays))),
            ("handovers", qa.EraseHandovers(work, null, now.AddDays(-r.HandoverDays))),
            ("notifications", notifications.DeleteSentBefore(work, now.AddDays(-r.NotificationDays))),
            ("staff_audit", privacy.DeleteAccessBefore(work, now.AddDays(-r.StaffAuditDays))),
            ("privacy_requests", privacy.DeleteDecidedRequests(work, now.AddDays(-r.PrivacyRequestDays), now)),
        }).ConfigureAwait(false);
        done.AddRange(counts.Select(c => new PurgeEntry(now, c.Kind, c.Count, string.Empty)));

        var changed = done.Where(d => d.Count > 0).ToList();
        if (changed.Count > 0)
        {
            await privacy.AddPurgeEntriesAsync(changed).ConfigureAwait(false);
        }

        await RemindAsync(now).ConfigureAwait(false);
        var total = changed.Sum(c => c.Count);
        LogDone(logger, total);
    }

    public IReadOnlyList<PurgeEntry> ListLog(int limit = 500) => privacy.ListPurgeLog(limit);

    /// <summary>Pending requests due within the reminder window or overdue: each linked admin is told once per stage.</summary>
    private async Task RemindAsync(DateTime now)
    {
        var due = requests.List(PrivacyRequestStatus.Pending).Where(q => q.DueAt <= now.AddDays(options.Value.RequestReminderDays)).ToList();
        if (due.Count == 0)
        {
            return;
        }

        var admins = staff.List().Where(a => a is { Role: StaffRole.Admin, Disabled: false, LineUserId: not null }).Select(a => (a.Id, Line: a.LineUserId!)).ToList();
        var ids = await writer.WriteAsync(work =>
        {
            List<string> added = [];
            foreach (var q in due)
            {
                var stage = q.Overdue(now) ? "overdue" : "soon";
                var text = q.Overdue(now)
                    ? $"⚠️ คำขอข้อมูลส่วนบุคคล {q.Number} ({q.Kind.Thai()}) เลยกำหนดพิจารณาแล้ว กรุณาพิจารณาที่หน้า /staff/privacy ค่ะ"
                    : $"คำขอข้อมูลส่วนบุคคล {q.Number} ({q.Kind.Thai()}) ครบกำหนดพิจารณาวันที่ {ThaiDates.Long(WorkingCalendar.BangkokDate(q.DueAt))} ค่ะ";
                foreach (var admin in admins)
                {
                    var id = string.Create(CultureInfo.InvariantCulture, $"privacy-due:{q.Id}:{stage}:staff:{admin.Id}");
                    if (notifications.AddIfAbsent(work, new Notification
                    {
                        Id = id, Kind = "privacy-due", To = admin.Line, MessagesJson = NotificationTexts.Json(new TextMessage(text)), CreatedAt = now, NextAttemptAt = now,
                    }))
                    {
                        added.Add(id);
                    }
                }
            }

            return added;
        }).ConfigureAwait(false);
        dispatcher.EnqueueCommitted(ids);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Privacy retention: {Count} records purged or anonymised")]
    private static partial void LogDone(ILogger logger, int count);
}

/// <summary>Registers the daily retention job as the service starts.</summary>
internal sealed class PurgeJobStartup(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PurgeJob>(PurgeJob.JobId, j => j.RunAsync(), PurgeJob.Cron, new RecurringJobOptions { TimeZone = WorkingCalendar.Bangkok });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
