using System.Globalization;
using System.Security.Claims;
using ItaBot.Agencies;
using ItaBot.Cases;
using ItaBot.Staff;
using ItaBot.Whistleblowing;

namespace ItaBot.Privacy;

/// <summary>
/// /staff/privacy (admins): data-subject requests with their deadlines, each with the person's data and the decision
/// forms; requests made at the office; the purge log; the access audit with filters and a CSV export. Public:
/// /privacy/copy/{token}, a citizen's one-time copy (a button first, so that a link preview cannot spend it).
/// </summary>
internal static class PrivacyStaffEndpoints
{
    public const string Path = "/staff/privacy";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/privacy/copy/{token}", (string token) => CopyPage(token, null));
        app.MapPost("/privacy/copy/{token}", RedeemAsync).DisableAntiforgery();

        var staff = app.MapGroup(Path).RequireAuthorization(StaffPolicies.Admin);
        staff.MapGet("", List);
        staff.MapGet("/new", (HttpContext context) => NewForm(context, null));
        staff.MapPost("/new", CreateAsync);
        staff.MapGet("/requests/{id}", Show);
        staff.MapGet("/requests/{id}/copy", Copy);
        staff.MapPost("/requests/{id}/decide", DecideAsync);
        staff.MapGet("/purges", Purges);
        staff.MapGet("/audit", Audit);
    }

    private static IResult CopyPage(string token, string? error) => PublicPage("สำเนาข้อมูลของท่าน", Html.Of($"""
        {(error is null ? Html.Empty : Html.Of($"""<p class="msg error" role="alert">{error}</p>"""))}
        <form class="box" method="post" action="{AgencyPages.Path("/privacy/copy/" + token)}">
        <p>ไฟล์ zip มีข้อมูลของท่านที่เทศบาลเก็บไว้ 2 แบบ: data.json และ data.csv (เปิดด้วย Excel ได้) ลิงก์นี้ใช้ดาวน์โหลดได้ครั้งเดียวค่ะ</p>
        <button type="submit">ดาวน์โหลด</button>
        </form>
        <p><a href="{AgencyPages.Path("/privacy")}">ประกาศความเป็นส่วนตัว</a></p>
        """), error is null ? StatusCodes.Status200OK : StatusCodes.Status410Gone);

    // The citizen's own data is not the protected channel: the page is headed as the privacy notice, not as /report.
    private static Html CopyHeader => Html.Of($"""<header><a class="brand" href="{AgencyPages.Path("/privacy")}">ข้อมูลส่วนบุคคลของท่าน</a><nav><a href="{AgencyPages.Path("/privacy")}">ประกาศความเป็นส่วนตัว</a></nav></header>""");

    private static IResult PublicPage(string title, Html body, int status) => ReportPage.Render(title, body, status, CopyHeader);

    private static async Task<IResult> RedeemAsync(HttpContext context, PrivacyRequests requests, string token)
    {
        if (await requests.RedeemCopyLinkAsync(token).ConfigureAwait(false) is not { } data)
        {
            return CopyPage(token, "ลิงก์นี้ใช้ไปแล้วหรือหมดอายุแล้วค่ะ ขอลิงก์ใหม่ได้โดยพิมพ์ \"ขอสำเนาข้อมูล\" ใน LINE");
        }

        ReportPage.SetHeaders(context.Response);
        return Results.File(data.ToZip(), "application/zip", "my-data.zip");
    }

    private static IResult List(HttpContext context, PrivacyRequests requests, TimeProvider time, string? status)
    {
        var now = time.GetUtcNow().UtcDateTime;
        PrivacyRequestStatus? filter = Enum.TryParse<PrivacyRequestStatus>(status, out var s) ? s : null;
        var rows = requests.List(filter).Select(r => Html.Of($"""
            <tr{(r.Overdue(now) ? Html.Of($" class=\"overdue\"") : Html.Empty)}><td><a href="{Path}/requests/{r.Id}">{r.Number}</a></td><td>{r.Kind.Thai()}</td>
            <td>{(r.InPerson ? "ที่สำนักงาน" : "LINE")}</td><td>{When(r.ReceivedAt)}</td><td>{When(r.DueAt)}{(r.Overdue(now) ? " (เลยกำหนด)" : "")}</td><td>{r.Status.Thai()}</td></tr>
            """)).ToList();
        return StaffPage.Render(context, "คำขอเกี่ยวกับข้อมูลส่วนบุคคล", Html.Of($"""
            <p><a href="{Path}/new">บันทึกคำขอที่ยื่นที่สำนักงาน</a> · <a href="{Path}/purges">ประวัติการลบตามระยะเวลาเก็บ</a> · <a href="{Path}/audit">บันทึกการเข้าดูข้อมูล</a> · <a href="/privacy">ประกาศความเป็นส่วนตัว</a></p>
            <p>สถานะ: <a href="{Path}">ทั้งหมด</a> · <a href="{Path}?status=Pending">รอพิจารณา</a> · <a href="{Path}?status=Completed">ดำเนินการแล้ว</a> · <a href="{Path}?status=Refused">ปฏิเสธ</a></p>
            <table><thead><tr><th>เลขที่</th><th>คำขอ</th><th>ช่องทาง</th><th>รับเมื่อ</th><th>กำหนดพิจารณา</th><th>สถานะ</th></tr></thead>
            <tbody>{(rows.Count == 0 ? Html.Of($"<tr><td colspan=\"6\">ยังไม่มีคำขอค่ะ</td></tr>") : Html.Join(rows))}</tbody></table>
            """));
    }

    private static IResult Show(HttpContext context, PrivacyRequests requests, string id, string? done) =>
        requests.Find(id) is { } r ? Page(context, requests, r, done is null ? Html.Empty : StaffPage.Message("บันทึกผลการพิจารณาและแจ้งผู้ขอแล้วค่ะ", "ok")) : Results.NotFound();

    private static IResult Copy(PrivacyRequests requests, string id) =>
        requests.Find(id) is { } r ? Results.File(requests.Gather(r).ToZip(), "application/zip", $"{r.Number}.zip") : Results.NotFound();

    /// <summary>Who did it, in Thai: the data subject by LINE, or the staff member's account name.</summary>
    private static string ActorName(string actor) => actor == PrivacyRequests.CitizenActor ? "เจ้าของข้อมูล (ทาง LINE)" : actor;

    private static IResult Page(HttpContext context, PrivacyRequests requests, PrivacyRequest r, Html message, int status = StatusCodes.Status200OK)
    {
        var data = requests.Gather(r);
        var cases = Html.Join(data.Cases.Select(c => Html.Of($"<li><a href=\"/staff/cases/{c.Number}\">{c.Number}</a> {c.Status.Thai()}{(CaseService.IsAnonymised(c) ? " (ไม่ระบุตัวตนแล้ว)" : "")}</li>")));
        var log = Html.Join(r.Log.Select(e => Html.Of($"<li>{When(e.At)} · {ActorName(e.Actor)} · {e.What}</li>")));
        var reasons = Html.Join(PrivacyRequestTexts.RefusalReasons.Select(x => Html.Of($"<option value=\"{x.Id}\">{x.Text}</option>")));
        var decide = r.Status != PrivacyRequestStatus.Pending ? Html.Of($"<p>ผลการพิจารณา: <strong>{r.Status.Thai()}</strong> {r.Reason}</p>") : Html.Of($"""
            <form method="post" action="{Path}/requests/{r.Id}/decide" class="box">{StaffPage.Antiforgery(context)}
            <input type="hidden" name="decision" value="complete">
            <p>{(r.Kind == PrivacyRequestKind.Erasure ? "ลบข้อมูลส่วนบุคคลของเรื่องที่ปิดแล้วทั้งหมด คำถามที่ส่งต่อ และสถานะการสนทนา (สถิติยังอยู่)" : "ดำเนินการตามคำขอแล้ว (แก้ไข/ระงับ/คัดค้าน บันทึกในเรื่องที่เกี่ยวข้อง)")}</p>
            <button type="submit">{(r.Kind == PrivacyRequestKind.Erasure ? "ลบข้อมูลตามคำขอ" : "ดำเนินการแล้ว")}</button></form>
            <form method="post" action="{Path}/requests/{r.Id}/decide" class="box">{StaffPage.Antiforgery(context)}
            <input type="hidden" name="decision" value="refuse">
            <label for="reason">เหตุผลทางกฎหมายที่ปฏิเสธ</label><select id="reason" name="reason">{reasons}</select>
            <button type="submit">ปฏิเสธและแจ้งผู้ขอ</button></form>
            """);
        return StaffPage.Render(context, $"คำขอ {r.Number}", Html.Of($"""
            {message}
            <p>{r.Kind.Thai()} · {(r.InPerson ? $"ยื่นที่สำนักงาน: {r.RequesterName} {r.RequesterPhone}" : "ยื่นทาง LINE")} · รับเมื่อ {When(r.ReceivedAt)} · กำหนดพิจารณา {When(r.DueAt)}</p>
            {(r.Detail is { } detail ? Html.Of($"<p class=\"text\">รายละเอียด: {detail}</p>") : Html.Empty)}
            <h2>ข้อมูลของผู้ขอในระบบ</h2>
            <p>เรื่องร้องเรียน {data.Cases.Count} เรื่อง · คำถามที่ส่งต่อ {data.Handovers.Count} รายการ · <a href="{Path}/requests/{r.Id}/copy">ดาวน์โหลดสำเนา (JSON, CSV)</a></p>
            <ul>{cases}</ul>
            <h2>พิจารณา</h2>
            {decide}
            <h2>บันทึกการดำเนินการ</h2>
            <ul>{log}</ul>
            """), status);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, IFormCollection form, PrivacyRequests requests, string id)
    {
        var complete = form["decision"] == "complete";
        var reason = PrivacyRequestTexts.RefusalReasons.FirstOrDefault(x => x.Id == form["reason"]).Text;
        var result = await requests.DecideAsync(id, complete, reason, context.User.Id(), context.User.FindFirstValue(ClaimTypes.Name) ?? "staff")
            .ConfigureAwait(false);
        return result.Outcome switch
        {
            PrivacyDecisionOutcome.Decided => Results.Redirect($"{Path}/requests/{id}?done=1"),
            PrivacyDecisionOutcome.NotFound => Results.NotFound(),
            PrivacyDecisionOutcome.BlockedByOpenCase => Page(context, requests, result.Request!, StaffPage.Message(
                $"ยังลบไม่ได้ค่ะ: เรื่อง {string.Join(", ", result.OpenCases!)} ยังดำเนินการอยู่ ปฏิเสธพร้อมเหตุผล \"เรื่องที่ยังดำเนินการอยู่\" หรือรอให้เรื่องปิดก่อน"), StatusCodes.Status409Conflict),
            _ => Page(context, requests, result.Request!, StaffPage.Message("คำขอนี้พิจารณาไปแล้ว หรือยังไม่ได้เลือกเหตุผลค่ะ"), StatusCodes.Status400BadRequest),
        };
    }

    private static IResult NewForm(HttpContext context, string? error) => StaffPage.Render(context, "บันทึกคำขอที่ยื่นที่สำนักงาน", Html.Of($"""
        {StaffPage.Message(error)}
        <form method="post" action="{Path}/new" class="box">{StaffPage.Antiforgery(context)}
        <label for="kind">คำขอ</label><select id="kind" name="kind">{Html.Join(Enum.GetValues<PrivacyRequestKind>().Select(k => Html.Of($"<option value=\"{k}\">{k.Thai()}</option>")))}</select>
        <label for="name">ชื่อผู้ขอ (ตรวจบัตรประชาชนแล้ว)</label><input id="name" name="name" maxlength="200" required>
        <label for="phone">เบอร์โทรที่ให้ไว้ในเรื่องร้องเรียน</label><input id="phone" name="phone" maxlength="40" required>
        <label for="detail">รายละเอียด</label><textarea id="detail" name="detail" maxlength="2000"></textarea>
        <button type="submit">บันทึกคำขอ</button></form>
        """));

    private static async Task<IResult> CreateAsync(HttpContext context, IFormCollection form, PrivacyRequests requests)
    {
        if (!Enum.TryParse<PrivacyRequestKind>(form["kind"], out var kind) || string.IsNullOrWhiteSpace(form["name"]) || PhoneNumbers.Normalise(form["phone"]) is null)
        {
            return NewForm(context, "กรุณาเลือกคำขอ กรอกชื่อ และเบอร์โทรให้ถูกต้องค่ะ");
        }

        var request = await requests.CreateAsync(kind, null, form["name"].ToString().Trim(), form["phone"], form["detail"].ToString().Trim() is { Length: > 0 } d ? d : null,
            context.User.FindFirstValue(ClaimTypes.Name) ?? "staff").ConfigureAwait(false);
        return Results.Redirect($"{Path}/requests/{request.Id}");
    }

    private static IResult Purges(HttpContext context, PurgeJob job, Microsoft.Extensions.Options.IOptions<PrivacyOptions> options, Microsoft.Extensions.Options.IOptions<Storage.StorageOptions> storage)
    {
        var rows = job.ListLog().Select(e => Html.Of($"<tr><td>{When(e.At)}</td><td>{e.Kind}</td><td>{e.Count}</td><td class=\"text\">{e.Detail}</td></tr>")).ToList();
        var periods = Html.Join(PrivacyExtensions.RetentionDays(options.Value, storage.Value).Select(p => Html.Of($"<tr><td>{p.Key}</td><td>{PrivacyPage.Days(p.Value)}</td></tr>")));
        return StaffPage.Render(context, "ประวัติการลบข้อมูลตามระยะเวลาเก็บ", Html.Of($"""
            <h2>ระยะเวลาเก็บที่ใช้อยู่</h2>
            <table><thead><tr><th>ข้อมูล</th><th>เก็บ</th></tr></thead><tbody>{periods}</tbody></table>
            <h2>การลบแต่ละครั้ง (ทุกวัน 03:45 น.)</h2>
            <table><thead><tr><th>เมื่อ</th><th>ข้อมูล</th><th>จำนวน</th><th>รายการ</th></tr></thead>
            <tbody>{(rows.Count == 0 ? Html.Of($"<tr><td colspan=\"4\">ยังไม่มีข้อมูลที่ครบกำหนดลบค่ะ</td></tr>") : Html.Join(rows))}</tbody></table>
            """));
    }

    private static IResult Audit(HttpContext context, AccessAudit audit, string? from, string? to, string? staff, string? action, string? target, string? format)
    {
        static DateTime? Day(string? text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), WorkingCalendar.Bangkok) : null;
        var rows = audit.List(Day(from), Day(to)?.AddDays(1), staff, action, target);
        if (format == "csv")
        {
            return Results.File(System.Text.Encoding.UTF8.GetBytes(AccessAudit.ToCsv(rows)), "text/csv; charset=utf-8", "access-audit.csv");
        }

        var body = rows.Take(500).Select(r => Html.Of($"<tr><td>{When(r.At)}</td><td>{r.StaffName}</td><td>{r.Role}</td><td>{r.Action}</td><td>{r.Target}</td></tr>")).ToList();
        return StaffPage.Render(context, "บันทึกการเข้าดูข้อมูลส่วนบุคคล", Html.Of($"""
            <form method="get" action="{Path}/audit" class="box">
            <label for="from">ตั้งแต่ (ค.ศ. ปปปป-ดด-วว)</label><input id="from" name="from" value="{from}">
            <label for="to">ถึง</label><input id="to" name="to" value="{to}">
            <label for="staff">เจ้าหน้าที่</label><input id="staff" name="staff" value="{staff}">
            <label for="action">การกระทำ</label><input id="action" name="action" value="{action}" placeholder="view-case, view-photo, export-citizen-data">
            <label for="target">เรื่อง/รายการ</label><input id="target" name="target" value="{target}">
            <button type="submit">กรอง</button> <button type="submit" name="format" value="csv">ส่งออก CSV</button>
            </form>
            <p>{rows.Count} รายการ (ใช้ประเมินขอบเขตเมื่อเกิดเหตุละเมิด และแจ้ง สคส. ภายใน 72 ชั่วโมง)</p>
            <table><thead><tr><th>เมื่อ</th><th>เจ้าหน้าที่</th><th>บทบาท</th><th>การกระทำ</th><th>รายการ</th></tr></thead><tbody>{Html.Join(body)}</tbody></table>
            """));
    }

    private static string When(DateTime utc) =>
        WorkingCalendar.ToBangkok(utc).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("th-TH"));
}
