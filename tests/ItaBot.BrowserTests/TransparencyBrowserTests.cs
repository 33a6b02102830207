using ItaBot.Reports;
using ItaBot.Tests.Reports;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItaBot.BrowserTests;

/// <summary>/transparency in Chromium: JavaScript off, SVG charts drawn with one bar per month, print hides the navigation.</summary>
public sealed class TransparencyBrowserTests(TransparencyService service) : IClassFixture<TransparencyService>
{
    [Fact]
    public async Task IndexToReport_WithoutJavaScript_ChartsHaveOneBarPerMonthAndATableUnderEach_NoCookies()
    {
        var context = await service.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/transparency");
        // The index lists fiscal years, halves and quarters with a stored snapshot; months stay reachable by address only.
        Assert.Equal(["รายงานประจำปีงบประมาณ พ.ศ. 2568"], await page.Locator("ul.periods a").AllInnerTextsAsync());
        await page.ClickAsync("ul.periods a[href='/transparency/fy2568']");

        Assert.EndsWith("/transparency/fy2568", page.Url, StringComparison.Ordinal);
        Assert.Equal(12, await page.Locator("svg#corruption-months g.bar").CountAsync());
        Assert.Equal(12, await page.Locator("svg#complaints-months g.bar").CountAsync());
        Assert.Equal(12, await page.Locator("svg#services-months g.bar").CountAsync());
        Assert.Equal(24, await page.Locator("svg#services-months g.bar rect").CountAsync());
        Assert.Equal(2, await page.Locator("svg#corruption-share g.part").CountAsync());
        Assert.Equal("3", await page.Locator("svg#corruption-months g.bar").Nth(3).GetAttributeAsync("data-value"));
        var tallest = await page.Locator("svg#corruption-months g.bar").Nth(3).Locator("rect").BoundingBoxAsync();
        var shorter = await page.Locator("svg#corruption-months g.bar").Nth(0).Locator("rect").BoundingBoxAsync();
        Assert.True(tallest!.Height > shorter!.Height && shorter.Height > 0, "Bars are drawn to scale.");
        Assert.Equal("เรื่องร้องเรียนการทุจริตรายเดือน", await page.Locator("svg#corruption-months > title").TextContentAsync());
        foreach (var chart in new[] { "corruption-months", "complaints-months", "services-months" })
        {
            // The table with the same figures follows the chart's figure.
            Assert.Equal(1, await page.Locator($"figure:has(svg#{chart}) + table.months").CountAsync());
        }

        Assert.True(await page.Locator("svg#corruption-months").IsVisibleAsync());
        Assert.Empty(await context.CookiesAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Print_HidesNavigationAndDownloads_KeepsChartsAndTables_MakesAnA4Pdf()
    {
        var context = await service.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/transparency/fy2568");
        Assert.True(await page.Locator("header.site nav").IsVisibleAsync());
        Assert.True(await page.Locator(".downloads").IsVisibleAsync());

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });

        Assert.False(await page.Locator("header.site nav").IsVisibleAsync());
        Assert.False(await page.Locator(".downloads").IsVisibleAsync());
        Assert.True(await page.Locator("header.site .brand").IsVisibleAsync());
        Assert.True(await page.Locator("svg#complaints-months").IsVisibleAsync());
        Assert.Equal("table-header-group", await page.Locator("table.months thead").First.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Equal("avoid", await page.Locator("figure").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
        // A footer repeated on every printed page would read as the total of that page's rows.
        Assert.Equal("table-row-group", await page.Locator("table.months tfoot").First.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        await context.CloseAsync();
    }

    [Fact]
    public async Task EmptyMonth_SaysNoComplaints_DrawsNoCharts()
    {
        var context = await service.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/transparency/2568-03");

        Assert.Equal("ไม่มีเรื่องร้องเรียน", await page.Locator("#corruption p.none").InnerTextAsync());
        Assert.Equal("ไม่มีเรื่องร้องเรียน", await page.Locator("#complaints p.none").InnerTextAsync());
        Assert.Equal(0, await page.Locator("svg").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task NeverCompiledPeriod_ShowsTheThaiPageWithALinkBack()
    {
        var context = await service.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/transparency/fy2570");

        Assert.Equal(404, response!.Status);
        Assert.Contains("ยังไม่ได้รวบรวมข้อมูลค่ะ", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ClickAsync("main a[href='/transparency']");
        Assert.EndsWith("/transparency", page.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }
}

/// <summary>The real service on a loopback port, a fake compiler serving the sample snapshots, and Debian's Chromium.</summary>
public sealed class TransparencyService : IAsyncLifetime
{
    private Factory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = null!;

    private string DataDirectory { get; } = Directory.CreateTempSubdirectory("itabot-browser-").FullName;

    public async ValueTask InitializeAsync()
    {
        _factory = new Factory(DataDirectory);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IBrowserContext> NewContextAsync(bool javaScript)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            Locale = "th-TH",
            TimezoneId = "Asia/Bangkok",
            ViewportSize = new ViewportSize { Width = 1024, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the temp cleaner.
        }
    }

    private sealed class Factory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ItaBot:Storage:DataDirectory", dataDirectory);
            builder.UseSetting("ItaBot:Reports:CompileMissedNightAtStart", "false");   // no compile racing the pages under test
            builder.ConfigureTestServices(services => services.AddSingleton<IReportCompiler>(new SampleCompiler(SampleSnapshots.Fy2568(), SampleSnapshots.EmptyMonth())));
        }
    }

    /// <summary>Serves the given snapshots as if stored (until the real compiler lands, the pages are tested against this).</summary>
    private sealed class SampleCompiler(params ReportSnapshot[] stored) : IReportCompiler
    {
        public Task<ReportSnapshot> CompileAsync(ReportPeriod period, string compiledBy, DateTime? asOf = null, bool store = true, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ReportSnapshot? Latest(string periodSlug) => stored.Where(s => s.Period.Slug == periodSlug).OrderByDescending(s => s.CompiledAt).FirstOrDefault();

        public ReportSnapshot? Get(string snapshotId) => stored.FirstOrDefault(s => s.Id == snapshotId);

        public IReadOnlyList<ReportSnapshot> List(int limit = 100) => [.. stored.OrderByDescending(s => s.CompiledAt).Take(limit)];
    }
}
