using System.Globalization;
using ItaBot.Cases;
using ItaBot.Line.Messages;
using ItaBot.Staff;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Notifications;

/// <summary>
/// Turns a case change into notifications, inside the case's own store write (see <see cref="ICaseObserver"/>):
/// a new case to the linked officers of its department, an assignment to the assignee, a citizen's follow-up to the
/// assignee (or the department), a status change or an answer to the citizen (with a rating request on completion),
/// and a copy of each staff notification to the staff group when one is set. Ids carry the case version, so the same
/// change written twice (a batch retried alone) gives the same notifications once.
/// </summary>
internal sealed class CaseNotifications(
    INotificationStore notifications,
    StaffDirectory staff,
    NotificationDispatcher dispatcher,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    Agencies.AgencyDirectory? agencies = null) : ICaseObserver
{
    public void OnCaseChanged(IUnitOfWork work, CaseRecord? before, CaseRecord after, CaseEvent change)
    {
        foreach (var notification in For(before, after, change))
        {
            // A case referred from another agency reaches its citizen through the channel they are a friend of: that agency's outbox.
            using var agency = notification.Kind.StartsWith(CitizenKind, StringComparison.Ordinal) && after.CitizenAgencyId is { } via
                ? Storage.AgencyContext.Enter(via)
                : default;
            if (notifications.AddIfAbsent(work, notification))
            {
                dispatcher.AfterCommit(notification.Id);
            }
        }
    }

    private const string CitizenKind = "citizen-";

    internal List<Notification> For(CaseRecord? before, CaseRecord after, CaseEvent change)
    {
        var list = new List<Notification>();
        var version = after.Version.ToString(CultureInfo.InvariantCulture);
        var link = CaseLink(options.Value, after.Id);

        void ToStaff(string kind, IEnumerable<StaffAccount> staff, string text)
        {
            foreach (var s in staff)
            {
                list.Add(New($"{kind}:{after.Id}:{version}:staff:{s.Id}", kind, after.Id, s.LineUserId!, NotificationTexts.Json(new TextMessage(text))));
            }

            if ((agencies is null ? options.Value.StaffGroupId : agencies.StaffGroupOr(options.Value.StaffGroupId)) is { Length: > 0 } group)
            {
                list.Add(New($"{kind}:{after.Id}:{version}:group", kind, after.Id, group, NotificationTexts.Json(new TextMessage(text))));
            }
        }

        // Received from another agency: the citizen reads this agency's notices in that agency's chat, so they say who writes.
        var from = after.CitizenAgencyId is not null ? agencies?.Current.Name : null;

        void ToCitizen(string kind, params Message[] messages)
        {
            if (!string.IsNullOrEmpty(after.CitizenLineUserId))
            {
                list.Add(New($"{kind}:{after.Id}:{version}:citizen", kind, after.Id, after.CitizenLineUserId, NotificationTexts.Json(messages)));
            }
        }

        switch (change.Kind)
        {
            case CaseEventKind.Created when before is null:
                ToStaff("case-new", staff.LinkedOfDepartment(after.Department), NotificationTexts.NewCase(after, link));
                break;
            case CaseEventKind.Assigned when after.AssigneeId is not null:
                ToStaff("case-assigned", staff.Linked(after.AssigneeId) is { } assignee ? [assignee] : [], NotificationTexts.Assigned(after, link));
                break;
            case CaseEventKind.CitizenFollowUp:
                ToStaff("case-followup", AssigneeOrDepartment(after), NotificationTexts.FollowUp(after, change, link));
                break;
            case CaseEventKind.AnswerToCitizen:
                ToCitizen("citizen-answer", new TextMessage(NotificationTexts.From(from, NotificationTexts.CitizenAnswer(after, change))));
                break;
        }

        if (before is not null && before.Status != after.Status)
        {
            var notice = new TextMessage(NotificationTexts.From(from, NotificationTexts.CitizenStatus(after, change)));
            // A case received from another agency is rated too, in the chat the citizen is a friend of: their tap there finds
            // this case through their referred case (ComplaintDesk.FindMine) and the score lands here, on the agency that did the work.
            if (after.Status == CaseStatus.Completed)
            {
                ToCitizen("citizen-status", notice, NotificationTexts.RatingRequest(after));
            }
            else
            {
                ToCitizen("citizen-status", notice);
            }
        }

        return list;
    }

    internal static string? CaseLink(NotificationOptions options, string caseId) =>
        string.IsNullOrWhiteSpace(options.StaffCaseUrl) ? null : string.Format(CultureInfo.InvariantCulture, options.StaffCaseUrl, Uri.EscapeDataString(caseId));

    private List<StaffAccount> AssigneeOrDepartment(CaseRecord c) =>
        staff.Linked(c.AssigneeId) is { } assignee ? [assignee] : staff.LinkedOfDepartment(c.Department);

    private Notification New(string id, string kind, string caseId, string to, string messagesJson)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new Notification
        {
            Id = id,
            Kind = kind,
            CaseId = caseId,
            To = to,
            MessagesJson = messagesJson,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
