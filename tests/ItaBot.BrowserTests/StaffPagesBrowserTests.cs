using System.Text.RegularExpressions;
using ItaBot.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;

namespace ItaBot.BrowserTests;

/// <summary>The staff pages in Chromium, on a phone-sized screen: an admin's first sign-in with TOTP enrolment, creating an officer, the officer's first sign-in.</summary>
public sealed partial class StaffPagesBrowserTests(SimulatorService service) : IClassFixture<SimulatorService>
{
    [Fact]
    public async Task NewAdmin_ChangesPasswordAndEnrolsTotp_CreatesAnOfficer_WhoThenSignsIn()
    {
        var (_, issued) = await ServiceAccounts().CreateAsync("chief", "หัวหน้าสำนักปลัด", StaffRole.Admin, null, false);
        const string adminPassword = "ดอกคูนบานแล้ว-2568";
        const string officerPassword = "ฝนตกที่โนนทอง-2568";

        var admin = await OpenPhoneAsync();
        await admin.GotoAsync("/staff");
        await admin.AtAsync("/staff/signin?returnUrl=%2Fstaff");
        await SignInAsync(admin, "chief", issued!.OneTimePassword);

        await admin.AtAsync("/staff/signin/password");
        await admin.FillAsync("#new", adminPassword);
        await admin.FillAsync("#confirm", adminPassword);
        await admin.ClickAsync("button[type=submit]");

        await admin.AtAsync("/staff/signin/enrol");
        await admin.WaitForFunctionAsync("() => { const img = document.querySelector('img.qr'); return !!img && img.complete && img.naturalWidth > 100; }");
        var secret = (await admin.Locator("#totp-secret").InnerTextAsync()).Replace(" ", string.Empty, StringComparison.Ordinal);
        await admin.FillAsync("#code", new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime));
        await admin.ClickAsync("button[type=submit]");

        await admin.AtAsync("/staff");
        await admin.ClickAsync("nav a[href='/staff/admin/staff']");
        await admin.AtAsync("/staff/admin/staff");
        await admin.FillAsync("#user", "officer9");
        await admin.FillAsync("#name", "นายช่าง <b>ทดสอบ</b>");
        await admin.SelectOptionAsync("#role", "CaseOfficer");
        await admin.SelectOptionAsync("#department", "engineering");
        await admin.ClickAsync("button:has-text('เพิ่มเจ้าหน้าที่')");
        var oneTime = await admin.Locator("#one-time-password").InnerTextAsync();
        Assert.Matches(OneTimePattern(), oneTime);
        Assert.Equal("นายช่าง <b>ทดสอบ</b>", await admin.Locator("td", new PageLocatorOptions { HasText = "นายช่าง" }).InnerTextAsync());
        Assert.Equal(0, await admin.Locator("td b").CountAsync());   // typed markup stays text

        var officer = await OpenPhoneAsync();
        await officer.GotoAsync("/staff/signin");
        await SignInAsync(officer, "officer9", oneTime);
        await officer.AtAsync("/staff/signin/password");
        await officer.FillAsync("#new", officerPassword);
        await officer.FillAsync("#confirm", officerPassword);
        await officer.ClickAsync("button[type=submit]");

        await officer.AtAsync("/staff");
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("เจ้าหน้าที่รับเรื่อง");
        await officer.GotoAsync("/staff/admin/staff");
        Assert.Contains("ไม่มีสิทธิ์", await officer.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await officer.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth"));   // fits a phone
    }

    private StaffAccounts ServiceAccounts() => service.Services.GetRequiredService<StaffAccounts>();


    private async Task<IPage> OpenPhoneAsync()
    {
        var context = await service.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            Locale = "th-TH",
            TimezoneId = "Asia/Bangkok",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    private static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    [GeneratedRegex("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$")]
    private static partial Regex OneTimePattern();
}
