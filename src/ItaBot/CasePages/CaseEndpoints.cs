using System.Globalization;
using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Media;
using ItaBot.Staff;

namespace ItaBot.CasePages;

/// <summary>
/// /staff/cases/{number}: one case with its photos, place, contact, timeline, and the forms that work it (assign,
/// status, answer the citizen, internal note). Every form posts the version it showed: a change made from a stale page
/// is refused, the latest state is shown and what the officer typed stays in the form. The citizen's LINE id is never
/// shown; another department's case is 404.
/// </summary>
internal static partial class CaseEndpoints
{
    public const string ConflictText = "มีผู้อื่นแก้ไขเรื่องนี้ไปก่อนแล้ว ด้านล่างคือข้อมูลล่าสุด ไม่มีการบันทึกทับ ข้อความที่คุณพิมพ์ยังอยู่ในแบบฟอร์ม กรุณาตรวจสอบแล้วส่งอีกครั้งค่ะ";
    public const string NoLineText = "เรื่องนี้ไม่ได้แจ้งทาง LINE จึงส่งคำตอบผ่านระบบไม่ได้ กรุณาติดต่อผู้ร้องตามช่องทางที่ให้ไว้ค่ะ";
    public const string StatusNoteToCitizen = "ข้อความนี้จะส่งถึงผู้ร้องทาง LINE พร้อมสถานะใหม่ และแสดงใน \"เรื่องของฉัน\" ของผู้ร้องค่ะ";
    public const string StatusNoteNoLine = "เรื่องนี้ไม่ได้แจ้งทาง LINE หมายเหตุจะบันทึกไว้ในลำดับเหตุการณ์ กรุณาแจ้งผู้ร้องตามช่องทางที่ให้ไว้ค่ะ";
    private const int MaxNoteLength = 4000;

    private static readonly Dictionary<string, string> Done = new(StringComparer.Ordinal)
    {
        ["assign"] = "มอบหมายแล้วค่ะ",
        ["status"] = "เปลี่ยนสถานะแล้วค่ะ",
        ["answer"] = "ส่งคำตอบถึงผู้ร้องแล้วค่ะ (ผู้ร้องจะได้รับทาง LINE)",
        ["note"] = "บันทึกภายในแล้วค่ะ",
        ["created"] = "บันทึกเรื่องแล้วค่ะ",
        ["referred"] = "ส่งต่อแล้วค่ะ ผู้ร้องได้รับแจ้งทาง LINE ว่าหน่วยงานใดดูแลเรื่องนี้ต่อ",
    };

    /// <summary>Protected reports live in the vault and are never referred through a case page: the reason, for anyone who tries.</summary>
    public const string ProtectedNotReferredText =
        "เบาะแสการทุจริตและประพฤติมิชอบอยู่ในระบบคุ้มครองผู้แจ้ง ไม่ส่งต่อหน่วยงานอื่นทางนี้ เพื่อไม่ให้ข้อมูลผู้แจ้งออกไปนอกหน่วยงานค่ะ "
        + "หากต้องส่งต่อ เจ้าหน้าที่ศูนย์ต่อต้านการทุจริตบันทึกสถานะ \"ส่งต่อหน่วยงานอื่น\" ในหน้าเบาะแส พร้อมระบุหน่วยงานค่ะ";

    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("/cases/{key}", Show);
        staff.MapGet("/cases/{key}/photos/{id}", Photo);
        staff.MapPost("/cases/{key}/assign", AssignAsync);
        staff.MapPost("/cases/{key}/status", StatusAsync);
        staff.MapPost("/cases/{key}/answer", AnswerAsync);
        staff.MapPost("/cases/{key}/note", NoteAsync);
        staff.MapPost("/cases/{key}/refer", ReferAsync);
    }

    private static IResult Show(HttpContext context, CaseService cases, string key, string? done) =>
        CaseAccess.Find(cases, context.User, key) is { } record
            ? Page(context, record, done is not null && Done.TryGetValue(done, out var text) ? StaffPage.Message(text, "ok") : Html.Empty)
            : NotFound(context);

    /// <summary>A photo of a case the officer may see, only when the photo is that case's.</summary>
    private static IResult Photo(HttpContext context, CaseService cases, IPhotoStore photos, string key, string id) =>
        CaseAccess.Find(cases, context.User, key) is { } record && record.Photos.Any(p => string.Equals(p.Id, id, StringComparison.Ordinal))
            ? PhotoResults.Serve(photos, id)
            : Results.NotFound();

    private static async Task<IResult> AssignAsync(HttpContext context, IFormCollection form, CaseService cases, IStaffStore staff, string key)
    {
        if (Read(context, cases, form, key) is not ({ } record, { } version))
        {
            return NotFoundOrBadRequest(context, cases, key);
        }

        if (Officers(staff, record.Department).FirstOrDefault(o => o.Id == form["assignee"]) is not { } assignee)
        {
            return Page(context, record, StaffPage.Message("กรุณาเลือกเจ้าหน้าที่ของหน่วยงานนี้ค่ะ"), StatusCodes.Status400BadRequest, form);
        }

        var note = Clip(form["note"]);
        var text = "มอบหมายให้ " + assignee.DisplayName + (note is null ? string.Empty : "\n" + note);
        return Outcome(context, form, "assign", await cases.AssignAsync(record.Id, version, assignee.Id, context.User.Id(), text).ConfigureAwait(false));
    }

    private static async Task<IResult> StatusAsync(HttpContext context, IFormCollection form, CaseService cases, string key)
    {
        if (Read(context, cases, form, key) is not ({ } record, { } version))
        {
            return NotFoundOrBadRequest(context, cases, key);
        }

        if (!Enum.TryParse<CaseStatus>(form["status"], out var to) || !Enum.IsDefined(to) || int.TryParse(form["status"], out _))
        {
            return Page(context, record, StaffPage.Message("กรุณาเลือกสถานะค่ะ"), StatusCodes.Status400BadRequest, form);
        }

        return Outcome(context, form, "status", await cases.ChangeStatusAsync(record.Id, version, to, context.User.Id(), Clip(form["note"])).ConfigureAwait(false));
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, IFormCollection form, CaseService cases, string key)
    {
        if (Read(context, cases, form, key) is not ({ } record, { } version))
        {
            return NotFoundOrBadRequest(context, cases, key);
        }

        if (record.CitizenLineUserId is null)
        {
            return Page(context, record, StaffPage.Message(NoLineText), StatusCodes.Status400BadRequest, form);
        }

        return Outcome(context, form, "answer", await cases.AnswerCitizenAsync(record.Id, version, Clip(form["answer"]) ?? string.Empty, context.User.Id()).ConfigureAwait(false));
    }

    private static async Task<IResult> NoteAsync(HttpContext context, IFormCollection form, CaseService cases, string key)
    {
        if (Read(context, cases, form, key) is not ({ } record, { } version))
        {
            return NotFoundOrBadRequest(context, cases, key);
        }

        return Outcome(context, form, "note", await cases.AddInternalNoteAsync(record.Id, version, Clip(form["note"]) ?? string.Empty, context.User.Id()).ConfigureAwait(false));
    }

    /// <summary>Refers the case to another agency of this deployment (ส่งต่อหน่วยงานอื่นในระบบ): see <see cref="CaseService.ReferAsync"/>.</summary>
    private static async Task<IResult> ReferAsync(HttpContext context, IFormCollection form, CaseService cases, IStaffStore staff, string key)
    {
        if (Read(context, cases, form, key) is not ({ } record, { } version))
        {
            // A protected report's number ("ท69-00001") is never a case: say why it cannot be referred here, and nothing more.
            return ProtectedReportNumber().IsMatch(key)
                ? StaffPage.Render(context, "ส่งต่อไม่ได้", StaffPage.Message(ProtectedNotReferredText), StatusCodes.Status400BadRequest)
                : NotFoundOrBadRequest(context, cases, key);
        }

        var result = await cases.ReferAsync(record.Id, version, form["agency"].ToString(), Clip(form["reason"]), context.User.Id(),
            actor => staff.Find(actor)?.DisplayName ?? "เจ้าหน้าที่", context.RequestAborted).ConfigureAwait(false);
        return Outcome(context, form, "referred", result.Change);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^ท[0-9]{2}-[0-9]{5}$")]
    private static partial System.Text.RegularExpressions.Regex ProtectedReportNumber();

    /// <summary>The case (if the user may see it) and the version the form showed (null when missing or garbled).</summary>
    private static (CaseRecord? Record, int? Version) Read(HttpContext context, CaseService cases, IFormCollection form, string key) =>
        (CaseAccess.Find(cases, context.User, key),
            int.TryParse(form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null);

    private static IResult NotFoundOrBadRequest(HttpContext context, CaseService cases, string key) =>
        CaseAccess.Find(cases, context.User, key) is { } record
            ? Page(context, record, StaffPage.Message("แบบฟอร์มไม่สมบูรณ์ กรุณาลองอีกครั้งค่ะ"), StatusCodes.Status400BadRequest)
            : NotFound(context);

    private static IResult Outcome(HttpContext context, IFormCollection form, string done, CaseChangeResult result) => result.Outcome switch
    {
        CaseChangeOutcome.Changed => Results.Redirect(CaseAccess.Href(result.Case!) + "?done=" + done),
        CaseChangeOutcome.Conflict => Page(context, result.Case!, StaffPage.Message(ConflictText), StatusCodes.Status409Conflict, form),
        CaseChangeOutcome.Invalid => Page(context, result.Case!, StaffPage.Message(result.Error ?? "ทำรายการนี้ไม่ได้ค่ะ"), StatusCodes.Status400BadRequest, form),
        _ => NotFound(context),
    };

    public static IResult NotFound(HttpContext context) => StaffPage.Render(context, "ไม่พบเรื่อง", Html.Of($"""
        <p>ไม่พบเรื่องนี้ หรือเรื่องนี้ไม่ได้อยู่ในความรับผิดชอบของหน่วยงานคุณค่ะ</p>
        <p><a href="{CaseListEndpoints.Path}">กลับไปรายการเรื่อง</a></p>
        """), StatusCodes.Status404NotFound);

    private static string? Clip(Microsoft.Extensions.Primitives.StringValues value) =>
        Descriptions.Clean(value.ToString(), MaxNoteLength) is { Length: > 0 } text ? text : null;

    private static List<StaffAccount> Officers(IStaffStore staff, string department) =>
        [.. staff.ListByDepartment(department).Where(s => s is { Role: StaffRole.CaseOfficer, Disabled: false }).OrderBy(s => s.DisplayName, StringComparer.Ordinal)];

    private static IResult Page(HttpContext context, CaseRecord c, Html message, int statusCode = StatusCodes.Status200OK, IFormCollection? typed = null)
    {
        var services = context.RequestServices;
        var staff = services.GetRequiredService<IStaffStore>();
        var content = services.GetRequiredService<ContentPackProvider>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var departments = staff.ListDepartments();
        var href = CaseAccess.Href(c);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Who(string actor)
        {
            if (!names.TryGetValue(actor, out var name))
            {
                name = actor == CaseService.CitizenActor ? "ผู้ร้อง" : staff.Find(actor)?.DisplayName ?? actor;
                names[actor] = name;
            }

            return name;
        }

        string Typed(string field) => typed?[field].ToString() ?? string.Empty;
        var version = Html.Of($"""<input type="hidden" name="version" value="{c.Version}">""");

        var photos = c.Photos.Count == 0
            ? Html.Of($"""<p class="muted">ไม่มีรูปภาพ</p>""")
            : Html.Of($"""<div class="photos">{c.Photos.Select((p, i) => Html.Of($"""<a href="{href}/photos/{p.Id}"><img class="thumb" src="{href}/photos/{p.Id}" alt="รูปที่ {i + 1}" loading="lazy"></a>"""))}</div>""");
        var map = Places.MapLink(c.Location) is { } link
            ? Html.Of($""" <a href="{link}" target="_blank" rel="noopener noreferrer">เปิดแผนที่</a>""")
            : Html.Empty;
        var phone = c.ContactPhone is null ? "-" : c.ContactConsent ? c.ContactPhone : "(ผู้ร้องไม่ยินยอมให้ติดต่อกลับ)";
        var acknowledged = c.AcknowledgedAt is { } ack ? Html.Of($""" <span class="muted">(รับทราบแล้ว {ThaiTime.DateAndTime(ack)})</span>""") : Html.Empty;
        var rating = c.Rating is { } r
            ? Html.Of($"""<dt>ความพึงพอใจ</dt><dd id="rating"><span class="stars">{new string('★', r.Score)}{new string('☆', 5 - r.Score)}</span> {r.Score}/5{(r.Comment is null ? Html.Empty : Html.Of($"<br>“{r.Comment}”"))}</dd>""")
            : Html.Empty;

        var timeline = Html.Of($"""<ol class="timeline">{c.Timeline.Reverse().Select(e => Html.Of($"""
            <li class="ev-{e.Kind}"><div><strong>{EventTitle(e)}</strong> · {Who(e.Actor)} · <span class="muted">{ThaiTime.DateAndTime(e.At)}</span></div>
            {(e.Note is null ? Html.Empty : Html.Of($"""<div class="note">{CaseViews.Lines(e.Note)}</div>"""))}</li>
            """))}</ol>""");

        var officers = Officers(staff, c.Department);
        var assign = c.Status.IsClosed()
            ? Html.Empty
            : officers.Count == 0
                ? Html.Of($"""<section class="box"><h2>มอบหมาย</h2><p class="muted">หน่วยงานนี้ยังไม่มีเจ้าหน้าที่รับเรื่องในระบบค่ะ</p></section>""")
                : Html.Of($"""
                    <form class="box" id="assign-form" method="post" action="{href}/assign">{StaffPage.Antiforgery(context)}{version}
                    <h2>มอบหมาย</h2>
                    <label for="assignee">เจ้าหน้าที่</label>
                    <select id="assignee" name="assignee">{officers.Select(o => Html.Of($"""<option value="{o.Id}" {(o.Id == (typed is null ? c.AssigneeId : Typed("assignee")) ? new Html("selected") : Html.Empty)}>{o.DisplayName}</option>"""))}</select>
                    <label for="assign-note">หมายเหตุ (ไม่บังคับ)</label>
                    <textarea id="assign-note" name="note" maxlength="{MaxNoteLength}">{(typed is not null && typed.ContainsKey("assignee") ? Typed("note") : string.Empty)}</textarea>
                    <button type="submit">มอบหมาย</button>
                    </form>
                    """);

        var next = CaseService.Transitions[c.Status];
        var status = next.Length == 0
            ? Html.Of($"""<section class="box"><h2>เปลี่ยนสถานะ</h2><p class="muted">เรื่องนี้ปิดแล้ว ({c.Status.Thai()}) เปลี่ยนสถานะต่อไม่ได้ค่ะ</p></section>""")
            : Html.Of($"""
                <form class="box" id="status-form" method="post" action="{href}/status">{StaffPage.Antiforgery(context)}{version}
                <h2>เปลี่ยนสถานะ</h2>
                <label for="status">สถานะใหม่</label>
                <select id="status" name="status">{next.Select(s => Html.Of($"""<option value="{s}" {(s.ToString() == Typed("status") ? new Html("selected") : Html.Empty)}>{s.Thai()}</option>"""))}</select>
                <label for="status-note">หมายเหตุถึงผู้ร้อง (ต้องระบุเมื่อ "ไม่รับเรื่อง" หรือ "ส่งต่อหน่วยงานอื่น")</label>
                <p class="muted" id="status-note-hint">{(c.CitizenLineUserId is null ? StatusNoteNoLine : StatusNoteToCitizen)}</p>
                <textarea id="status-note" name="note" maxlength="{MaxNoteLength}">{(typed is not null && typed.ContainsKey("status") ? Typed("note") : string.Empty)}</textarea>
                <button type="submit">บันทึกสถานะ</button>
                </form>
                """);

        var answer = c.CitizenLineUserId is null
            ? Html.Of($"""
                <form class="box" id="answer-form"><fieldset disabled><h2>ตอบผู้ร้อง</h2>
                <p class="muted" id="answer-hint">{NoLineText}</p>
                <label for="answer">ข้อความถึงผู้ร้อง (ส่งทาง LINE)</label>
                <textarea id="answer" name="answer" aria-describedby="answer-hint"></textarea><button type="submit">ส่งคำตอบ</button></fieldset></form>
                """)
            : Html.Of($"""
                <form class="box" id="answer-form" method="post" action="{href}/answer">{StaffPage.Antiforgery(context)}{version}
                <h2>ตอบผู้ร้อง</h2>
                <label for="answer">ข้อความถึงผู้ร้อง (ส่งทาง LINE)</label>
                <textarea id="answer" name="answer" required maxlength="{MaxNoteLength}">{Typed("answer")}</textarea>
                <button type="submit">ส่งคำตอบ</button>
                </form>
                """);

        var note = Html.Of($"""
            <form class="box" id="note-form" method="post" action="{href}/note">{StaffPage.Antiforgery(context)}{version}
            <h2>บันทึกภายใน</h2>
            <label for="internal-note">บันทึก (เห็นเฉพาะเจ้าหน้าที่)</label>
            <textarea id="internal-note" name="note" required maxlength="{MaxNoteLength}">{(typed is not null && !typed.ContainsKey("assignee") && !typed.ContainsKey("status") ? Typed("note") : string.Empty)}</textarea>
            <button class="secondary" type="submit">บันทึก</button>
            </form>
            """);

        IReadOnlyList<Agencies.AgencyInfo> targets = c.Status.IsClosed() ? [] : services.GetRequiredService<CaseService>().ReferralTargets();
        var refer = targets.Count == 0
            ? Html.Empty
            : Html.Of($"""
                <form class="box" id="refer-form" method="post" action="{href}/refer">{StaffPage.Antiforgery(context)}{version}
                <h2>ส่งต่อหน่วยงานอื่นในระบบ</h2>
                <p class="muted" id="refer-hint">เรื่องนี้จะปิดที่นี่เป็น "ส่งต่อหน่วยงานอื่น" และเข้าคิวของหน่วยงานที่เลือก พร้อมรายละเอียด รูปภาพ และลำดับเหตุการณ์ ผู้ร้องจะได้รับแจ้งทาง LINE ว่าหน่วยงานใดดูแลต่อค่ะ</p>
                <label for="refer-agency">หน่วยงาน</label>
                <select id="refer-agency" name="agency">{targets.Select(a => Html.Of($"""<option value="{a.Id}" {(a.Id == Typed("agency") ? new Html("selected") : Html.Empty)}>{a.Name}</option>"""))}</select>
                <label for="refer-reason">เหตุผลที่ส่งต่อ (ผู้ร้องจะเห็น)</label>
                <textarea id="refer-reason" name="reason" required maxlength="{MaxNoteLength}" aria-describedby="refer-hint">{Typed("reason")}</textarea>
                <button type="submit">ส่งต่อ</button>
                </form>
                """);
        var referral = Html.Of($"""
            {(c.ReferredTo is { } to ? Html.Of($"""<dt>ส่งต่อให้</dt><dd id="referred-to">{to.AgencyName} เลขที่ {to.Number}</dd>""") : Html.Empty)}
            {(c.ReferredFrom is { } from ? Html.Of($"""<dt>รับต่อจาก</dt><dd id="referred-from">{from.AgencyName} เลขที่ {from.Number}<br>เหตุผล: {CaseViews.Lines(from.Reason)}</dd>""") : Html.Empty)}
            """);
        var history = c.ReferredFrom is { History.Count: > 0 } origin
            ? Html.Of($"""
                <h2>ประวัติจาก{origin.AgencyName} (เลขที่ {origin.Number})</h2>
                <ol class="timeline" id="referred-history">{origin.History.Reverse().Select(e => Html.Of($"""
                <li class="ev-{e.Kind}"><div><strong>{EventTitle(e)}</strong> · {(e.Actor == CaseService.CitizenActor ? "ผู้ร้อง" : e.Actor)} · <span class="muted">{ThaiTime.DateAndTime(e.At)}</span></div>
                {(e.Note is null ? Html.Empty : Html.Of($"""<div class="note">{CaseViews.Lines(e.Note)}</div>"""))}</li>
                """))}</ol>
                """)
            : Html.Empty;
        if (c.ReferredTo is not null)
        {
            // Referred away: the other agency works it now; nothing more is written here.
            answer = Html.Empty;
            note = Html.Of($"""<section class="box" id="referred-away"><p class="muted">เรื่องนี้ส่งต่อให้{c.ReferredTo.AgencyName}แล้ว (เลขที่ {c.ReferredTo.Number}) แก้ไขหรือตอบผู้ร้องที่นี่ไม่ได้ค่ะ</p></section>""");
        }

        var body = Html.Of($"""
            {message}
            <p><a href="{CaseListEndpoints.Path}">← รายการเรื่อง</a></p>
            <section class="box">
            <dl class="case">
            <dt>เลขที่</dt><dd id="case-number">{c.Number}</dd>
            <dt>สถานะ</dt><dd id="case-status">{CaseViews.Status(c.Status)}{CaseViews.OverdueMark(c, now)}</dd>
            <dt>ประเภท</dt><dd>{CaseViews.CategoryName(content, c.CategoryId)}</dd>
            <dt>หน่วยงาน</dt><dd>{CaseViews.DepartmentName(departments, c.Department)}</dd>
            <dt>ผู้รับผิดชอบ</dt><dd id="case-assignee">{(c.AssigneeId is null ? "ยังไม่ได้มอบหมาย" : Who(c.AssigneeId))}</dd>
            <dt>ช่องทาง</dt><dd>{c.Channel.Thai()}</dd>
            <dt>วันที่แจ้ง</dt><dd>{ThaiTime.DateAndTime(c.CreatedAt)}</dd>
            <dt>กำหนดรับเรื่อง</dt><dd>{ThaiTime.Deadline(c.AcknowledgeBy)}{acknowledged}</dd>
            <dt>กำหนดตอบผู้ร้อง</dt><dd>{ThaiTime.Deadline(c.AnswerBy)}{(c.ClosedAt is { } closed ? Html.Of($""" <span class="muted">(ปิดเรื่อง {ThaiTime.DateAndTime(closed)})</span>""") : Html.Empty)}</dd>
            <dt>สถานที่</dt><dd id="case-place">{Places.Describe(c.Location)}{map}</dd>
            <dt>ผู้ร้อง</dt><dd id="case-contact">{c.ContactName ?? (c.CitizenLineUserId is null ? "-" : "ผู้ใช้ LINE")}<br>โทร: {phone}</dd>
            {rating}
            {referral}
            </dl>
            <h2>รายละเอียด</h2>
            <div class="description" id="case-description">{CaseViews.Lines(c.Description)}</div>
            <h2>รูปภาพ</h2>
            {photos}
            </section>
            {assign}
            {status}
            {answer}
            {refer}
            {note}
            <h2>ลำดับเหตุการณ์</h2>
            {timeline}
            {history}
            """);
        return StaffPage.Render(context, "เรื่อง " + c.Number, body, statusCode);
    }

    private static string EventTitle(CaseEvent e) => e.Kind switch
    {
        CaseEventKind.Created => "รับเรื่อง",
        CaseEventKind.StatusChanged => $"เปลี่ยนสถานะ {e.From?.Thai()} → {e.To?.Thai()}",
        CaseEventKind.Assigned => "มอบหมาย",
        CaseEventKind.AnswerToCitizen => "ตอบผู้ร้อง",
        CaseEventKind.InternalNote => "บันทึกภายใน",
        CaseEventKind.CitizenFollowUp => "ผู้ร้องส่งข้อมูลเพิ่ม",
        CaseEventKind.Rated => "ผู้ร้องให้คะแนน",
        _ => e.Kind.ToString(),
    };
}
