using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ItaBot.Line.Testing;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Tests.Reports;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Transparency;

/// <summary>/transparency through the whole service, with a fake compiler serving sample snapshots.</summary>
public sealed partial class TransparencyPagesTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceHost Host(params ReportSnapshot[] stored) => new(_line, services: s =>
    {
        s.AddSingleton<IReportCompiler>(new FakeReportCompiler(stored));
        s.AddSingleton<IReportRenderer>(new FakeRenderer("corruption-docx", isPublic: true));
        s.AddSingleton<IReportRenderer>(new FakeRenderer("measures-docx", isPublic: false));
    });

    private static HttpClient Client(ServiceHost host) => host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    [Theory]
    [InlineData("/transparency", "text/html; charset=utf-8")]
    [InlineData("/transparency/fy2568", "text/html; charset=utf-8")]
    [InlineData("/transparency/2568-03", "text/html; charset=utf-8")]
    [InlineData("/transparency/fy2568/statistics-csv", "text/csv; charset=utf-8; header=present")]
    [InlineData("/transparency/fy2568/statistics-json", "application/json; charset=utf-8")]
    [InlineData("/transparency/fy2568/statistics-html", "text/html; charset=utf-8")]
    [InlineData("/transparency/fy2568/corruption-docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public async Task Pages_OkPublicShortCache_NoCookieNoReferrerNosniff_RightContentType(string path, string contentType)
    {
        await using var host = Host(SampleSnapshots.Fy2568(), SampleSnapshots.EmptyMonth());
        using var client = Client(host);

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl.MaxAge);
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/transparency")]
    [InlineData("/transparency/fy2568")]
    public async Task Html_ThaiNoScriptNothingFromElsewhere_NoInlineStyle_TheStylesheetFromThisSiteAlone(string path)
    {
        await using var host = Host(SampleSnapshots.Fy2568());
        using var client = Client(host);

        using var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("<html lang=\"th\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href|action)=\"(https?:)?//", html);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(Regex.IsMatch(html, "<link rel=\"stylesheet\" href=\"/transparency/style\\.[0-9a-f]{12}\\.css\"\\s*/?>"), html[..Math.Min(html.Length, 600)]);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("เทศบาลตำบลโนนทอง", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandaloneHtml_OpenedFromTheSite_ItsInlineStyleAllowedByItsHashAlone()
    {
        await using var host = Host(SampleSnapshots.Fy2568());
        using var client = Client(host);

        using var response = await client.GetAsync("/transparency/fy2568/statistics-html", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        var css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("@media print", css, StringComparison.Ordinal);
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css)));
        Assert.Contains($"style-src 'sha256-{hash}';", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        // The same stylesheet as the site's pages serve from their static file.
        var page = await client.GetStringAsync("/transparency/fy2568", Ct);
        var stylesheet = Regex.Match(page, "<link rel=\"stylesheet\" href=\"([^\"]+)\"\\s*/?>").Groups[1].Value;
        Assert.Equal(css, await client.GetStringAsync(stylesheet, Ct));
    }

    [Fact]
    public async Task Index_ListsEachStoredPeriodOnceByFiscalYearNewestFirst_WithItsAsOf()
    {
        var fy = SampleSnapshots.Fy2568();
        var olderCompile = fy with { Id = "old", AsOf = fy.AsOf.AddDays(-30), CompiledAt = fy.CompiledAt.AddDays(-30) };
        var fy2567 = fy with { Id = "fy2567", Period = ReportPeriod.ForFiscalYear(2567), AsOf = new DateTime(2024, 10, 1, 2, 0, 0, DateTimeKind.Utc), CompiledAt = new DateTime(2024, 10, 1, 2, 0, 0, DateTimeKind.Utc) };
        var quarter = fy with { Id = "q2", Period = ReportPeriod.ForQuarter(2568, 2) };
        var ytd = fy with { Id = "ytd", Period = ReportPeriod.YearToDate(new DateOnly(2025, 2, 14)) };
        await using var host = Host(olderCompile, fy2567, SampleSnapshots.EmptyMonth(), quarter, fy, ytd);
        using var client = Client(host);

        var html = await client.GetStringAsync("/transparency", Ct);

        var links = Regex.Matches(html, "<a href=\"/transparency/([^\"]+)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["fy2568", "fy2568-q2", "fy2567"], links);   // the whole year replaces its year to date; months are not listed
        Assert.True(html.IndexOf("ปีงบประมาณ พ.ศ. 2568</h2>", StringComparison.Ordinal) < html.IndexOf("ปีงบประมาณ พ.ศ. 2567</h2>", StringComparison.Ordinal));
        Assert.Contains("ข้อมูล ณ วันที่ 1 ต.ค. 2568 08:00 น.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1 ก.ย. 2568", html, StringComparison.Ordinal);
        Assert.Contains("ข้อมูล ณ วันที่ 1 ต.ค. 2567 09:00 น.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_RunningYearToDateThenPastYearsWithHalvesAndQuarters_NewestFirst_TheRunningYearOpensAsItsFiscalYear()
    {
        var fy = SampleSnapshots.Fy2568();
        var ytdOld = fy with { Id = "ytd-old", Period = ReportPeriod.YearToDate(new DateOnly(2025, 11, 30)) };
        var ytd = fy with { Id = "ytd-new", Period = ReportPeriod.YearToDate(new DateOnly(2026, 2, 14)) };
        var q1 = fy with { Id = "fy2569-q1", Period = ReportPeriod.ForQuarter(2569, 1) };
        var half = fy with { Id = "fy2568-h1", Period = ReportPeriod.ForHalfYear(2568) };
        var q4 = fy with { Id = "fy2568-q4", Period = ReportPeriod.ForQuarter(2568, 4) };
        var q1Old = fy with { Id = "fy2568-q1", Period = ReportPeriod.ForQuarter(2568, 1) };
        await using var host = Host(q1Old, ytdOld, fy, half, q4, q1, ytd);
        using var client = Client(host);

        var html = await client.GetStringAsync("/transparency", Ct);
        var links = Regex.Matches(html, "<a href=\"/transparency/([^\"]+)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["fy2569", "fy2569-q1", "fy2568", "fy2568-h1", "fy2568-q4", "fy2568-q1"], links);

        using var running = await client.GetAsync("/transparency/fy2569", Ct);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Contains("14 กุมภาพันธ์ 2569", await running.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);   // the newest year to date
    }

    [Fact]
    public async Task Index_NothingStored_SaysSoInThai()
    {
        await using var host = Host();
        using var client = Client(host);

        var html = await client.GetStringAsync("/transparency", Ct);

        Assert.Contains("ยังไม่มีรายงานที่เผยแพร่ค่ะ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ShowsTheFiguresChartsAndTables_LinksOnlyPublicDocuments()
    {
        await using var host = Host(SampleSnapshots.Fy2568());
        using var client = Client(host);

        var html = await client.GetStringAsync("/transparency/FY2568", Ct);

        Assert.Contains("สถิติเรื่องร้องเรียนและการให้บริการ ประจำปีงบประมาณ พ.ศ. 2568", html, StringComparison.Ordinal);
        Assert.Contains("ข้อมูล ณ วันที่ 1 ต.ค. 2568 08:00 น.", html, StringComparison.Ordinal);
        Assert.Matches("<td class=\"n\">7</td><td class=\"n\">5</td><td class=\"n\">2</td>", html);
        Assert.Matches("<td class=\"n\">1,234</td><td class=\"n\">1,100</td><td class=\"n\">134</td>", html);
        Assert.Equal(12, TransparencyRenderersTests.BarGroups(html, "corruption-months"));
        Assert.Equal(12, TransparencyRenderersTests.BarGroups(html, "complaints-months"));
        Assert.Equal(12, TransparencyRenderersTests.BarGroups(html, "services-months"));
        Assert.Contains(">ต.ค. 67</text>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/transparency/fy2568/statistics-csv\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/transparency/fy2568/statistics-json\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/transparency/fy2568/corruption-docx\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("measures-docx", html, StringComparison.Ordinal);
        Assert.Contains(SampleSnapshots.Fy2568().Trace.Digest, html, StringComparison.Ordinal);
        Assert.DoesNotContain("ไม่มีเรื่องร้องเรียน", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_EmptyMonth_SaysNoComplaints()
    {
        await using var host = Host(SampleSnapshots.EmptyMonth());
        using var client = Client(host);

        using var response = await client.GetAsync("/transparency/2568-03", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ประจำเดือนมีนาคม พ.ศ. 2568", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"none\">ไม่มีเรื่องร้องเรียน</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ScriptLookingAgencyCategoryAndStatusNames_AreEncodedInHtmlAndSvg()
    {
        const string agency = "<script>alert('agency')</script>";
        const string category = "<img src=x onerror=alert(1)>";
        const string status = "</text><script>alert(2)</script>";
        var sample = SampleSnapshots.Fy2568();
        var snapshot = sample with
        {
            AgencyName = agency,
            Complaints = sample.Complaints with
            {
                ByCategory = [new("x", category, 1234)],
                ByStatus = [new("received", status, 1234)],
            },
        };
        await using var host = Host(snapshot);
        using var client = Client(host);

        var page = await client.GetStringAsync("/transparency/fy2568", Ct);
        var file = await client.GetStringAsync("/transparency/fy2568/statistics-html", Ct);

        foreach (var html in new[] { page, file })
        {
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("</text><script", html, StringComparison.Ordinal);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
            Assert.Contains("&lt;/text&gt;&lt;script&gt;alert(2)&lt;/script&gt;", html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(&#x27;agency&#x27;)&lt;/script&gt;", file, StringComparison.Ordinal);
        var share = page[page.IndexOf("id=\"complaints-share\"", StringComparison.Ordinal)..];
        Assert.Contains("<text x=\"20\" y=\"56\">&lt;/text&gt;&lt;script&gt;alert(2)&lt;/script&gt; 1,234", share, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/transparency/nonsense", "ไม่พบรายงานที่ต้องการค่ะ")]
    [InlineData("/transparency/fy99999", "ไม่พบรายงานที่ต้องการค่ะ")]
    [InlineData("/transparency/2568-13", "ไม่พบรายงานที่ต้องการค่ะ")]
    [InlineData("/transparency/fy2568/nonsense", "ไม่พบเอกสารที่ต้องการค่ะ")]
    [InlineData("/transparency/fy2568/measures-docx", "ไม่พบเอกสารที่ต้องการค่ะ")]
    [InlineData("/transparency/fy2569", "รายงานประจำปีงบประมาณ พ.ศ. 2569 ยังไม่ได้รวบรวมข้อมูลค่ะ")]
    [InlineData("/transparency/2568-04/statistics-csv", "รายงานประจำเดือนเมษายน พ.ศ. 2568 ยังไม่ได้รวบรวมข้อมูลค่ะ")]
    public async Task Missing_Thai404Page_NotCached(string path, string message)
    {
        await using var host = Host(SampleSnapshots.Fy2568(), SampleSnapshots.EmptyMonth());
        using var client = Client(host);

        using var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<html lang=\"th\">", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/transparency\"", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/transparency")]
    [InlineData("/transparency/fy2568/statistics-json")]
    public async Task Head_AnswersLikeGetWithoutABody(string path)
    {
        await using var host = Host(SampleSnapshots.Fy2568());
        using var client = Client(host);

        using var get = await client.GetAsync(path, Ct);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Ct);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal((await get.Content.ReadAsByteArrayAsync(Ct)).Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Csv_OverHttp_DownloadsUnderItsFileName_BomAndFigures()
    {
        await using var host = Host(SampleSnapshots.Fy2568());
        using var client = Client(host);

        using var response = await client.GetAsync("/transparency/fy2568/statistics-csv", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("statistics-fy2568.csv", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("fy2568,corruption,summary,total,เรื่องร้องเรียนทั้งหมด,,7,\r\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SameSnapshotAgain_IfNoneMatchGets304_NewCompileChangesTheETag()
    {
        var first = SampleSnapshots.Fy2568();
        var compiler = new FakeReportCompiler(first);
        await using var host = new ServiceHost(_line, services: s => s.AddSingleton<IReportCompiler>(compiler));
        using var client = Client(host);

        using var response = await client.GetAsync("/transparency/fy2568", Ct);
        var etag = response.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/transparency/fy2568");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);

        await using var otherHost = new ServiceHost(_line, services: s => s.AddSingleton<IReportCompiler>(new FakeReportCompiler(first with { Id = "recompiled", CompiledAt = first.CompiledAt.AddHours(1) })));
        using var otherClient = Client(otherHost);
        using var recompiled = new HttpRequestMessage(HttpMethod.Get, "/transparency/fy2568");
        recompiled.Headers.IfNoneMatch.Add(etag);
        using var fresh = await otherClient.SendAsync(recompiled, Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(etag, fresh.Headers.ETag);
    }
}
