using System.Globalization;
using System.Net;
using ItaBot.Line.Testing;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Reports;

/// <summary>/staff/reports through the whole service with a fake compiler: who may enter, compiling, refusing bad periods, the recheck, downloads.</summary>
public sealed class ReportPagesTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    private static int CurrentFiscalYear => ReportPeriod.FiscalYearOf(ReportPeriodInput.Today(TimeProvider.System));

    private static async Task<(StaffBrowser Browser, string Page)> ReporterAsync(ServiceHost host, string user = "reporter1")
    {
        await StaffTestKit.AddAsync(host, user, StaffRole.Reporter);
        var browser = new StaffBrowser(host);
        await browser.SignInAsync(user);
        return (browser, await browser.GetPageAsync(ReportPages.Path));
    }

    [Fact]
    public async Task ReportRoutes_WithoutSessionRedirectOrAre401_ForACaseOfficerAre403()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var stored = await compiler.CompileAsync(ReportPeriod.ForFiscalYear(2568), "someone");
        var pages = new[] { ReportPages.Path, ReportPages.Href(stored), ReportPages.Href(stored) + "/complaints-csv" };
        var forms = new[] { ReportPages.Path, ReportPages.Href(stored) + "/verify" };
        using var anonymous = new StaffBrowser(host);
        var signIn = await anonymous.GetPageAsync("/staff/signin");
        foreach (var page in pages)
        {
            var response = await anonymous.Client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page}: {response.StatusCode}");
            Assert.StartsWith("/staff/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        foreach (var form in forms)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(form, signIn, ("kind", "fy"), ("year", "2568"))).StatusCode);
        }

        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");
        var home = await officer.GetPageAsync("/staff");
        Assert.DoesNotContain(ReportPages.Path, home, StringComparison.Ordinal);
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.Client.GetAsync(page)).StatusCode);
        }

        foreach (var form in forms)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync(form, home, ("kind", "fy"), ("year", "2568"))).StatusCode);
        }

        Assert.Single(compiler.Calls);     // only the one this test made
    }

    [Fact]
    public async Task CompileFiscalYear_StoresBySignedInUserName_RedirectsToSnapshotWithFiguresAndTrace_ListedAfter()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var (browser, page) = await ReporterAsync(host);
        using var _ = browser;
        Assert.Contains("ยังไม่มีรายงานที่รวบรวมไว้ค่ะ", page, StringComparison.Ordinal);
        Assert.Contains(">มีนาคม</option>", page, StringComparison.Ordinal);     // Thai month names
        Assert.Contains(ReportPages.Path, await browser.GetPageAsync("/staff"), StringComparison.Ordinal);     // linked from the home page

        var response = await browser.PostAsync(ReportPages.Path, page, ("kind", "fy"), ("year", "2568"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var call = Assert.Single(compiler.Calls);
        Assert.Equal(ReportPeriod.ForFiscalYear(2568), call.Period);
        Assert.Equal("reporter1", call.CompiledBy);
        Assert.True(call.Store);
        Assert.Null(call.AsOf);
        var snapshot = Assert.Single(compiler.List());
        Assert.Equal(ReportPages.Href(snapshot) + "?compiled=1", response.Headers.Location!.OriginalString);
        var shown = await browser.GetPageAsync(response.Headers.Location.OriginalString);
        Assert.Contains("รวบรวมสถิติประจำปีงบประมาณ พ.ศ. 2568 แล้วค่ะ", shown, StringComparison.Ordinal);
        Assert.Contains("1 ตุลาคม 2567 &#x2013; 30 กันยายน 2568", shown, StringComparison.Ordinal);     // the dash is encoded, Thai is not
        Assert.Contains("<td>1,234</td>", shown, StringComparison.Ordinal);     // complaints total
        Assert.Contains("<td>1,100</td>", shown, StringComparison.Ordinal);     // completed
        Assert.Contains("<td>7</td>", shown, StringComparison.Ordinal);         // corruption reports
        Assert.Contains("4.31 / 5", shown, StringComparison.Ordinal);
        Assert.Contains("5 วัน", shown, StringComparison.Ordinal);              // 120.3 hours to close on average
        Assert.Contains(snapshot.Trace.Digest, shown, StringComparison.Ordinal);
        Assert.All(["เรื่องร้องเรียน 1,234", "เบาะแส 7", "คำถาม 1,500", "บันทึกบริการ 48"], counted => Assert.Contains(counted, shown, StringComparison.Ordinal));
        Assert.Contains("ตรวจสอบซ้ำ", shown, StringComparison.Ordinal);
        foreach (var renderer in PublishHost.Renderers)
        {
            Assert.Contains($"href=\"{ReportPages.Href(snapshot)}/{renderer.Kind}\"", shown, StringComparison.Ordinal);
        }

        var list = await browser.GetPageAsync(ReportPages.Path);
        Assert.Contains($"href=\"{ReportPages.Href(snapshot)}\"", list, StringComparison.Ordinal);
        Assert.Contains("<td>reporter1</td>", list, StringComparison.Ordinal);
        Assert.Contains(ReportTexts.At(snapshot.CompiledAt), list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("h1", "2568", null, "fy2568-h1")]
    [InlineData("q", "2568", "2", "fy2568-q2")]
    [InlineData("month", "2568", "3", "2568-03")]
    public async Task CompileOtherKinds_CompilesThePeriodChosen(string kind, string year, string? second, string slug)
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var (browser, page) = await ReporterAsync(host);
        using var _ = browser;

        var response = await browser.PostAsync(ReportPages.Path, page, ("kind", kind), ("year", year), ("quarter", second ?? ""), ("month", second ?? ""));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(slug, Assert.Single(compiler.Calls).Period.Slug);
    }

    [Fact]
    public async Task CompileCustomAndYearToDate_ReadThaiMonthsAndBuddhistEraYears()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var (browser, page) = await ReporterAsync(host);
        using var _ = browser;

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(ReportPages.Path, page, ("kind", "custom"),
            ("fromDay", "1"), ("fromMonth", "1"), ("fromYear", "2568"), ("toDay", "31"), ("toMonth", "3"), ("toYear", "2568"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(ReportPages.Path, page, ("kind", "ytd"))).StatusCode);

        var calls = compiler.Calls.ToList();
        Assert.Equal(ReportPeriod.Custom(new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)), calls[0].Period);
        Assert.Equal(ReportPeriod.YearToDate(ReportPeriodInput.Today(TimeProvider.System)), calls[1].Period);
    }

    public static TheoryData<string, string[], string> BadPeriods() => new()
    {
        { "future fiscal year", ["kind", "fy", "year", (CurrentFiscalYear + 1).ToString(CultureInfo.InvariantCulture)], "ยังไม่เริ่มค่ะ" },
        { "end before start", ["kind", "custom", "fromDay", "1", "fromMonth", "3", "fromYear", "2568", "toDay", "1", "toMonth", "1", "toYear", "2568"], "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้นค่ะ" },
        { "31 February", ["kind", "custom", "fromDay", "31", "fromMonth", "2", "fromYear", "2568", "toDay", "1", "toMonth", "3", "toYear", "2568"], "วันที่ไม่ถูกต้องค่ะ" },
        { "Gregorian year", ["kind", "fy", "year", "2025"], "ปีหรือเดือนไม่ถูกต้องค่ะ" },
        { "letters for a year", ["kind", "month", "year", "สองพัน", "month", "3"], "ปีหรือเดือนไม่ถูกต้องค่ะ" },
        { "month 13", ["kind", "month", "year", "2568", "month", "13"], "ปีหรือเดือนไม่ถูกต้องค่ะ" },
        { "quarter 5", ["kind", "q", "year", "2568", "quarter", "5"], "ปีหรือเดือนไม่ถูกต้องค่ะ" },
        { "unknown kind", ["kind", "decade", "year", "2568"], "กรุณาเลือกช่วงเวลาของรายงานค่ะ" },
        { "no kind", ["year", "2568"], "กรุณาเลือกช่วงเวลาของรายงานค่ะ" },
        { "huge number", ["kind", "fy", "year", "99999999999999999999"], "ปีหรือเดือนไม่ถูกต้องค่ะ" },
    };

    [Theory]
    [MemberData(nameof(BadPeriods))]
    public async Task CompileBadPeriod_Is400WithAThaiMessage_NothingCompiled(string what, string[] fields, string expected)
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var (browser, page) = await ReporterAsync(host);
        using var _ = browser;
        var pairs = fields.Chunk(2).Select(p => (p[0], p[1])).ToArray();

        var response = await browser.PostAsync(ReportPages.Path, page, pairs);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(compiler.Calls);
    }

    [Fact]
    public async Task Compile_WithoutTheAntiforgeryToken_IsRefusedAndCompilesNothing()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var (browser, _) = await ReporterAsync(host);
        using var b = browser;

        var response = await browser.PostAsync(ReportPages.Path, null, ("kind", "fy"), ("year", "2568"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(compiler.Calls);
    }

    [Fact]
    public async Task Recheck_SameRecords_RecompilesAsOfTheSameInstantWithoutStoring_AndSaysIdentical()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var stored = await compiler.CompileAsync(ReportPeriod.ForQuarter(2568, 2), "schedule");
        var (browser, _) = await ReporterAsync(host);
        using var b = browser;
        var page = await browser.GetPageAsync(ReportPages.Href(stored));

        var response = await browser.PostAsync(ReportPages.Href(stored) + "/verify", page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.Content.ReadAsStringAsync();
        Assert.Contains("ตรงกันทุกประการค่ะ", shown, StringComparison.Ordinal);
        var recheck = compiler.Calls.Last();
        Assert.Equal((stored.Period, "reporter1", (DateTime?)stored.AsOf, false), recheck);
        Assert.Single(compiler.List());     // nothing new stored
    }

    [Fact]
    public async Task Recheck_RecordsChanged_SaysWhichFiguresAndTheNewDigest()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var stored = await compiler.CompileAsync(ReportPeriod.ForMonth(2568, 3), "schedule");
        var (browser, _) = await ReporterAsync(host);
        using var b = browser;
        var page = await browser.GetPageAsync(ReportPages.Href(stored));
        compiler.Drift = true;

        var shown = await (await browser.PostAsync(ReportPages.Href(stored) + "/verify", page)).Content.ReadAsStringAsync();

        Assert.Contains("ได้ผลไม่ตรงกันค่ะ", shown, StringComparison.Ordinal);
        Assert.Contains("สถิติเรื่องร้องเรียนทั่วไป", shown, StringComparison.Ordinal);
        Assert.Contains("จำนวนระเบียนหรือค่าตรวจสอบ (digest)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("สถิติเรื่องร้องเรียนการทุจริต,", shown, StringComparison.Ordinal);
        Assert.Contains(new string('a', 64), shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_EveryRenderer_ServesItsDocumentUnderItsFileName_UnknownKindOrSnapshotIs404()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);
        var stored = await compiler.CompileAsync(ReportPeriod.ForFiscalYear(2568), "schedule");
        var (browser, _) = await ReporterAsync(host);
        using var b = browser;

        foreach (var renderer in PublishHost.Renderers)
        {
            var response = await browser.Client.GetAsync(ReportPages.Href(stored) + "/" + renderer.Kind);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var expected = renderer.Render(stored);
            Assert.Equal(expected.FileName, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(expected.Content, await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync(ReportPages.Href(stored) + "/nonsense-docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync(ReportPages.Path + "/no-such-snapshot/complaints-csv")).StatusCode);
        var missing = await browser.Client.GetAsync(ReportPages.Path + "/no-such-snapshot");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("ไม่พบรายงาน", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotPage_EncodesWhatItShows_AndSaysNoComplaintsForAnEmptyPeriod()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System) { AgencyName = "<script>alert(1)</script>", EmptyFrom = DateOnly.MinValue };
        await using var host = PublishHost.Create(_line, compiler);
        var stored = await compiler.CompileAsync(ReportPeriod.ForMonth(2568, 3), "<b>someone</b>");
        var (browser, _) = await ReporterAsync(host);
        using var b = browser;

        var shown = await browser.GetPageAsync(ReportPages.Href(stored));
        var list = await browser.GetPageAsync(ReportPages.Path);

        Assert.DoesNotContain("<script>alert(1)</script>", shown, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>someone</b>", list, StringComparison.Ordinal);
        Assert.Contains("ไม่มีเรื่องร้องเรียน", shown, StringComparison.Ordinal);
    }
}
