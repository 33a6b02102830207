using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Staff;

namespace ItaBot.CasePages;

/// <summary>Small pieces the case pages share: statuses, names, deadlines, text with its line breaks.</summary>
internal static class CaseViews
{
    public static Html Status(CaseStatus status) => Html.Of($"""<span class="status s-{status}">{status.Thai()}</span>""");

    public static string CategoryName(ContentPackProvider content, string id) => content.Current.FindComplaintCategory(id)?.Name ?? id;

    public static string DepartmentName(IEnumerable<Department> departments, string id) => departments.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    public static string Excerpt(string text, int max) => Descriptions.Preview(text, max);

    public static bool IsOverdue(CaseRecord c, DateTime now) => c.OpenDue() is { } due && due < now;

    public static Html OverdueMark(CaseRecord c, DateTime now) =>
        IsOverdue(c, now) ? Html.Of($""" <span class="overdue">เลยกำหนด</span>""") : Html.Empty;

    /// <summary>Encoded text whose line breaks stay line breaks.</summary>
    public static Html Lines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Html.Empty;
        }

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return Html.Join(lines.Select((line, i) => i == 0 ? Html.Text(line) : Html.Of($"<br>{line}")));
    }
}
