using System.Globalization;
using ItaBot.CasePages.Pages;
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

        var rows = page.Items.Select(c => new Row(
            c, CaseViews.CategoryName(content, c.CategoryId), CaseViews.Excerpt(c.Description, 60), CaseViews.DepartmentName(departments, c.Department),
            Assignee(c.AssigneeId), NextDeadline(c), CaseViews.IsOverdue(c, now))).ToList();
        return StaffPage.Page<CaseListPage, ListModel>(new(
            filter, categories, departments, limited is null ? null : CaseViews.DepartmentName(departments, limited), rows, NumberExample(now),
            string.IsNullOrEmpty(query["created"]) ? null : query["created"].ToString(),
            page.Page, page.Page > 1 ? Link(context, page.Page - 1) : null, page.HasMore ? Link(context, page.Page + 1) : null));
    }

    /// <summary>The list page: the filter as asked, one row per case, and the pager's links.</summary>
    /// <param name="LimitedTo">The department a case officer is limited to (its name), or null when every department may be chosen.</param>
    /// <param name="Created">The number of a case just recorded for another department (so not on this officer's list).</param>
    internal sealed record ListModel(
        CaseFilter Filter, IReadOnlyList<ComplaintCategory> Categories, IReadOnlyList<Department> Departments, string? LimitedTo,
        IReadOnlyList<Row> Rows, string NumberExample, string? Created, int Page, string? PreviousHref, string? NextHref);

    /// <summary>A case on the list, with the names and the deadline it shows.</summary>
    internal sealed record Row(CaseRecord Case, string Category, string Excerpt, string Department, string Assignee, string Deadline, bool Overdue);

    /// <summary>The search hint in the current numbering (this fiscal year), so it never goes stale.</summary>
    internal static string NumberExample(DateTime now) => CaseNumbers.Format(CaseNumbers.FiscalYear(now), 42);

    /// <summary>The deadline the case waits on: acknowledging until staff act, then answering; none once closed.</summary>
    private static string NextDeadline(CaseRecord c) =>
        c.Status.IsClosed() ? "ปิดแล้ว"
        : c.AcknowledgedAt is null ? "รับเรื่อง " + ThaiTime.Deadline(c.AcknowledgeBy)
        : "ตอบ " + ThaiTime.Deadline(c.AnswerBy);

    /// <summary>This list at another page, with the same filters.</summary>
    private static string Link(HttpContext context, int number)
    {
        var pairs = context.Request.Query.Where(q => q.Key != "page")
            .Select(q => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(q.Value.ToString()))
            .Append(string.Create(CultureInfo.InvariantCulture, $"page={number}"));
        return Path + "?" + string.Join('&', pairs);
    }
}
