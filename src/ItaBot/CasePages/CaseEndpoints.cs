using System.Globalization;
using ItaBot.CasePages.Pages;
using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Media;
using ItaBot.Shared.Pages;
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
    internal const int MaxNoteLength = 4000;

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
            ? Page(context, record, done is not null && Done.TryGetValue(done, out var text) ? PageMessage.Ok(text) : null)
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
            return Page(context, record, new PageMessage("กรุณาเลือกเจ้าหน้าที่ของหน่วยงานนี้ค่ะ"), StatusCodes.Status400BadRequest, form);
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
            return Page(context, record, new PageMessage("กรุณาเลือกสถานะค่ะ"), StatusCodes.Status400BadRequest, form);
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
            return Page(context, record, new PageMessage(NoLineText), StatusCodes.Status400BadRequest, form);
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
                ? StaffPage.Page<NotReferredPage>(StatusCodes.Status400BadRequest)
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
            ? Page(context, record, new PageMessage("แบบฟอร์มไม่สมบูรณ์ กรุณาลองอีกครั้งค่ะ"), StatusCodes.Status400BadRequest)
            : NotFound(context);

    private static IResult Outcome(HttpContext context, IFormCollection form, string done, CaseChangeResult result) => result.Outcome switch
    {
        CaseChangeOutcome.Changed => Results.Redirect(CaseAccess.Href(result.Case!) + "?done=" + done),
        CaseChangeOutcome.Conflict => Page(context, result.Case!, new PageMessage(ConflictText), StatusCodes.Status409Conflict, form),
        CaseChangeOutcome.Invalid => Page(context, result.Case!, new PageMessage(result.Error ?? "ทำรายการนี้ไม่ได้ค่ะ"), StatusCodes.Status400BadRequest, form),
        _ => NotFound(context),
    };

    public static IResult NotFound(HttpContext context)
    {
        _ = context;
        return StaffPage.Page<CaseNotFoundPage>(StatusCodes.Status404NotFound);
    }

    private static string? Clip(Microsoft.Extensions.Primitives.StringValues value) =>
        Descriptions.Clean(value.ToString(), MaxNoteLength) is { Length: > 0 } text ? text : null;

    private static List<StaffAccount> Officers(IStaffStore staff, string department) =>
        [.. staff.ListByDepartment(department).Where(s => s is { Role: StaffRole.CaseOfficer, Disabled: false }).OrderBy(s => s.DisplayName, StringComparer.Ordinal)];

    private static IResult Page(HttpContext context, CaseRecord c, PageMessage? message, int statusCode = StatusCodes.Status200OK, IFormCollection? typed = null)
    {
        var services = context.RequestServices;
        var staff = services.GetRequiredService<IStaffStore>();
        var content = services.GetRequiredService<ContentPackProvider>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
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

        IReadOnlyList<Agencies.AgencyInfo> targets = c.Status.IsClosed() ? [] : services.GetRequiredService<CaseService>().ReferralTargets();
        var origin = c.ReferredFrom?.History ?? [];
        return StaffPage.Page<CaseDetailPage, CaseModel>(new(
            c, message, Typed(c, typed), CaseViews.IsOverdue(c, now), CaseViews.CategoryName(content, c.CategoryId),
            CaseViews.DepartmentName(staff.ListDepartments(), c.Department), c.AssigneeId is null ? "ยังไม่ได้มอบหมาย" : Who(c.AssigneeId),
            Officers(staff, c.Department), targets,
            new(null, [.. c.Timeline.Reverse().Select(e => Entry(e, Who(e.Actor)))]),
            new("referred-history", [.. origin.Reverse().Select(e => Entry(e, e.Actor == CaseService.CitizenActor ? "ผู้ร้อง" : e.Actor))])), statusCode);
    }

    /// <summary>What each form shows: empty, or what the officer typed into the form they sent (kept when it was refused).</summary>
    private static FormValues Typed(CaseRecord c, IFormCollection? typed)
    {
        string Value(string field) => typed?[field].ToString() ?? string.Empty;
        var assign = typed?.ContainsKey("assignee") == true;
        var status = typed?.ContainsKey("status") == true;
        return new(
            typed is null ? c.AssigneeId : Value("assignee"),
            assign ? Value("note") : string.Empty,
            Value("status"),
            status ? Value("note") : string.Empty,
            Value("answer"),
            typed is not null && !assign && !status ? Value("note") : string.Empty,
            Value("agency"),
            Value("reason"));
    }

    private static TimelineEntry Entry(CaseEvent e, string who) => new(e.Kind, EventTitle(e), who, e.At, e.Note);

    /// <summary>The case page: the case, the names it shows, the forms that work it and the timelines.</summary>
    /// <param name="Typed">What the forms show: empty, or what the officer typed into a form that was refused.</param>
    /// <param name="ReferralTargets">The agencies the case may be referred to (none once it is closed).</param>
    /// <param name="History">The timeline at the agency that referred the case here (empty when it was not referred).</param>
    internal sealed record CaseModel(
        CaseRecord Case, PageMessage? Message, FormValues Typed, bool Overdue, string Category, string Department, string Assignee,
        IReadOnlyList<StaffAccount> Officers, IReadOnlyList<Agencies.AgencyInfo> ReferralTargets, TimelineView Timeline, TimelineView History);

    /// <summary>The values the case page's forms show; <see cref="Assignee"/> is the officer chosen in the assign form.</summary>
    internal sealed record FormValues(
        string? Assignee, string AssignNote, string Status, string StatusNote, string Answer, string Note, string Agency, string Reason);

    /// <summary>A timeline to show, newest first; <see cref="Id"/> is its element id (none for the case's own).</summary>
    internal sealed record TimelineView(string? Id, IReadOnlyList<TimelineEntry> Entries);

    internal sealed record TimelineEntry(CaseEventKind Kind, string Title, string Who, DateTime At, string? Note);

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
