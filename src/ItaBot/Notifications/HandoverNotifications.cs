using ItaBot.Complaints;
using ItaBot.Line.Messages;
using ItaBot.QandA;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Notifications;

/// <summary>
/// A question the bot handed to a person reaches the linked staff of <see cref="NotificationOptions.HandoverDepartment"/>
/// (and the staff group), written in the same commit as the handover: the citizen is told "ส่งให้เจ้าหน้าที่แล้ว" exactly
/// when staff are told. The message quotes the start of the question (general Q&amp;A, never a protected report).
/// </summary>
internal sealed class HandoverNotifications(
    INotificationStore notifications, StaffDirectory staff, NotificationDispatcher dispatcher, IOptions<NotificationOptions> options, TimeProvider time,
    Agencies.AgencyDirectory? agencies = null)
    : IHandoverObserver
{
    public const string Kind = "handover-new";

    public void OnHandoverCreated(IUnitOfWork work, string handoverId, string question)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var text = NotificationTexts.Json(new TextMessage(
            $"มีคำถามจากประชาชนที่บอทตอบไม่ได้ค่ะ\n\"{Descriptions.Preview(question, 120)}\"\nตอบได้ที่หน้า \"คำถามที่ส่งต่อเจ้าหน้าที่\" ในระบบเจ้าหน้าที่"));
        var recipients = staff.LinkedOfDepartment(options.Value.HandoverDepartment)
            .Select(s => (Id: $"{Kind}:{handoverId}:staff:{s.Id}", To: s.LineUserId!))
            .ToList();
        if ((agencies is null ? options.Value.StaffGroupId : agencies.StaffGroupOr(options.Value.StaffGroupId)) is { Length: > 0 } group)
        {
            recipients.Add(($"{Kind}:{handoverId}:group", group));
        }

        foreach (var (id, to) in recipients)
        {
            var notification = new Notification { Id = id, Kind = Kind, To = to, MessagesJson = text, CreatedAt = now, NextAttemptAt = now };
            if (notifications.AddIfAbsent(work, notification))
            {
                dispatcher.AfterCommit(id);
            }
        }
    }
}
