using System.Globalization;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

/// <summary>
/// "privacy.request": a citizen uses their PDPA rights in LINE. "ขอดูข้อมูลของฉัน" / "ขอสำเนาข้อมูล" answer at once (a
/// summary and a one-time link to a JSON and CSV copy); "ลบข้อมูลของฉัน" asks for a confirmation, "แก้ไขข้อมูล" for what
/// to correct, and both become a request staff decide within the deadline. Only in a one-to-one chat: the LINE account
/// is what identifies the person.
/// </summary>
internal sealed class PrivacyRequestDialog(PrivacyRequests requests, PrivacyLink link, TurnWrites writes, IOptions<PrivacyOptions> settings, IOptions<StorageOptions> storage)
    : Dialog(DialogId)
{
    public const string DialogId = "privacy.request";
    public const string ConfirmEraseData = "privacy:erase=yes";

    public static readonly IReadOnlyList<string> AccessWords = ["ขอดูข้อมูลของฉัน", "ขอสำเนาข้อมูล", "ขอข้อมูลของฉัน", "ดูข้อมูลของฉัน"];
    public static readonly IReadOnlyList<string> EraseWords = ["ลบข้อมูลของฉัน", "ขอลบข้อมูล", "ลบข้อมูลส่วนตัว"];
    public static readonly IReadOnlyList<string> RectifyWords = ["แก้ไขข้อมูล", "แก้ไขข้อมูลของฉัน", "ขอแก้ไขข้อมูล"];
    public static readonly IReadOnlyList<string> MenuWords = ["ข้อมูลส่วนบุคคล", "สิทธิของฉัน", "pdpa"];

    public const string OnlyOneToOne = "คำขอเกี่ยวกับข้อมูลส่วนบุคคลทำได้ในแชทส่วนตัวกับ LINE ของเทศบาลค่ะ";
    public static string AskConfirmErase(int deadlineDays) => string.Create(CultureInfo.InvariantCulture,
        $"ต้องการขอให้เทศบาลลบข้อมูลส่วนบุคคลของท่าน (ชื่อ เบอร์โทร รูปถ่าย สถานที่ และรายละเอียดเรื่องร้องเรียน) ใช่ไหมคะ\n" +
        $"เจ้าหน้าที่จะพิจารณาภายใน {deadlineDays} วัน เรื่องที่ยังดำเนินการอยู่อาจต้องเก็บไว้จนเสร็จก่อนค่ะ");
    public const string AskCorrection = "ต้องการแก้ไขข้อมูลอะไรคะ พิมพ์บอกได้เลย เช่น \"เบอร์โทรในเรื่อง ร69-00012 เปลี่ยนเป็น 0812345678\"";
    public const string EraseNotConfirmed = "ยังไม่ได้ส่งคำขอค่ะ หากต้องการภายหลัง พิมพ์ \"ลบข้อมูลของฉัน\" ได้ทุกเมื่อนะคะ";

    private const string Stage = "stage";

    public static string Received(PrivacyRequest r) =>
        $"รับคำขอเลขที่ {r.Number} ({r.Kind.Thai()}) แล้วค่ะ 🙏 เจ้าหน้าที่จะพิจารณาและแจ้งผลทาง LINE นี้ภายในวันที่ {ThaiDates.Long(DateOnly.FromDateTime(WorkingCalendar.ToBangkok(r.DueAt)))} ค่ะ";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        if (!string.Equals(activity.ConversationId, activity.UserId, StringComparison.Ordinal))
        {
            await dc.Context.SendTextAsync(OnlyOneToOne, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        switch (options as string)
        {
            case "access":
                return await AnswerAccessAsync(dc, cancellationToken).ConfigureAwait(false);
            case "erasure":
                dc.ActiveDialog!.State[Stage] = "erasure";
                await dc.Context.SendAsync(Reply.FromText(AskConfirmErase(settings.Value.RequestDeadlineDays), [new Choice("ยืนยันขอลบข้อมูล", ConfirmEraseData), new Choice("ยกเลิก")]), cancellationToken)
                    .ConfigureAwait(false);
                return EndOfTurn;
            case "rectification":
                dc.ActiveDialog!.State[Stage] = "rectification";
                await dc.Context.SendTextAsync(AskCorrection, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            default:
                await dc.Context.SendAsync(Reply.FromText(
                    $"ท่านใช้สิทธิเกี่ยวกับข้อมูลส่วนบุคคลได้ที่นี่ค่ะ อ่านประกาศความเป็นส่วนตัวได้ที่ {link.Url}",
                    [new Choice(AccessWords[0]), new Choice(EraseWords[0]), new Choice(RectifyWords[0])]), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        var stage = dc.ActiveDialog!.State[Stage]?.GetValue<string>();
        if (stage == "erasure")
        {
            if (activity.PostbackData == ConfirmEraseData || ThaiText.NormalizeAnswer(activity.Text) is "ยืนยัน" or "ยืนยันขอลบข้อมูล" or "ใช่")
            {
                var request = Record(activity, PrivacyRequestKind.Erasure, null);
                await dc.Context.SendTextAsync(Received(request), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await dc.Context.SendTextAsync(EraseNotConfirmed, cancellationToken).ConfigureAwait(false);
            }

            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (activity.Kind != ActivityKind.Message || string.IsNullOrWhiteSpace(activity.Text))
        {
            await dc.Context.SendTextAsync(AskCorrection, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        var correction = Record(activity, PrivacyRequestKind.Rectification, Descriptions.Clean(activity.Text, 1000));
        await dc.Context.SendTextAsync(Received(correction), cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AnswerAccessAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var activity = dc.Context.Activity;
        var request = Record(activity, PrivacyRequestKind.Access, null);
        var data = requests.Gather(activity.UserId, null);
        var (url, link) = requests.PrepareCopyLink(activity.UserId, request.Id);
        writes.Add(activity.ConversationId, link);
        var hours = (int)Math.Round(settings.Value.CopyLinkLifetime.TotalHours);
        await dc.Context.SendTextAsync(data.Summary(storage.Value.RetentionDays), cancellationToken).ConfigureAwait(false);
        await dc.Context.SendTextAsync(
            string.Create(CultureInfo.InvariantCulture, $"ดาวน์โหลดสำเนาข้อมูลทั้งหมด (ไฟล์ JSON และ CSV) ได้ที่ลิงก์นี้ค่ะ ลิงก์ใช้ได้ครั้งเดียว ภายใน {hours} ชั่วโมง\n{url}\n(คำขอเลขที่ {request.Number})"),
            cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request joins the turn's commit with the reply, so a turn that runs again records it once.</summary>
    private PrivacyRequest Record(Activity activity, PrivacyRequestKind kind, string? detail)
    {
        var (request, write) = requests.Prepare(kind, activity.UserId, null, null, detail, PrivacyRequests.CitizenActor);
        writes.Add(activity.ConversationId, write);
        return request;
    }
}
