using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Line.Messages;
using ItaBot.Notifications;
using ItaBot.QandA;
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
                "answered" => StaffPage.Message("ส่งคำตอบถึงผู้ถามแล้วค่ะ", "ok"),
                "answered-saved" => StaffPage.Message("ส่งคำตอบถึงผู้ถามแล้ว และบันทึกเป็นคำถามที่พบบ่อยแล้วค่ะ บอทตอบคำถามนี้ได้ทันที", "ok"),
                "answered-not-saved" => StaffPage.Message("ส่งคำตอบถึงผู้ถามแล้ว แต่บันทึกเป็นคำถามที่พบบ่อยไม่สำเร็จ (ข้อมูลของบอทมีข้อผิดพลาด) กรุณาแจ้งผู้ดูแลระบบค่ะ"),
                _ => Html.Empty,
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
            return Page(context, qa, content, StaffPage.Message("กรุณาพิมพ์คำตอบค่ะ"), StatusCodes.Status400BadRequest);
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
            return Page(context, qa, content, StaffPage.Message("คำถามนี้ได้รับคำตอบไปแล้ว หรือไม่มีอยู่แล้วค่ะ"), StatusCodes.Status409Conflict);
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
        var message = result.Swapped
            ? StaffPage.Message($"โหลดข้อมูลใหม่แล้ว (ฉบับที่ {result.Version}) ค่ะ", "ok")
            : Html.Of($"""
                <section class="msg error" role="status"><p>ข้อมูลมีข้อผิดพลาด {result.Errors.Count} จุด ยังใช้ฉบับที่ {result.Version} ต่อไปค่ะ</p>
                <ul>{result.Errors.Take(20).Select(e => Html.Of($"<li>{e}</li>"))}</ul></section>
                """);
        return Page(context, qa, content, message);
    }

    private static IResult Page(HttpContext context, IQaStore qa, ContentPackProvider content, Html message, int statusCode = StatusCodes.Status200OK)
    {
        var open = qa.ListOpenHandovers();
        var items = open.Count == 0
            ? Html.Of($"""<p class="muted">ไม่มีคำถามค้างตอบค่ะ</p>""")
            : Html.Join(open.Select(h => Html.Of($"""
                <form class="box handover" method="post" action="{Path}/{h.Id}/answer">{StaffPage.Antiforgery(context)}
                <p class="muted">{ThaiTime.DateAndTime(h.CreatedAt)}</p>
                <p class="question">{CaseViews.Lines(h.Question)}</p>
                <label for="answer-{h.Id}">คำตอบ (ส่งถึงผู้ถามทาง LINE)</label>
                <textarea id="answer-{h.Id}" name="answer" required maxlength="4000"></textarea>
                <label class="check"><input type="checkbox" name="save_faq"> บันทึกเป็นคำถามที่พบบ่อย (บอทตอบเองครั้งต่อไป)</label>
                <button type="submit">ส่งคำตอบ</button>
                </form>
                """)));
        var reload = CaseAccess.IsAdmin(context.User)
            ? Html.Of($"""
                <h2>ข้อมูลของบอท</h2>
                <form class="box" id="reload-form" method="post" action="{Path}/reload-content">{StaffPage.Antiforgery(context)}
                <p>ฉบับที่ใช้อยู่: {content.Version} (โหลดเมื่อ {ThaiTime.DateAndTime(content.Snapshot.LoadedAt.UtcDateTime)}) — แก้ไฟล์ในโฟลเดอร์ content แล้วกดปุ่มนี้ ระบบจะตรวจก่อนใช้</p>
                <button class="secondary" type="submit">โหลดข้อมูลใหม่</button>
                </form>
                """)
            : Html.Empty;
        return StaffPage.Render(context, "คำถามที่ส่งต่อเจ้าหน้าที่", Html.Of($"""
            {message}
            {items}
            {reload}
            """), statusCode);
    }
}
