using System.Net;
using System.Text.RegularExpressions;
using ItaBot.CasePages;
using ItaBot.Cases;
using ItaBot.Line.Testing;
using ItaBot.Media;
using ItaBot.Reports;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Tests.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Shared;

/// <summary>
/// The pages keep the strict CSP honest by markup alone: no inline style or script anywhere, and each links one
/// stylesheet from this site at a content-hashed address that a browser may keep for a year (staff, /report and
/// /privacy, /transparency: one per audience).
/// </summary>
public sealed partial class PageMarkupTests : IAsyncLifetime
{
    private static readonly string[] StaffRoutes =
    [
        "/staff", "/staff/account", "/staff/admin/staff", "/staff/admin/departments", "/staff/cases", "/staff/cases/new",
        "/staff/handovers", "/staff/services", "/staff/reports", "/staff/privacy", "/staff/privacy/new",
    ];

    private static readonly string[] PublicRoutes = ["/report", "/report/follow-up", "/report/manual", "/privacy", "/privacy/copy/0123456789abcdef"];

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task StaffPages_ForAnAdmin_HaveNoInlineStyleOrScript_AndTheirStylesheetIsCachedForAYear()
    {
        await using var host = new ServiceHost(_line);
        var secret = StaffTotp.NewSecret();
        var admin = await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        using var browser = new StaffBrowser(host);
        await AssertPageAsync(browser.Client, "/staff/signin", "/staff/");
        Assert.Equal("/staff", (await browser.SignInAsync("admin1", totpSecret: secret)).Headers.Location!.OriginalString);

        // A case page with a photo, a place, a map link, the forms that work it and a timeline of two events.
        var photo = await host.Services.GetRequiredService<IPhotoStore>().SaveAsync(new StrippedPhoto([0xFF, 0xD8, 0xFF, 0xD9], 4, 3, null), CancellationToken.None);
        var cases = host.Services.GetRequiredService<CaseService>();
        var filed = await cases.CreateAsync(new NewCase
        {
            CategoryId = "street-light",
            Channel = CaseChannel.Line,
            Description = "ไฟถนนดับ\n<script>alert(1)</script>",
            Photos = [photo],
            Location = new CaseLocation(16.44, 102.83, null, "หน้าตลาด"),
            CitizenLineUserId = "U" + Guid.NewGuid().ToString("N"),
        }, CaseService.CitizenActor);
        Assert.Equal(CaseChangeOutcome.Changed, (await cases.AddInternalNoteAsync(filed.Id, filed.Version, "ลงพื้นที่แล้ว\nพรุ่งนี้ซ่อม", admin.Id)).Outcome);

        foreach (var route in StaffRoutes.Append("/staff/admin/staff/" + admin.Id).Append(CaseAccess.Href(filed)))
        {
            await AssertPageAsync(browser.Client, route, "/staff/");
        }
    }

    [Fact]
    public async Task PublicPages_HaveNoInlineStyleOrScript_AndTheirStylesheetIsCachedForAYear()
    {
        await using var host = new ServiceHost(_line, settings: WhistleblowConversationTests.VaultSettings());
        using var client = host.CreateBrowserClient(cookies: false);

        foreach (var route in PublicRoutes)
        {
            await AssertPageAsync(client, route, "/report/");
        }
    }

    [Fact]
    public async Task TransparencyPages_HaveNoInlineStyleOrScript_AndTheirStylesheetIsCachedForAYear()
    {
        await using var host = new ServiceHost(_line);
        using var client = host.CreateBrowserClient(cookies: false);

        await AssertPageAsync(client, "/transparency", "/transparency/");
    }

    [Fact]
    public async Task ReportAndPrivacyPages_WithARecordEach_HaveNoInlineStyleOrScript_AndTheirStylesheetIsCachedForAYear()
    {
        await using var host = new ServiceHost(_line);
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        using var browser = new StaffBrowser(host);
        await browser.SignInAsync("admin1", totpSecret: secret);

        using var compiled = await browser.PostAsync("/staff/reports", await browser.GetPageAsync("/staff/reports"), ("kind", "ytd"));
        using var filed = await browser.PostAsync("/staff/privacy/new", await browser.GetPageAsync("/staff/privacy/new"),
            ("kind", "Access"), ("name", "สมศรี มีสุข"), ("phone", "0812345678"));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (compiled.StatusCode, filed.StatusCode));

        foreach (var route in new[] { compiled.Headers.Location!.OriginalString, filed.Headers.Location!.OriginalString, "/staff/privacy/audit", "/staff/privacy/purges" })
        {
            await AssertPageAsync(browser.Client, route, "/staff/");
        }
    }

    [Fact]
    public async Task ErrorPages_OfAFailedStaffAndPublicPage_HaveNoInlineStyleOrScript_AndTheAudiencesStylesheet()
    {
        await using var host = new ServiceHost(_line, services: s => s.AddSingleton<IReportCompiler, BrokenCompiler>());
        await StaffTestKit.AddAsync(host, "reporter1", StaffRole.Reporter);
        using var browser = new StaffBrowser(host);
        await browser.SignInAsync("reporter1");

        await AssertPageAsync(browser.Client, "/staff/reports", "/staff/", HttpStatusCode.InternalServerError);
        await AssertPageAsync(browser.Client, "/transparency", "/report/", HttpStatusCode.InternalServerError);
    }

    /// <summary>A compiler whose store cannot be read: every page that lists or reads snapshots fails inside.</summary>
    private sealed class BrokenCompiler : IReportCompiler
    {
        public Task<ReportSnapshot> CompileAsync(ReportPeriod period, string compiledBy, DateTime? asOf = null, bool store = true, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("broken");

        public ReportSnapshot? Latest(string periodSlug) => throw new InvalidOperationException("broken");

        public ReportSnapshot? Get(string snapshotId) => throw new InvalidOperationException("broken");

        public IReadOnlyList<ReportSnapshot> List(int limit = 100) => throw new InvalidOperationException("broken");
    }

    private static async Task AssertPageAsync(HttpClient client, string route, string stylesheetBase, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        request.Headers.Accept.ParseAdd("text/html");   // as a browser asks (the error pages answer only those that do)
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"{route}: {response.StatusCode}");
        Assert.False(InlineStyle().IsMatch(html), $"{route} has a style attribute");
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var links = Stylesheet().Matches(html);
        Assert.True(links.Count == 1, $"{route}: one stylesheet link expected in {html[..Math.Min(html.Length, 600)]}");
        var stylesheet = links[0].Groups[1].Value;
        Assert.Matches("^" + Regex.Escape(stylesheetBase) + @"style\.[0-9a-f]{12}\.css$", stylesheet);
        using var css = await client.GetAsync(stylesheet, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), css.Headers.CacheControl?.MaxAge);
        Assert.True(css.Headers.CacheControl!.Public, stylesheet);
        Assert.Contains("immutable", css.Headers.CacheControl.Extensions.Select(e => e.Name));
        Assert.False(css.Headers.Contains("Set-Cookie"), stylesheet);
    }

    [GeneratedRegex(@"<[^>]*\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"\\s*/?>")]
    private static partial Regex Stylesheet();
}
