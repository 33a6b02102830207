using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using ItaBot.Cases;
using ItaBot.Media;
using ItaBot.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace ItaBot.BrowserTests;

/// <summary>
/// axe-core (WCAG 2 A and AA rules) in Chromium finds no violation on the pages people read: the public report form and
/// its follow-up, /transparency, the staff sign-in, the staff pages of a case officer (a case with photos and a
/// timeline among them) and of an administrator, and the integrity officer's pages (a protected report with evidence and a
/// reply among them), on a phone-sized screen. The pages' CSP rightly forbids injected scripts, so the checking context bypasses it.
/// </summary>
public sealed class AccessibilityBrowserTests(SimulatorService service, TransparencyService transparency)
    : IClassFixture<SimulatorService>, IClassFixture<TransparencyService>
{
    private const string Password = "น้ำใสไหลเย็น-2568";

    private static readonly AxeRunOptions Wcag2 = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task PublicPages_ReportFormTransparencyAndSignIn_HaveNoWcag2Violations()
    {
        var page = await OpenAsync(service.BaseAddress);
        var found = new List<string>();
        foreach (var path in new[] { "/report", "/staff/signin" })
        {
            found.AddRange(await CheckAsync(page, path));
        }

        var report = await OpenAsync(transparency.BaseAddress);
        foreach (var path in new[] { "/transparency", "/transparency/fy2568", "/transparency/2568-03" })
        {
            found.AddRange(await CheckAsync(report, path));
        }

        Directory.CreateDirectory(SimulatorPageTests.ScreenshotDirectory);
        await report.GotoAsync("/transparency/fy2568");
        await report.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SimulatorPageTests.ScreenshotDirectory, "transparency-report-390.png") });
        await report.Locator("#complaints").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(SimulatorPageTests.ScreenshotDirectory, "transparency-complaints-390.png") });

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public async Task StaffPages_OfACaseOfficerAndAnAdministrator_HaveNoWcag2Violations()
    {
        var accounts = service.Services.GetRequiredService<StaffAccounts>();
        var (_, officer) = await accounts.CreateAsync("a11y-officer", "สมหญิง ตรวจสอบ", StaffRole.CaseOfficer, "engineering", false);
        await accounts.SetPasswordAsync(officer!.Account.Id, Password);
        var page = await OpenAsync(service.BaseAddress);
        await page.GotoAsync("/staff/signin");
        await SignInAsync(page, "a11y-officer");
        await page.AtAsync("/staff");

        // A case filed by the officer (a phone call), so the case list and the case page have something to show.
        await page.GotoAsync("/staff/cases/new");
        var found = new List<string>(await CheckAsync(page, null));
        await page.SelectOptionAsync("#channel", new SelectOptionValue { Index = 1 });
        await page.SelectOptionAsync("#category", "street-light");
        await page.FillAsync("#description", "ไฟกิ่งหน้าวัดดับสามต้น <script>alert(1)</script>");
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await page.AtAsync(new System.Text.RegularExpressions.Regex("/staff/cases/[^/?]+\\?done=created$"));
        found.AddRange(await CheckAsync(page, null));

        // A case from LINE with two photos, worked a little so that its timeline has several events (one a note of two lines).
        var withPhotos = await CaseWithPhotosAsync();
        await page.GotoAsync("/staff/cases/" + Uri.EscapeDataString(withPhotos));
        await page.SelectOptionAsync("#assignee", new SelectOptionValue { Label = "สมหญิง ตรวจสอบ" });
        await page.Locator("#assign-form button[type=submit]").ClickAsync();
        await page.AtAsync(new System.Text.RegularExpressions.Regex("\\?done=assign$"));
        await page.FillAsync("#internal-note", "ลงพื้นที่แล้ว\nพรุ่งนี้เปลี่ยนหลอด \"><img src=x onerror=alert(1)>");
        await page.Locator("#note-form button[type=submit]").ClickAsync();
        await page.AtAsync(new System.Text.RegularExpressions.Regex("\\?done=note$"));
        Assert.Equal(2, await page.Locator("img.thumb").CountAsync());
        Assert.True(await page.Locator("ol.timeline li").CountAsync() >= 3);   // filed, assigned, noted
        found.AddRange(await CheckAsync(page, null));
        await ScreenshotAsync(page, "staff-case-390.png");
        await FitsAPhoneAsync(page);
        foreach (var path in new[] { "/staff", "/staff/cases", "/staff/account", "/staff/handovers" })
        {
            found.AddRange(await CheckAsync(page, path));
        }

        await ScreenshotAsync(page, "staff-handovers-390.png");
        await FitsAPhoneAsync(page);
        await page.GotoAsync("/staff/cases");
        await ScreenshotAsync(page, "staff-cases-390.png");
        await FitsAPhoneAsync(page);   // the list's rows are cards on a phone
        await page.GotoAsync("/staff/cases/new");
        await ScreenshotAsync(page, "staff-new-case-390.png");
        await FitsAPhoneAsync(page);

        var (adminPage, totpStep) = await SignInAdminAsync("a11y-admin");
        found.AddRange(totpStep);
        foreach (var path in new[] { "/staff", "/staff/admin/staff", "/staff/admin/departments", "/staff/privacy", "/staff/privacy/audit", "/staff/privacy/purges" })
        {
            found.AddRange(await CheckAsync(adminPage, path));
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public async Task IntegrityPages_OfAnIntegrityOfficerSignedInWithTotp_HaveNoWcag2Violations()
    {
        var accounts = service.Services.GetRequiredService<StaffAccounts>();
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var (_, officer) = await accounts.CreateAsync("a11y-integrity", "สมชาย ซื่อตรง", StaffRole.IntegrityOfficer, null, false);
        await accounts.SetPasswordAsync(officer!.Account.Id, Password);
        Assert.True(await accounts.EnrolTotpAsync(officer.Account.Id, secret, totp.ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-30))));
        var page = await OpenAsync(service.BaseAddress);
        await page.GotoAsync("/staff/signin");
        await SignInAsync(page, "a11y-integrity");
        await page.AtAsync(new System.Text.RegularExpressions.Regex("/staff/signin/totp"));
        await page.FillAsync("#code", totp.ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await page.ClickAsync("button[type=submit]");
        await page.AtAsync("/staff");

        var found = new List<string>();
        foreach (var path in new[] { "/staff", "/staff/integrity", "/staff/integrity/new", "/staff/account" })
        {
            found.AddRange(await CheckAsync(page, path));
        }

        // A walk-in report with a photo and a PDF, typed in by the officer: its slip, then the protected report's
        // page with that evidence and a reply to the reporter in its messages.
        await page.GotoAsync("/staff/integrity/new");
        await page.SelectOptionAsync("#channel", "WalkIn");
        await page.FillAsync("#officials", "เจ้าหน้าที่งานพัสดุ");
        await page.FillAsync("#what", "ผู้มาติดต่อเล่าว่ามีการแบ่งซื้อแบ่งจ้างเพื่อเลี่ยงการประกวดราคา <b>สามสัญญา</b>");
        await page.SetInputFilesAsync("#files",
        [
            new FilePayload { Name = "ใบเสนอราคา.png", MimeType = "image/png", Buffer = TestImages.Png(320, 240, (x, y) => ((byte)x, (byte)y, 90)) },
            new FilePayload { Name = "สัญญา.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Title (contracts) >> endobj\n%%EOF\n") },
        ]);
        await page.CheckAsync("input[name=identity][value=contact]");
        await page.FillAsync("#name", "นายผู้มาแจ้ง ด้วยตนเอง");
        await page.ClickAsync("main form button[type=submit]");
        await page.Locator(".slip, .msg.error").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.True(await page.Locator(".slip").CountAsync() == 1, await page.Locator("main").InnerTextAsync());
        found.AddRange(await CheckAsync(page, null));
        await page.ClickAsync("text=เปิดเรื่องนี้");
        await page.AtAsync(new System.Text.RegularExpressions.Regex("/staff/integrity/[^/]+$"));
        await page.FillAsync("#text", "ขอทราบวันที่ของสัญญาทั้งสามฉบับค่ะ");
        await page.ClickAsync("form[action$='/message'] button[type=submit]");
        await page.Locator("ol.timeline .note").WaitForAsync();
        Assert.Equal(2, await page.Locator("main ul li a[href*='/attachments/']:not([href$='/original'])").CountAsync());   // the viewing copies
        Assert.True(await page.Locator("main ul li a[href$='/original']").CountAsync() >= 1);   // the document's original at least
        found.AddRange(await CheckAsync(page, null));
        Directory.CreateDirectory(SimulatorPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SimulatorPageTests.ScreenshotDirectory, "staff-integrity-report.png"), FullPage = true });

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Fact]
    public async Task ReportServicePrivacyAndErrorPages_OfAnAdministratorAndACitizen_HaveNoWcag2Violations()
    {
        var (page, _) = await SignInAdminAsync("a11y-admin2");
        var found = new List<string>();
        foreach (var path in new[] { "/staff/services", "/staff/reports", "/staff/privacy/new" })
        {
            found.AddRange(await CheckAsync(page, path));
        }

        // A walk-in line (the day's table), a compiled year (the snapshot page) and a request made at the office (its page).
        await page.GotoAsync("/staff/services");
        await page.SelectOptionAsync("#service", new SelectOptionValue { Index = 1 });
        await page.FillAsync("#people", "4");
        await page.ClickAsync("#visit-form button[type=submit]");
        await page.AtAsync(new System.Text.RegularExpressions.Regex("/staff/services\\?day=.*&done=recorded$"));
        found.AddRange(await CheckAsync(page, null));
        await page.GotoAsync("/staff/reports");
        await page.Locator("main form button[type=submit]").First.ClickAsync();
        await page.AtAsync(new System.Text.RegularExpressions.Regex("/staff/reports/[^/?]+\\?compiled=1$"));
        found.AddRange(await CheckAsync(page, null));
        await page.GotoAsync("/staff/privacy/new");
        await page.FillAsync("#name", "สมศรี มีสุข");
        await page.FillAsync("#phone", "0812345678");
        await page.ClickAsync("main form button[type=submit]");
        await page.AtAsync(new System.Text.RegularExpressions.Regex("/staff/privacy/requests/[^/?]+$"));
        found.AddRange(await CheckAsync(page, null));

        var citizen = await OpenAsync(service.BaseAddress);
        found.AddRange(await CheckAsync(citizen, "/privacy/copy/" + new string('a', 48)));

        // The error pages as the service sends them, in each audience's colours (nothing in the running service fails on purpose).
        foreach (var (path, staff) in new[] { ("/staff/error-check", true), ("/report/error-check", false) })
        {
            var html = await ItaBot.Hosting.ErrorPages.PageAsync(staff);
            await citizen.RouteAsync("**" + path, route => route.FulfillAsync(new RouteFulfillOptions { Status = 500, ContentType = "text/html; charset=utf-8", Body = html }));
            Assert.Equal(500, (await citizen.GotoAsync(path))!.Status);
            found.AddRange(await CheckAsync(citizen, null));
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    /// <summary>A new administrator with TOTP, signed in; the violations found on the TOTP step on the way.</summary>
    private async Task<(IPage Page, IEnumerable<string> TotpStep)> SignInAdminAsync(string user)
    {
        var accounts = service.Services.GetRequiredService<StaffAccounts>();
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var (_, admin) = await accounts.CreateAsync(user, "ผู้ดูแล ระบบ", StaffRole.Admin, null, false);
        await accounts.SetPasswordAsync(admin!.Account.Id, Password);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        Assert.True(await accounts.EnrolTotpAsync(admin.Account.Id, secret, totp.ComputeTotp(now.AddSeconds(-30))));   // the code before this one
        var page = await OpenAsync(service.BaseAddress);
        await page.GotoAsync("/staff/signin");
        await SignInAsync(page, user);
        await page.AtAsync(new System.Text.RegularExpressions.Regex("/staff/signin/totp"));
        var totpStep = await CheckAsync(page, null);
        await page.FillAsync("#code", totp.ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await page.ClickAsync("button[type=submit]");
        await page.AtAsync("/staff");
        return (page, totpStep);
    }

    /// <summary>A complaint filed in LINE about a street light (the officer's department) with two real photos; its number.</summary>
    private async Task<string> CaseWithPhotosAsync()
    {
        var stripper = service.Services.GetRequiredService<PhotoStripper>();
        var store = service.Services.GetRequiredService<IPhotoStore>();
        var photos = new List<CasePhoto>();
        foreach (var shade in new byte[] { 60, 200 })
        {
            var stripped = await stripper.StripAsync(TestImages.Png(64, 48, (x, y) => ((byte)(x * 4), (byte)(y * 5), shade)), CancellationToken.None);
            photos.Add(await store.SaveAsync(stripped.Photo!, CancellationToken.None));
        }

        var record = await service.Services.GetRequiredService<CaseService>().CreateAsync(new NewCase
        {
            CategoryId = "street-light",
            Channel = CaseChannel.Line,
            Description = "ไฟถนนหน้าตลาดดับ\nมืดมากตอนกลางคืน",
            Photos = photos,
            Location = new CaseLocation(16.4419, 102.8360, null, "หน้าตลาดสด"),
            CitizenLineUserId = "U" + Guid.NewGuid().ToString("N"),
        }, CaseService.CitizenActor);
        return record.Number;
    }

    /// <summary>Nothing on the page is wider than the phone's screen (no sideways scrolling).</summary>
    private static async Task FitsAPhoneAsync(IPage page) =>
        Assert.False(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"), new Uri(page.Url).PathAndQuery + " is wider than the phone");

    /// <summary>The page as a phone shows it, for a person to look at (under the browser tests' screenshot folder).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(SimulatorPageTests.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SimulatorPageTests.ScreenshotDirectory, name), FullPage = true });
    }

    /// <summary>The violations on <paramref name="path"/> (or the page as it is), one line each: page, rule, first element.</summary>
    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string? path)
    {
        if (path is not null)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        }

        var result = await page.RunAxe(Wcag2);
        var where = new Uri(page.Url).PathAndQuery;
        return result.Violations.Select(v => $"{where}: {v.Id} ({v.Impact}) at {v.Nodes.FirstOrDefault()?.Target} — {v.Help}");
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
    }

    private async Task<IPage> OpenAsync(Uri baseAddress)
    {
        var context = await service.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            BypassCSP = true,
            Locale = "th-TH",
            TimezoneId = "Asia/Bangkok",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }
}
