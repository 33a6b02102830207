using System.Net;
using System.Text.RegularExpressions;
using ItaBot.Line.Testing;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Tests.Whistleblowing;

namespace ItaBot.Tests.Shared;

/// <summary>
/// The pages keep the strict CSP honest by markup alone: no inline style or script anywhere, and each links one
/// stylesheet from this site at a content-hashed address that a browser may keep for a year.
/// </summary>
public sealed partial class PageMarkupTests : IAsyncLifetime
{
    private static readonly string[] StaffRoutes =
    [
        "/staff", "/staff/account", "/staff/admin/staff", "/staff/admin/departments", "/staff/cases", "/staff/cases/new",
        "/staff/handovers", "/staff/services", "/staff/reports", "/staff/privacy", "/staff/privacy/new",
    ];

    private static readonly string[] PublicRoutes = ["/report", "/report/follow-up", "/report/manual", "/privacy"];

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

        foreach (var route in StaffRoutes.Append("/staff/admin/staff/" + admin.Id))
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

    private static async Task AssertPageAsync(HttpClient client, string route, string stylesheetBase)
    {
        using var response = await client.GetAsync(route, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {response.StatusCode}");
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
