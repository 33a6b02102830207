using System.Text;
using ItaBot.Reports;
using ItaBot.Shared.Pages;
using ItaBot.Transparency.Pages;

namespace ItaBot.Transparency;

/// <summary>"statistics-html": the public report page as one standalone file (styles inline, no links back), for the CLI.</summary>
internal sealed class StatisticsHtmlRenderer : IReportRenderer
{
    public string Kind => "statistics-html";

    public string Title => "หน้ารายงาน (HTML สำหรับบันทึกหรือพิมพ์)";

    public bool IsPublic => true;

    public ReportDocument Render(ReportSnapshot snapshot) =>
        new($"statistics-{snapshot.Period.Slug}.html", "text/html; charset=utf-8",
            Encoding.UTF8.GetBytes(PageRenderer.Render<TransparencyReportPage, ReportView.Model>(new(snapshot, [], snapshot.AgencyName, Standalone: true))));
}
