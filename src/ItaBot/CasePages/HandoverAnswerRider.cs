using System.Text.Json;
using ItaBot.Conversations;
using ItaBot.Line;
using ItaBot.Line.Messages;
using ItaBot.LineChannel;
using ItaBot.Notifications;
using ItaBot.QandA;
using ItaBot.Storage;

namespace ItaBot.CasePages;

/// <summary>
/// A staff answer that has not been pushed yet (waiting for <see cref="NotificationOptions.HandoverAnswerWait"/>, held at
/// LINE's monthly limit, or waiting for a retry) goes out with the citizen's next reply, which costs no quota. The claim
/// takes the notification's in-process delivery guard, so no push of it can start until the turn's commit has ended.
/// </summary>
internal sealed class HandoverAnswerRider(
    IQaStore qa, INotificationStore notifications, NotificationDispatcher dispatcher, LineQuota quota, TimeProvider time) : IReplyRider
{
    public const string Via = "reply";

    public RiderClaim? TryClaim(string userId, int room)
    {
        var claimed = new List<string>();
        var messages = new List<Message>();
        foreach (var handover in qa.ListHandoversFor(userId))
        {
            if (handover.Status != HandoverStatus.Answered)
            {
                continue;
            }

            var id = HandoverEndpoints.NotificationId(handover.Id);
            if (!dispatcher.TryBegin(id))
            {
                continue;   // a push of it is under way: it is that push's
            }

            var waiting = notifications.Find(id) is { State: NotificationState.Pending or NotificationState.Failed } n
                ? JsonSerializer.Deserialize<List<Message>>(n.MessagesJson, LineJson.Options) ?? []
                : [];
            if (waiting.Count == 0 || messages.Count + waiting.Count > room)
            {
                dispatcher.End(id);
                continue;
            }

            claimed.Add(id);
            messages.AddRange(waiting);
        }

        if (claimed.Count == 0)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        return new RiderClaim(
            messages,
            db =>
            {
                foreach (var id in claimed)
                {
                    notifications.MarkDelivered(db, id, Via, now);
                }
            },
            () =>
            {
                foreach (var id in claimed)
                {
                    dispatcher.End(id);
                    if (notifications.Find(id) is { State: NotificationState.Sent })
                    {
                        quota.Unhold("notification:" + id);
                    }
                }
            });
    }
}
