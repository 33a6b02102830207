using System.Globalization;
using System.Text.Json;
using ItaBot.Cases;
using ItaBot.Line;
using ItaBot.Line.Messages;

namespace ItaBot.Notifications;

/// <summary>What citizens and staff read: short, polite Thai, times in Bangkok with the Buddhist Era year.</summary>
internal static class NotificationTexts
{
    public static TimeZoneInfo Bangkok => WorkingCalendar.Bangkok;

    private static readonly CultureInfo ThaiBuddhist = CreateThai();

    private const int ExcerptLength = 120;

    public static string Json(params Message[] messages) => JsonSerializer.Serialize<IReadOnlyList<Message>>(messages, LineJson.Options);

    public static string NewCase(CaseRecord c, string? link) =>
        Join($"เรื่องร้องเรียนใหม่ {c.Number} ({c.Channel.Thai()})", Excerpt(c.Description), Link(link));

    public static string Assigned(CaseRecord c, string? link) =>
        Join($"คุณได้รับมอบหมายเรื่อง {c.Number} ค่ะ", Excerpt(c.Description), $"ตอบผู้ร้องภายใน {When(c.AnswerBy)}", Link(link));

    public static string FollowUp(CaseRecord c, CaseEvent change, string? link) =>
        Join($"ผู้ร้องส่งข้อมูลเพิ่มในเรื่อง {c.Number} ค่ะ", Excerpt(change.Note), Link(link));

    /// <summary>
    /// The citizen's notice of a status change. The status form's note is labelled "to the citizen", so it goes with every
    /// status; an assignment's note is internal and never does.
    /// </summary>
    public static string CitizenStatus(CaseRecord c, CaseEvent change)
    {
        if (c is { Status: CaseStatus.Referred, ReferredTo: { } to })
        {
            return Join($"เรื่อง {c.Number} ของคุณ ส่งต่อให้{to.AgencyName}ดูแลแล้วค่ะ", $"เลขที่เรื่องใหม่: {to.Number}", "เหตุผล: " + Excerpt(to.Reason, 500),
                $"{to.AgencyName}จะแจ้งความคืบหน้าให้ทราบทางแชทนี้ค่ะ หากติดต่อสอบถาม กรุณาแจ้งเลขที่ {to.Number} นะคะ");
        }

        var text = c.Status == CaseStatus.Completed
            ? $"เรื่อง {c.Number} ของคุณ ดำเนินการเสร็จสิ้นแล้วค่ะ ขอบคุณที่แจ้งเรื่องเข้ามานะคะ"
            : $"เรื่อง {c.Number} ของคุณ ตอนนี้อยู่ในสถานะ \"{c.Status.Thai()}\" ค่ะ";
        return change.Kind == CaseEventKind.StatusChanged && !string.IsNullOrWhiteSpace(change.Note)
            ? Join(text, CitizenNoteLabel(c.Status) + Excerpt(change.Note, 500))
            : text;
    }

    /// <summary>How a status note is introduced to the citizen, in the push and in "เรื่องของฉัน".</summary>
    public static string CitizenNoteLabel(CaseStatus status) => status switch
    {
        CaseStatus.Rejected => "เหตุผล: ",
        CaseStatus.Referred => "รายละเอียด: ",
        _ => "หมายเหตุจากเจ้าหน้าที่: ",
    };

    /// <summary>A notice of a case received from another agency, read in that agency's chat: it says which agency writes.</summary>
    public static string From(string? agencyName, string text) => agencyName is null ? text : Join($"จาก{agencyName}", text);

    public static string CitizenAnswer(CaseRecord c, CaseEvent change) =>
        Join($"คำตอบจากเจ้าหน้าที่ เรื่อง {c.Number} ค่ะ", Excerpt(change.Note, 4000));

    /// <summary>The rating question after a case closed: quick replies 1–5, answered as a postback "rate=&lt;caseId&gt;&amp;score=&lt;n&gt;".</summary>
    public static TextMessage RatingRequest(CaseRecord c) =>
        new($"ช่วยให้คะแนนความพึงพอใจต่อการแก้ไขเรื่อง {c.Number} หน่อยนะคะ (5 = พอใจมากที่สุด)")
        {
            QuickReply = new QuickReply([.. Shared.RatingScale.Scores
                .Select(n => new QuickReplyItem(new PostbackAction(RatingData(c.Id, n)) { Label = Shared.RatingScale.Label(n), DisplayText = Shared.RatingScale.Label(n) }))]),
        };

    public static string RatingData(string caseId, int score) => string.Create(CultureInfo.InvariantCulture, $"rate={Uri.EscapeDataString(caseId)}&score={score}");

    public static string DeadlineApproaching(CaseView c, bool answer, DateTime deadline, string? link) =>
        Join($"ใกล้ครบกำหนด{What(answer)}เรื่อง {c.Number} แล้วค่ะ", $"ครบกำหนด {When(deadline)}", Link(link));

    public static string DeadlineMissed(CaseView c, bool answer, DateTime deadline, string? link) =>
        Join($"เรื่อง {c.Number} เลยกำหนด{What(answer)}แล้วค่ะ", $"กำหนดเดิม {When(deadline)}", Link(link));

    public static string Escalation(CaseView c, bool answer, DateTime deadline, string? assignee, string? link) =>
        Join($"แจ้งหัวหน้าหน่วยงาน: เรื่อง {c.Number} เลยกำหนด{What(answer)}แล้วค่ะ", $"กำหนดเดิม {When(deadline)}",
            $"ผู้รับผิดชอบ: {assignee ?? "ยังไม่ได้มอบหมาย"}", Link(link));

    public static string Digest(DateOnly day, int created, int open, int overdue) =>
        Join($"สรุปเรื่องร้องเรียนประจำวันที่ {day.ToString("d MMM yyyy", ThaiBuddhist)}",
            string.Create(CultureInfo.InvariantCulture, $"เรื่องใหม่ (24 ชม.): {created}"),
            string.Create(CultureInfo.InvariantCulture, $"ยังไม่เสร็จ: {open}"),
            string.Create(CultureInfo.InvariantCulture, $"เลยกำหนด: {overdue}"));

    /// <summary>A UTC time as Bangkok time, Buddhist Era: "28 พ.ย. 2569 14:30 น.".</summary>
    public static string When(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Bangkok).ToString("d MMM yyyy HH:mm", ThaiBuddhist) + " น.";

    private static string What(bool answer) => answer ? "ตอบผู้ร้อง" : "รับเรื่อง";

    private static string? Link(string? link) => link is null ? null : $"ดูเรื่อง: {link}";

    private static string? Excerpt(string? text, int max = ExcerptLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return trimmed.Length <= max ? trimmed : string.Concat(trimmed.AsSpan(0, max), "…");
    }

    private static string Join(params string?[] lines) => string.Join('\n', lines.Where(l => !string.IsNullOrEmpty(l)));

    private static CultureInfo CreateThai()
    {
        // Explicitly the Buddhist calendar: th-TH's default calendar differs between ICU builds.
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("th-TH").Clone();
        culture.DateTimeFormat.Calendar = new ThaiBuddhistCalendar();
        return CultureInfo.ReadOnly(culture);
    }
}
