using System.Net;
using System.Text;
using ItaBot.Cases;
using ItaBot.Line.Testing;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reports;

/// <summary>
/// The real pieces together: cases and a protected report stored through their stores, the real compiler and sources,
/// and the public page, CSV and DOCX served from the stored snapshot.
/// </summary>
public sealed class ReportsEndToEndTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task RealRecords_Compiled_ThePublicPageCsvAndDocxShowTheCounts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Vault:Kek"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var cases = host.Services.GetRequiredService<CaseService>();
        await cases.CreateAsync(new NewCase { CategoryId = "street-light", Channel = CaseChannel.Line, Description = "ไฟถนนดับหน้าบ้านเลขที่ 12" }, "citizen");
        await cases.CreateAsync(new NewCase { CategoryId = "street-light", Channel = CaseChannel.Line, Description = "ไฟกิ่งดับทั้งซอย" }, "citizen");
        await cases.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.WalkIn, Description = "ขยะตกค้างหน้าตลาด" }, "clerk");
        await host.Services.GetRequiredService<AgencyVaults>().Current.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent("ทดสอบรายงานสถิติ")));

        var today = DateOnly.FromDateTime(WorkingCalendar.ToBangkok(TimeProvider.System.GetUtcNow().UtcDateTime));
        var period = ReportPeriod.ForFiscalYear(ReportPeriod.FiscalYearOf(today));
        var snapshot = await host.Services.GetRequiredService<IReportCompiler>().CompileAsync(period, "e2e", cancellationToken: ct);

        Assert.Equal((3, 3, 1, 1), (snapshot.Complaints.Total, snapshot.Trace.Cases, snapshot.Corruption.Total, snapshot.Trace.ProtectedReports));
        Assert.Equal(2, Assert.Single(snapshot.Complaints.ByCategory, r => r.Key == "street-light").Count);
        Assert.Equal(1, Assert.Single(snapshot.Corruption.ByChannel, r => r.Key == "web").Count);

        using var page = await client.GetAsync($"/transparency/{period.Slug}", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Contains(period.ThaiTitle, html, StringComparison.Ordinal);
        Assert.DoesNotContain("ไฟถนนดับหน้าบ้าน", html, StringComparison.Ordinal);   // figures, never content
        Assert.DoesNotContain("ทดสอบรายงานสถิติ", html, StringComparison.Ordinal);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/transparency/{period.Slug}/statistics-csv", ct));
        Assert.Contains($"{period.Slug},complaints,summary,total,เรื่องร้องเรียนทั้งหมด,,3,", csv, StringComparison.Ordinal);
        Assert.Contains($"{period.Slug},corruption,summary,total,เรื่องร้องเรียนทั้งหมด,,1,", csv, StringComparison.Ordinal);

        using var docx = await client.GetAsync($"/transparency/{period.Slug}/corruption-docx", ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        var bytes = await docx.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.DoesNotContain("ทดสอบรายงานสถิติ", document.MainDocumentPart!.Document!.InnerText, StringComparison.Ordinal);
    }
}
