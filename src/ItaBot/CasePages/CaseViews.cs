using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Staff;

namespace ItaBot.CasePages;

/// <summary>Small pieces the case pages share: names, excerpts, deadlines (the markup ones are components in Pages).</summary>
internal static class CaseViews
{
    public static string CategoryName(ContentPackProvider content, string id) => content.Current.FindComplaintCategory(id)?.Name ?? id;

    public static string DepartmentName(IEnumerable<Department> departments, string id) => departments.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    public static string Excerpt(string text, int max) => Descriptions.Preview(text, max);

    public static bool IsOverdue(CaseRecord c, DateTime now) => c.OpenDue() is { } due && due < now;
}
