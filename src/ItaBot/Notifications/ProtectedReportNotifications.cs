using ItaBot.Line.Messages;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Notifications;

/// <summary>
/// Tells the linked integrity officers that a protected report arrived: one fixed Thai sentence and a link to their
/// pages, never a number, a name or a word of the report (LINE messages pass through LINE's servers). Nobody else is
/// told, not even the staff group. The notification id carries the vault's opaque report id, so a retried turn or form
/// post notifies once.
/// </summary>
internal sealed class ProtectedReportNotifications(
    IStoreWriter writer, INotificationStore notifications, StaffDirectory staff, NotificationDispatcher dispatcher, IOptions<NotificationOptions> options, TimeProvider time)
{
    public const string Kind = "protected-new";
    public const string Sentence = "มีเรื่องแจ้งเบาะแสการทุจริตหรือประพฤติมิชอบเข้ามาใหม่ค่ะ กรุณาตรวจสอบในระบบเจ้าหน้าที่ ส่วนงานคุ้มครองผู้แจ้ง";

    /// <summary>The notifications as a write to join another commit (a LINE turn).</summary>
    public Action<IUnitOfWork> Write(string reportId) => work =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var text = NotificationTexts.Json(new TextMessage(Link() is { } link ? $"{Sentence}\n{link}" : Sentence));
        foreach (var officer in staff.LinkedIntegrityOfficers())
        {
            var notification = new Notification
            {
                Id = $"{Kind}:{reportId}:staff:{officer.Id}", Kind = Kind, To = officer.LineUserId!, MessagesJson = text,
                CreatedAt = now, NextAttemptAt = now,
            };
            if (notifications.AddIfAbsent(work, notification))
            {
                dispatcher.AfterCommit(notification.Id);
            }
        }
    };

    /// <summary>For the web form, which has no turn to join: its own write.</summary>
    public Task NotifyAsync(string reportId) => writer.WriteAsync(Write(reportId));

    /// <summary>The integrity pages, on the host that <see cref="NotificationOptions.StaffCaseUrl"/> names (none when unset).</summary>
    private string? Link() =>
        Uri.TryCreate(options.Value.StaffCaseUrl?.Replace("{0}", "x", StringComparison.Ordinal), UriKind.Absolute, out var url)
            ? url.GetLeftPart(UriPartial.Authority) + "/staff/integrity"
            : null;
}
