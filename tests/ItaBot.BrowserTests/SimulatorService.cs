using ItaBot.Line.Testing;
using ItaBot.Simulator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItaBot.BrowserTests;

/// <summary>
/// The real service in simulator mode (no LINE credentials), on a real loopback port with a fresh data directory,
/// and Debian's Chromium driven by Playwright. One per test class; every test opens its own browser context.
/// </summary>
public sealed class SimulatorService : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

    private Factory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    internal LineStandIn Line { get; private set; } = null!;

    /// <summary>The service's own services (stores, accounts), for tests that set up data directly.</summary>
    internal IServiceProvider Services => _factory!.Services;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("itabot-browser-").FullName;

    public async ValueTask InitializeAsync()
    {
        _factory = new Factory(DataDirectory);
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        Line = _factory.Services.GetRequiredService<LineStandIn>();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
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

    /// <summary>A fresh phone: new context (so new localStorage, so a new simulated user), the simulator page loaded.</summary>
    public async Task<IPage> OpenSimulatorAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "th-TH",
            TimezoneId = "Asia/Bangkok",
            ViewportSize = new ViewportSize { Width = 760, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync("/simulator");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return page;
    }

    private sealed class Factory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ItaBot:Storage:DataDirectory", dataDirectory);
            builder.UseSetting("ItaBot:Reports:CompileMissedNightAtStart", "false");   // no compile racing the pages under test
            builder.UseSetting("ItaBot:Vault:Kek", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            builder.UseSetting("ItaBot:Vault:Argon2MemoryKiB", "1024");
            builder.UseSetting("ItaBot:Vault:Argon2Passes", "1");
        }
    }
}
