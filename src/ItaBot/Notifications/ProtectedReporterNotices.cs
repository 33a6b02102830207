using ItaBot.Line.Messages;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Notifications;

/// <summary>
/// Notices about protected reports that carry nothing of a report: to a reporter who opted in (an officer changed the
/// status or wrote to them), and to integrity officers about reports whose retention ends soon. The reporter's LINE
/// id is never written here: the notification's recipient is <c>vault-report:{reportId}</c>, and the delivery asks the
/// vault's notifier for the sealed address at send time (<see cref="ISealedRecipients"/>); an opt-out or a deletion
/// before the push simply drops it.
/// </summary>
internal sealed class ProtectedReporterNotices(
    IStoreWriter writer, INotificationStore notifications, StaffDirectory staff, NotificationDispatcher dispatcher, IOptions<NotificationOptions> options, TimeProvider time)
{
    public const string ReporterKind = "protected-notice";
    public const string ExpiringKind = "protected-expiring";
    public const string SealedPrefix = "vault-report:";

    /// <summary>Tells the reporter of <paramref name="reportId"/> (who opted in) that there is news; <paramref name="cause"/> makes it once per change.</summary>
    public Task NotifyReporterAsync(string reportId, string cause, string sentence) => writer.WriteAsync(work =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        Add(work, new Notification
        {
            Id = $"{ReporterKind}:{reportId}:{cause}", Kind = ReporterKind, To = SealedPrefix + reportId,
            MessagesJson = NotificationTexts.Json(new TextMessage(sentence)), CreatedAt = now, NextAttemptAt = now,
        });
    });

    /// <summary>
    /// Tells every linked integrity officer of each report expiring soon, once per report and retention date (an
    /// extension gives a new date, hence a new warning): a fixed sentence and a link, no number.
    /// </summary>
    public Task<int> WarnExpiringAsync(IEnumerable<(string ReportId, DateTimeOffset RetainUntil)> reports, string sentence) => writer.WriteAsync(work =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var text = NotificationTexts.Json(new TextMessage(Link() is { } link ? $"{sentence}\n{link}" : sentence));
        var officers = staff.LinkedIntegrityOfficers();
        var added = 0;
        foreach (var (reportId, retainUntil) in reports)
        {
            foreach (var officer in officers)
            {
                added += Add(work, new Notification
                {
                    Id = $"{ExpiringKind}:{reportId}:{retainUntil.UtcDateTime:yyyyMMddHHmm}:staff:{officer.Id}", Kind = ExpiringKind,
                    To = officer.LineUserId!, MessagesJson = text, CreatedAt = now, NextAttemptAt = now,
                }) ? 1 : 0;
            }
        }

        return added;
    });

    private bool Add(IUnitOfWork work, Notification notification)
    {
        if (!notifications.AddIfAbsent(work, notification))
        {
            return false;
        }

        dispatcher.AfterCommit(notification.Id);
        return true;
    }

    /// <summary>The integrity pages, on the host that <see cref="NotificationOptions.StaffCaseUrl"/> names (none when unset).</summary>
    private string? Link() =>
        Uri.TryCreate(options.Value.StaffCaseUrl?.Replace("{0}", "x", StringComparison.Ordinal), UriKind.Absolute, out var url)
            ? url.GetLeftPart(UriPartial.Authority) + "/staff/integrity"
            : null;
}
