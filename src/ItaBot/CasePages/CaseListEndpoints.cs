using System.Globalization;
using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Staff;

namespace ItaBot.CasePages;

/// <summary>/staff/cases: the list, newest first, 50 a page, with filters; a case officer's list is their department's.</summary>
internal static class CaseListEndpoints
{
    public const string Path = "/staff/cases";
    public const int PageSize = 50;

    public static void Map(RouteGroupBuilder staff) => staff.MapGet("/cases", List);

    private static IResult List(HttpContext context, CaseService cases, IStaffStore staff, ContentPackProvider content, TimeProvider time)
    {
        var query = context.Request.Query;
        var limited = CaseAccess.LimitedTo(context.User);
        var categories = content.Current.ComplaintCategories;
        var departments = staff.ListDepartments();
        var filter = new CaseFilter
        {
            Status = Enum.TryParse<CaseStatus>(query["status"], out var s) && Enum.IsDefined(s) && !int.TryParse(query["status"], out _) ? s : null,
            CategoryId = categories.FirstOrDefault(c => c.Id == query["category"])?.Id,
            Department = limited ?? departments.FirstOrDefault(d => d.Id == query["department"])?.Id,
            Channel = Enum.TryParse<CaseChannel>(query["channel"], out var ch) && Enum.IsDefined(ch) && !int.TryParse(query["channel"], out _) ? ch : null,
            OverdueOnly = query["overdue"] == "1",
            Number = string.IsNullOrWhiteSpace(query["number"]) ? null : query["number"].ToString().Trim(),
        };
        var pageNumber = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 100_000) : 1;
        var page = cases.List(filter, pageNumber, PageSize);
        var now = time.GetUtcNow().UtcDateTime;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Assignee(string? id) => id is null
            ? "ยังไม่ได้มอบหมาย"
            : names.TryGetValue(id, out var name) ? name : names[id] = staff.Find(id)?.DisplayName ?? "-";

        var rows = page.Items.Select(c => Html.Of($"""
            <tr><td><a href="{CaseAccess.Href(c)}">{c.Number}</a></td>
            <td>{CaseViews.Status(c.Status)}</td>
            <td>{CaseViews.CategoryName(content, c.CategoryId)}<div class="muted small">{CaseViews.Excerpt(c.Description, 60)}</div></td>
            <td class="opt">{CaseViews.DepartmentName(departments, c.Department)}</td>
            <td class="assignee">{Assignee(c.AssigneeId)}</td>
            <td class="opt">{c.Channel.Thai()}</td>
            <td>{ThaiTime.Date(c.CreatedAt)}</td>
            <td class="deadline">{NextDeadline(c)}{CaseViews.OverdueMark(c, now)}</td></tr>
            """));
        var table = page.Items.Count == 0
            ? Html.Of($"""<p class="muted">ไม่พบเรื่องตามเงื่อนไขนี้ค่ะ</p>""")
            : Html.Of($"""
                <table class="cases">
                <thead><tr><th>เลขที่</th><th>สถานะ</th><th>ประเภท</th><th class="opt">หน่วยงาน</th><th>ผู้รับผิดชอบ</th><th class="opt">ช่องทาง</th><th>วันที่แจ้ง</th><th>กำหนด</th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                """);

        var departmentField = limited is null
            ? Html.Of($"""
                <label for="department">หน่วยงาน</label>
                <select id="department" name="department"><option value="">ทั้งหมด</option>{departments.Select(d => Option(d.Id, d.Name, filter.Department))}</select>
                """)
            : Html.Of($"""<p class="muted">หน่วยงาน: {CaseViews.DepartmentName(departments, limited)}</p>""");
        var created = string.IsNullOrEmpty(query["created"])
            ? Html.Empty
            : StaffPage.Message($"บันทึกเรื่อง {query["created"]} แล้ว เรื่องนี้เป็นของหน่วยงานอื่น จึงไม่แสดงในรายการของคุณค่ะ", "ok");
        var body = Html.Of($"""
            {created}
            <p><a href="{NewCaseEndpoints.Path}">+ บันทึกเรื่องที่รับด้วยตนเอง/โทรศัพท์/หนังสือ</a></p>
            <form class="box filters" method="get" action="{Path}">
            <label for="number">เลขที่เรื่อง</label>
            <input id="number" name="number" value="{filter.Number ?? string.Empty}" placeholder="เช่น {NumberExample(now)} หรือ 42" maxlength="20">
            <label for="status">สถานะ</label>
            <select id="status" name="status"><option value="">ทั้งหมด</option>{Enum.GetValues<CaseStatus>().Select(v => Option(v.ToString(), v.Thai(), filter.Status?.ToString()))}</select>
            <label for="category">ประเภท</label>
            <select id="category" name="category"><option value="">ทั้งหมด</option>{categories.Select(c => Option(c.Id, c.Name, filter.CategoryId))}</select>
            {departmentField}
            <label for="channel">ช่องทาง</label>
            <select id="channel" name="channel"><option value="">ทั้งหมด</option>{Enum.GetValues<CaseChannel>().Select(v => Option(v.ToString(), v.Thai(), filter.Channel?.ToString()))}</select>
            <label class="check"><input type="checkbox" name="overdue" value="1" {(filter.OverdueOnly ? new Html("checked") : Html.Empty)}> เฉพาะเรื่องที่เลยกำหนด</label>
            <button type="submit">ค้นหา</button> <a href="{Path}">ล้างเงื่อนไข</a>
            </form>
            {table}
            {Pager(context, page)}
            """);
        return StaffPage.Render(context, "เรื่องร้องเรียน", body);
    }

    /// <summary>The search hint in the current numbering (this fiscal year), so it never goes stale.</summary>
    internal static string NumberExample(DateTime now) => CaseNumbers.Format(CaseNumbers.FiscalYear(now), 42);

    /// <summary>The deadline the case waits on: acknowledging until staff act, then answering; none once closed.</summary>
    private static string NextDeadline(CaseRecord c) =>
        c.Status.IsClosed() ? "ปิดแล้ว"
        : c.AcknowledgedAt is null ? "รับเรื่อง " + ThaiTime.Deadline(c.AcknowledgeBy)
        : "ตอบ " + ThaiTime.Deadline(c.AnswerBy);

    private static Html Option(string value, string text, string? selected) =>
        Html.Of($"""<option value="{value}" {(value == selected ? new Html("selected") : Html.Empty)}>{text}</option>""");

    private static Html Pager(HttpContext context, CasePage page)
    {
        string Link(int number)
        {
            var pairs = context.Request.Query.Where(q => q.Key != "page")
                .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()))
                .Append(string.Create(CultureInfo.InvariantCulture, $"page={number}"));
            return Path + "?" + string.Join('&', pairs);
        }

        var previous = page.Page > 1 ? Html.Of($"""<a rel="prev" href="{Link(page.Page - 1)}">← ก่อนหน้า</a>""") : Html.Empty;
        var next = page.HasMore ? Html.Of($"""<a rel="next" href="{Link(page.Page + 1)}">ถัดไป →</a>""") : Html.Empty;
        return Html.Of($"""<p class="pager">{previous} <span>หน้า {page.Page}</span> {next}</p>""");
    }
}
