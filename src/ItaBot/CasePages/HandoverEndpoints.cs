using System.Globalization;
using ItaBot.CasePages.Pages;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Line.Messages;
using ItaBot.Notifications;
using ItaBot.QandA;
using ItaBot.Shared.Pages;
using ItaBot.Staff;
using Microsoft.Extensions.Options;

namespace ItaBot.CasePages;

/// <summary>
/// /staff/handovers: questions the bot handed to a person, each with an answer form. The answer and the LINE push that
/// carries it to the citizen are one store write (the push is an entry of the notification outbox), so a crash never
/// loses the push nor sends it twice. Admins also find the "reload content" button here.
/// </summary>
internal static class HandoverEndpoints
{
    public const string Path = "/staff/handovers";
    public const string NotificationKind = "handover-answer";

    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("/handovers", (HttpContext context, IQaStore qa, ContentPackProvider content, string? done) =>
            Page(context, qa, content, done switch
            {
                "answered" => PageMessage.Ok("ส่งคำตอบถึงผู้ถามแล้วค่ะ"),
                "answered-saved" => PageMessage.Ok("ส่งคำตอบถึงผู้ถามแล้ว และบันทึกเป็นคำถามที่พบบ่อยแล้วค่ะ บอทตอบคำถามนี้ได้ทันที"),
                "answered-not-saved" => new PageMessage("ส่งคำตอบถึงผู้ถามแล้ว แต่บันทึกเป็นคำถามที่พบบ่อยไม่สำเร็จ (ข้อมูลของบอทมีข้อผิดพลาด) กรุณาแจ้งผู้ดูแลระบบค่ะ"),
                _ => null,
            }));
        staff.MapPost("/handovers/{id}/answer", AnswerAsync);
        staff.MapPost("/handovers/reload-content", Reload).RequireAuthorization(StaffPolicies.Admin);
    }

    /// <summary>
    /// The outbox entry that carries a handover answer; its id is the handover's, so it is written once. It is due after
    /// <paramref name="wait"/>: until then (and as long as it has not gone) the citizen's next message takes it as a reply.
    /// </summary>
    public static Notification ToNotification(HandoverPush push, DateTime now, TimeSpan wait = default) => new()
    {
        Id = NotificationId(push.HandoverId),
        Kind = NotificationKind,
        To = push.To,
        MessagesJson = NotificationTexts.Json(new TextMessage(push.Text)),
        CreatedAt = now,
        NextAttemptAt = now + wait,
    };

    public static string NotificationId(string handoverId) => NotificationKind + ":" + handoverId;

    private static async Task<IResult> AnswerAsync(
        HttpContext context, IFormCollection form, IQaStore qa, ContentPackProvider content, INotificationStore notifications, NotificationDispatcher dispatcher, IStaffStore staff, TimeProvider time,
        IOptions<NotificationOptions> options, string id)
    {
        var answer = Descriptions.Clean(form["answer"], 4000);
        if (answer.Length == 0)
        {
            return Page(context, qa, content, new PageMessage("กรุณาพิมพ์คำตอบค่ะ"), StatusCodes.Status400BadRequest);
        }

        var by = staff.Find(context.User.Id())?.UserName ?? context.User.Id();
        var now = time.GetUtcNow().UtcDateTime;
        string? added = null;
        var push = await qa.AnswerHandoverAsync(id, answer, by, (work, p) =>
        {
            var notification = ToNotification(p, now, options.Value.HandoverAnswerWait);
            added = notifications.AddIfAbsent(work, notification) ? notification.Id : null;
        }).ConfigureAwait(false);
        if (push is null)
        {
            return Page(context, qa, content, new PageMessage("คำถามนี้ได้รับคำตอบไปแล้ว หรือไม่มีอยู่แล้วค่ะ"), StatusCodes.Status409Conflict);
        }

        if (added is not null && options.Value.HandoverAnswerWait > TimeSpan.Zero)
        {
            dispatcher.Schedule(added, options.Value.HandoverAnswerWait);   // the sweep covers a crash here too: it is due then
        }
        else if (added is not null)
        {
            dispatcher.EnqueueCommitted([added]);   // committed: the write above has completed; the sweep covers a crash here
        }

        if (form["save_faq"] == "on" && qa.FindHandover(id) is { } handover)
        {
            // Saved for next time: appended to faq.yaml and loaded at once; a pack that no longer loads is put back.
            var previous = FaqAppender.Append(content.Directory, "staff-" + handover.Id, Descriptions.Preview(handover.Question, 290), answer);
            if (!content.Reload().Swapped)
            {
                FaqAppender.Restore(content.Directory, previous);
                content.Reload();
                return Results.Redirect(Path + "?done=answered-not-saved");
            }

            return Results.Redirect(Path + "?done=answered-saved");
        }

        return Results.Redirect(Path + "?done=answered");
    }

    // The form parameter is what makes minimal APIs check the antiforgery token: the button posts nothing else.
    private static IResult Reload(HttpContext context, IFormCollection form, IQaStore qa, ContentPackProvider content)
    {
        var result = content.Reload();
        return result.Swapped
            ? Page(context, qa, content, PageMessage.Ok(string.Create(CultureInfo.InvariantCulture, $"โหลดข้อมูลใหม่แล้ว (ฉบับที่ {result.Version}) ค่ะ")))
            : Page(context, qa, content, null, failed: result);
    }

    private static IResult Page(
        HttpContext context, IQaStore qa, ContentPackProvider content, PageMessage? message, int statusCode = StatusCodes.Status200OK, ContentReloadResult? failed = null) =>
        StaffPage.Page<HandoversPage, HandoversModel>(new(
            qa.ListOpenHandovers(), message, failed,
            CaseAccess.IsAdmin(context.User) ? new(content.Version, content.Snapshot.LoadedAt.UtcDateTime) : null), statusCode);

    /// <summary>The open handovers, each with its answer form; for admins, the content pack in use (and its reload button).</summary>
    /// <param name="Failed">A reload just refused, with the pack's errors.</param>
    internal sealed record HandoversModel(IReadOnlyList<Handover> Open, PageMessage? Message, ContentReloadResult? Failed, ContentInUse? Content);

    internal sealed record ContentInUse(long Version, DateTime LoadedAt);
}
