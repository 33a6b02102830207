using System.Globalization;
using ItaBot.Staff;

namespace ItaBot.Reports;

/// <summary>
/// /staff/reports for admins and reporters: compile a period now, the stored snapshots, one snapshot's headline figures
/// and trace with a "ตรวจสอบซ้ำ" (recompile as of the same instant, not stored, compared), and every document of it.
/// </summary>
internal static class ReportPages
{
    public const string Path = "/staff/reports";

    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("/reports", Index);
        staff.MapPost("/reports", CompileAsync);
        staff.MapGet("/reports/{id}", Snapshot);
        staff.MapPost("/reports/{id}/verify", VerifyAsync);
        staff.MapGet("/reports/{id}/{kind}", Download);
    }

    public static string Href(ReportSnapshot snapshot) => Path + "/" + Uri.EscapeDataString(snapshot.Id);

    private static IResult Index(HttpContext context, TimeProvider time) =>
        Compiler(context) is { } compiler ? IndexPage(context, compiler, time, null) : Unavailable(context);

    private static async Task<IResult> CompileAsync(HttpContext context, IFormCollection form, IStaffStore staff, TimeProvider time)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable(context);
        }

        var input = ReportPeriodInput.FromForm(name => form[name].FirstOrDefault(), ReportPeriodInput.Today(time));
        if (input.Period is not { } period)
        {
            return IndexPage(context, compiler, time, input.Error, StatusCodes.Status400BadRequest);
        }

        ReportSnapshot snapshot;
        try
        {
            snapshot = await compiler.CompileAsync(period, UserName(context, staff), cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return IndexPage(context, compiler, time, "ไม่สามารถรวบรวมสถิติของช่วงเวลานี้ได้ค่ะ กรุณาเลือกช่วงเวลาใหม่", StatusCodes.Status400BadRequest);
        }

        return Results.Redirect(Href(snapshot) + "?compiled=1");
    }

    private static IResult Snapshot(HttpContext context, string id)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable(context);
        }

        if (compiler.Get(id) is not { } snapshot)
        {
            return NotFound(context);
        }

        var message = context.Request.Query["compiled"] == "1"
            ? StaffPage.Message($"รวบรวมสถิติ{snapshot.Period.ThaiTitle} แล้วค่ะ", "ok")
            : Html.Empty;
        return SnapshotPage(context, snapshot, message);
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, IFormCollection form, IStaffStore staff, string id)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable(context);
        }

        if (compiler.Get(id) is not { } stored)
        {
            return NotFound(context);
        }

        var again = await compiler.CompileAsync(stored.Period, UserName(context, staff), stored.AsOf, store: false, context.RequestAborted).ConfigureAwait(false);
        var check = SnapshotCheck.Compare(stored, again);
        var message = check.Identical
            ? StaffPage.Message($"ตรวจสอบซ้ำแล้ว: รวบรวมใหม่ ณ {ReportTexts.At(stored.AsOf)} ได้ตัวเลขและค่าตรวจสอบ (digest) ตรงกันทุกประการค่ะ", "ok")
            : StaffPage.Message($"ตรวจสอบซ้ำแล้ว: รวบรวมใหม่ ณ {ReportTexts.At(stored.AsOf)} ได้ผลไม่ตรงกันค่ะ ส่วนที่ต่างกัน: {check.Differences} (digest ใหม่ {again.Trace.Digest})");
        return SnapshotPage(context, stored, message);
    }

    private static IResult Download(HttpContext context, string id, string kind)
    {
        if (Compiler(context) is not { } compiler)
        {
            return Unavailable(context);
        }

        var renderer = Renderers(context).FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));
        if (renderer is null || compiler.Get(id) is not { } snapshot)
        {
            return NotFound(context);
        }

        var document = renderer.Render(snapshot);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(document.Content, document.ContentType, document.FileName);
    }

    private static IResult IndexPage(HttpContext context, IReportCompiler compiler, TimeProvider time, string? error, int statusCode = StatusCodes.Status200OK)
    {
        var today = ReportPeriodInput.Today(time);
        var currentFy = ReportPeriod.FiscalYearOf(today);
        var currentBe = today.Year + ReportPeriod.BuddhistEraOffset;
        var lastMonth = today.AddMonths(-1);
        var fiscalYears = Enumerable.Range(0, 6).Select(i => currentFy - i).ToList();
        var yearsBe = Enumerable.Range(0, 6).Select(i => currentBe - i).ToList();
        var anti = StaffPage.Antiforgery(context);

        Html Form(string kind, string title, Html fields) => Html.Of($"""
            <form class="box" method="post" action="{Path}">
            {anti}<input type="hidden" name="kind" value="{kind}">
            <h2>{title}</h2>
            {fields}
            <button type="submit">รวบรวมสถิติ</button>
            </form>
            """);

        Html YearSelect(string id, IEnumerable<int> years, int selected, string label) => Html.Of($"""
            <label for="{id}">{label}</label>
            <select id="{id}" name="{YearField(id)}">{years.Select(y => Option(Number(y), Number(y), Number(selected)))}</select>
            """);

        Html MonthSelect(string id, string name, int selected) => Html.Of($"""
            <select id="{id}" name="{name}" aria-label="เดือน">{Enumerable.Range(1, 12).Select(m => Option(Number(m), ThaiDates.MonthName(m), Number(selected)))}</select>
            """);

        Html DayFields(string prefix, string label, DateOnly value) => Html.Of($"""
            <label for="{prefix}Day">{label}</label>
            <input id="{prefix}Day" name="{prefix}Day" inputmode="numeric" maxlength="2" value="{Number(value.Day)}" aria-label="วันที่">
            {MonthSelect(prefix + "Month", prefix + "Month", value.Month)}
            <select name="{prefix}Year" aria-label="ปี พ.ศ.">{yearsBe.Select(y => Option(Number(y), Number(y), Number(value.Year + ReportPeriod.BuddhistEraOffset)))}</select>
            """);

        var forms = Html.Join(
        [
            Form("fy", "ปีงบประมาณ", YearSelect("fy-year", fiscalYears, currentFy, "ปีงบประมาณ พ.ศ.")),
            Form("h1", "รอบ 6 เดือน (1 ตุลาคม – 31 มีนาคม)", YearSelect("h1-year", fiscalYears, currentFy, "ปีงบประมาณ พ.ศ.")),
            Form("q", "ไตรมาส", Html.Of($"""
                {YearSelect("q-year", fiscalYears, currentFy, "ปีงบประมาณ พ.ศ.")}
                <label for="q-quarter">ไตรมาส</label>
                <select id="q-quarter" name="quarter">
                <option value="1">ไตรมาสที่ 1 (ต.ค. – ธ.ค.)</option><option value="2">ไตรมาสที่ 2 (ม.ค. – มี.ค.)</option>
                <option value="3">ไตรมาสที่ 3 (เม.ย. – มิ.ย.)</option><option value="4">ไตรมาสที่ 4 (ก.ค. – ก.ย.)</option>
                </select>
                """)),
            Form("month", "รายเดือน", Html.Of($"""
                <label for="m-month">เดือน</label>
                {MonthSelect("m-month", "month", lastMonth.Month)}
                {YearSelect("m-year", yearsBe, lastMonth.Year + ReportPeriod.BuddhistEraOffset, "ปี พ.ศ.")}
                """)),
            Form("ytd", "ตั้งแต่ต้นปีงบประมาณถึงวันนี้", Html.Of($"""<p class="muted">{ReportTexts.Span(ReportPeriod.YearToDate(today))}</p>""")),
            Form("custom", "กำหนดช่วงวันที่เอง", Html.Of($"""
                {DayFields("from", "ตั้งแต่วันที่", ReportPeriod.ForFiscalYear(currentFy).From)}
                {DayFields("to", "ถึงวันที่", today)}
                """)),
        ]);

        var snapshots = compiler.List();
        var rows = snapshots.Select(s => Html.Of($"""
            <tr><td><a href="{Href(s)}">{s.Period.ThaiTitle}</a></td>
            <td>{ReportTexts.At(s.CompiledAt)}</td>
            <td>{s.CompiledBy}</td>
            <td class="opt small">{TraceCounts(s.Trace)}</td></tr>
            """));
        var list = snapshots.Count == 0
            ? Html.Of($"""<p class="muted">ยังไม่มีรายงานที่รวบรวมไว้ค่ะ</p>""")
            : Html.Of($"""
                <table>
                <thead><tr><th>ช่วงเวลา</th><th>รวบรวมเมื่อ</th><th>โดย</th><th class="opt">ระเบียนที่นับ</th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                """);
        var body = Html.Of($"""
            {StaffPage.Message(error)}
            <h2>รายงานที่รวบรวมไว้</h2>
            {list}
            <h2>รวบรวมสถิติตอนนี้</h2>
            <p class="muted">เลือกช่วงเวลา (ปี พ.ศ.) แล้วกดรวบรวมสถิติ ระบบจะนับจากข้อมูลในระบบ ณ ขณะนี้และเก็บผลไว้ให้ตรวจสอบย้อนหลังได้ค่ะ</p>
            {forms}
            """);
        return StaffPage.Render(context, "รายงานสถิติ", body, statusCode);
    }

    private static IResult SnapshotPage(HttpContext context, ReportSnapshot s, Html message)
    {
        var c = s.Complaints;
        var k = s.Corruption;
        var v = s.Services;
        var q = v.Questions;
        var corruption = k.Total == 0
            ? Html.Of($"""<p>ไม่มีเรื่องร้องเรียน</p>""")
            : Html.Of($"""
                <table class="figures"><tbody>
                <tr><th>ทั้งหมด</th><td>{ReportTexts.Count(k.Total)}</td></tr>
                <tr><th>ดำเนินการแล้วเสร็จ</th><td>{ReportTexts.Count(k.Completed)}</td></tr>
                <tr><th>อยู่ระหว่างดำเนินการ</th><td>{ReportTexts.Count(k.InProgress)}</td></tr>
                </tbody></table>
                """);
        var documents = Renderers(context).Select(r => Html.Of($"""
            <li><a href="{Href(s)}/{Uri.EscapeDataString(r.Kind)}">{r.Title}</a> <span class="muted small">{r.Kind}{(r.IsPublic ? " · เผยแพร่ได้" : "")}</span></li>
            """)).ToList();
        var body = Html.Of($"""
            {message}
            <dl class="case">
            <dt>ช่วงเวลา</dt><dd>{ReportTexts.Span(s.Period)}{(s.Period.SpansFiscalYears ? " (คร่อมปีงบประมาณ)" : "")}</dd>
            <dt>ข้อมูล ณ</dt><dd>{ReportTexts.At(s.AsOf)}</dd>
            <dt>รวบรวมเมื่อ</dt><dd>{ReportTexts.At(s.CompiledAt)} โดย {s.CompiledBy}</dd>
            <dt>หน่วยงาน</dt><dd>{s.AgencyName}</dd>
            </dl>
            <h2>เรื่องร้องเรียนทั่วไป</h2>
            <table class="figures"><tbody>
            <tr><th>เรื่องที่รับในช่วงนี้</th><td>{ReportTexts.Count(c.Total)}</td></tr>
            <tr><th>ดำเนินการแล้วเสร็จ</th><td>{ReportTexts.Count(c.Completed)}</td></tr>
            <tr><th>อยู่ระหว่างดำเนินการ</th><td>{ReportTexts.Count(c.InProgress)}</td></tr>
            <tr><th>เวลาเฉลี่ยในการปิดเรื่อง</th><td>{ReportTexts.Duration(c.ToClose.AverageHours)} (มัธยฐาน {ReportTexts.Duration(c.ToClose.MedianHours)})</td></tr>
            <tr><th>ตอบภายในกำหนด</th><td>{ReportTexts.Count(c.Deadlines.AnswerMet)} จาก {ReportTexts.Count(c.Deadlines.AnswerDue)} เรื่อง</td></tr>
            <tr><th>ความพึงพอใจเฉลี่ย</th><td>{ReportTexts.Satisfaction(c.Ratings.Average)} (ประเมิน {ReportTexts.Count(c.Ratings.Rated)} จาก {ReportTexts.Count(c.Ratings.Eligible)} เรื่อง)</td></tr>
            </tbody></table>
            <h2>เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</h2>
            {corruption}
            <h2>การให้บริการ</h2>
            <table class="figures"><tbody>
            <tr><th>E-Service (LINE และเว็บไซต์)</th><td>{ReportTexts.Count(v.EServiceTotal)}</td></tr>
            <tr><th>ติดต่อด้วยตนเอง (walk-in)</th><td>{ReportTexts.Count(v.WalkInTotal)}</td></tr>
            <tr><th>คำถามใน LINE</th><td>{ReportTexts.Count(q.Questions)} (ตอบทันที {ReportTexts.Count(q.Answered)}, ตอบหลังเลือกหัวข้อ {ReportTexts.Count(q.AnsweredAfterChoice)}, ส่งต่อเจ้าหน้าที่ {ReportTexts.Count(q.HandedOver)})</td></tr>
            </tbody></table>
            <h2>เอกสาร</h2>
            {(documents.Count == 0 ? Html.Of($"""<p class="muted">ยังไม่มีรูปแบบเอกสารให้ดาวน์โหลดค่ะ</p>""") : Html.Of($"""<ul class="links">{documents}</ul>"""))}
            <h2>ที่มาของตัวเลข</h2>
            <dl class="case">
            <dt>ระเบียนที่นับ</dt><dd>{TraceCounts(s.Trace)}</dd>
            <dt>ค่าตรวจสอบ (SHA-256)</dt><dd><code class="digest">{s.Trace.Digest}</code></dd>
            <dt>นับ ณ (UTC)</dt><dd><code>{s.AsOf.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}</code></dd>
            </dl>
            <form class="box" method="post" action="{Href(s)}/verify">
            {StaffPage.Antiforgery(context)}
            <p class="muted">รวบรวมใหม่จากข้อมูล ณ เวลาเดียวกัน (ไม่บันทึกผล) แล้วเทียบตัวเลขและค่าตรวจสอบกับรายงานนี้</p>
            <button type="submit" class="secondary">ตรวจสอบซ้ำ</button>
            </form>
            <p><a href="{Path}">← รายงานทั้งหมด</a></p>
            """);
        return StaffPage.Render(context, "รายงาน" + s.Period.ThaiTitle, body);
    }

    private static string TraceCounts(SnapshotTrace t) =>
        $"เรื่องร้องเรียน {ReportTexts.Count(t.Cases)} · เบาะแส {ReportTexts.Count(t.ProtectedReports)} · คำถาม {ReportTexts.Count(t.Questions)} · บันทึกบริการ {ReportTexts.Count(t.ServiceRecords)}";

    /// <summary>The compiler, resolved per request: the pages answer 503 in Thai rather than the service failing to start without it.</summary>
    private static IReportCompiler? Compiler(HttpContext context) => context.RequestServices.GetService<IReportCompiler>();

    private static IEnumerable<IReportRenderer> Renderers(HttpContext context) =>
        context.RequestServices.GetServices<IReportRenderer>().OrderBy(r => r.Kind, StringComparer.Ordinal);

    private static string UserName(HttpContext context, IStaffStore staff) =>
        staff.Find(context.User.Id())?.UserName ?? context.User.Id();

    private static string YearField(string id) => id.EndsWith("-year", StringComparison.Ordinal) ? "year" : id;

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Html Option(string value, string text, string? selected) =>
        Html.Of($"""<option value="{value}" {(value == selected ? new Html("selected") : Html.Empty)}>{text}</option>""");

    private static IResult NotFound(HttpContext context) => StaffPage.Render(context, "ไม่พบรายงาน", Html.Of($"""
        <p>ไม่พบรายงานหรือเอกสารนี้ค่ะ</p>
        <p><a href="{Path}">รายงานทั้งหมด</a></p>
        """), StatusCodes.Status404NotFound);

    private static IResult Unavailable(HttpContext context) => StaffPage.Render(context, "รายงานสถิติ", Html.Of($"""
        <p>ระบบรวบรวมสถิติยังไม่พร้อมใช้งานค่ะ กรุณาติดต่อผู้ดูแลระบบ</p>
        """), StatusCodes.Status503ServiceUnavailable);
}
