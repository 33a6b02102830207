using ItaBot.Reports;
using ItaBot.Shared.Pages;
using ItaBot.Transparency.Pages;
using Microsoft.AspNetCore.Components;

namespace ItaBot.Transparency;

/// <summary>A link to one public document of the report (CSV, JSON, DOCX…).</summary>
internal sealed record DownloadLink(string Title, string Href);

/// <summary>What the public report pages (<see cref="ReportBody"/>) take from a snapshot: title, dates, monthly counts.</summary>
internal static class ReportView
{
    public const string NoComplaints = "ไม่มีเรื่องร้องเรียน";

    public static string Title(ReportSnapshot snapshot) => "สถิติเรื่องร้องเรียนและการให้บริการ " + snapshot.Period.ThaiTitle;

    /// <summary>"1 ต.ค. 2568 08:00 น." for a stored instant, whatever kind LiteDB gave it back with.</summary>
    public static string AsOf(DateTime instant) => ThaiTime.DateAndTime(ToUtc(instant));

    public static DateTime ToUtc(DateTime instant) => instant.Kind switch
    {
        DateTimeKind.Local => instant.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
        _ => instant,
    };

    /// <summary>What a report page shows: the snapshot, its public documents (none in the standalone file), the agency's name in the header.</summary>
    internal sealed record Model(ReportSnapshot Snapshot, IReadOnlyList<DownloadLink> Downloads, string Brand, bool Standalone);

    /// <summary>The body alone (<see cref="ReportBody"/>), as markup.</summary>
    public static MarkupString Body(ReportSnapshot snapshot, IReadOnlyList<DownloadLink> downloads) =>
        new(PageRenderer.Render<ReportBody, Model>(new(snapshot, downloads, snapshot.AgencyName, Standalone: false)));

    /// <summary>The counts in the order of the period's months (0 for a month the figures do not name).</summary>
    public static int[] Counts(IReadOnlyList<MonthCount> byMonth, IReadOnlyList<(int Year, int Month)> months) =>
        [.. months.Select(m => byMonth.Where(c => c.Year == m.Year && c.Month == m.Month).Sum(c => c.Count))];

    public static int[] Sum(IEnumerable<IReadOnlyList<MonthCount>> lists, IReadOnlyList<(int Year, int Month)> months)
    {
        var sums = new int[months.Count];
        foreach (var list in lists)
        {
            var counts = Counts(list, months);
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += counts[i];
            }
        }

        return sums;
    }
}
