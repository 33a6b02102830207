using System.Text.RegularExpressions;
using ItaBot.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ItaBot.BrowserTests;

/// <summary>
/// The whole loop of a general complaint, in two browsers: a citizen files it with a photo in the simulator, an officer
/// works it in the staff pages, the citizen is told and rates it, and the officer sees the rating.
/// </summary>
public sealed partial class CaseLoopTests(SimulatorService service) : IClassFixture<SimulatorService>
{
    private const string Password = "ยาวพอแล้ว-correct-horse";

    [Fact]
    public async Task Complaint_FromPhotoInLine_ToRatingOnTheCasePage()
    {
        // The citizen files a complaint with a photo.
        var citizen = await service.OpenSimulatorAsync();
        await SendAsync(citizen, "เมนู");
        await TapAsync(citizen, "ร้องเรียนทั่วไป");
        await Expect(BotSaid(citizen, "เรื่องที่จะแจ้งเป็นเรื่องเกี่ยวกับอะไร")).ToBeVisibleAsync();
        await SendAsync(citizen, "ไฟฟ้าสาธารณะ/ไฟถนนดับ");
        await Expect(BotSaid(citizen, "เล่ารายละเอียดให้ฟังหน่อย")).ToBeVisibleAsync();
        await SendAsync(citizen, "ไฟถนนหน้าบ้านเลขที่ 12 ดับมาสามคืนแล้ว มืดมากค่ะ");
        await Expect(BotSaid(citizen, "มีรูปถ่ายประกอบไหม")).ToBeVisibleAsync();
        var png = TestImages.Png(64, 48, (x, y) => ((byte)(x * 4), (byte)(y * 5), 200));
        await citizen.Locator("#image-file").SetInputFilesAsync(new FilePayload { Name = "light.png", MimeType = "image/png", Buffer = png });
        await Expect(BotSaid(citizen, "ได้รับรูปที่ 1 แล้ว")).ToBeVisibleAsync();
        await TapAsync(citizen, "ต่อไป");
        await Expect(BotSaid(citizen, "เกิดเหตุที่ไหน")).ToBeVisibleAsync();
        await SendAsync(citizen, "หน้าโรงเรียนบ้านโนนทอง ซอย 3");
        await Expect(BotSaid(citizen, "ให้เจ้าหน้าที่ติดต่อกลับ")).ToBeVisibleAsync();
        await TapAsync(citizen, "ติดต่อทาง LINE ได้");
        await TapAsync(citizen, "ยืนยันส่งเรื่อง");
        await citizen.WaitForFunctionAsync("() => /ร\\d{2}-\\d{5}/.test(document.querySelector('#chat').innerText)");
        var number = CaseNumber().Match(await citizen.Locator("#chat").InnerTextAsync()).Value;
        Assert.False(string.IsNullOrEmpty(number));

        // An officer of the department signs in, opens the case and sees the photo.
        var accounts = service.Services.GetRequiredService<StaffAccounts>();
        var (result, issued) = await accounts.CreateAsync("loop-officer", "สมชาย ใจดี", StaffRole.CaseOfficer, "engineering", false);
        Assert.Equal(StaffChange.Done, result);
        await accounts.SetPasswordAsync(issued!.Account.Id, Password);
        var context = await service.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = service.BaseAddress.ToString(), Locale = "th-TH", ViewportSize = new ViewportSize { Width = 400, Height = 800 } });
        var staff = await context.NewPageAsync();
        staff.SetDefaultTimeout(15_000);
        await staff.GotoAsync("/staff/cases");
        await staff.FillAsync("#user", "loop-officer");
        await staff.FillAsync("#password", Password);
        await staff.Locator("form button[type=submit]").First.ClickAsync();
        await staff.AtAsync(new Regex("/staff/cases$"));
        await staff.Locator("table.cases a", new() { HasText = number }).ClickAsync();
        await Expect(staff.Locator("#case-number")).ToHaveTextAsync(number);
        await Expect(staff.Locator("#case-description")).ToContainTextAsync("ไฟถนนหน้าบ้านเลขที่ 12");
        await Expect(staff.Locator("#case-place")).ToContainTextAsync("หน้าโรงเรียนบ้านโนนทอง");
        await staff.WaitForFunctionAsync("() => { const i = document.querySelector('img.thumb'); return i && i.complete && i.naturalWidth === 64; }");

        // Assign, then complete with a note.
        await staff.SelectOptionAsync("#assignee", new SelectOptionValue { Label = "สมชาย ใจดี" });
        await staff.Locator("#assign-form button[type=submit]").ClickAsync();
        await Expect(staff.Locator(".msg.ok")).ToContainTextAsync("มอบหมายแล้ว");
        await Expect(staff.Locator("#case-status")).ToContainTextAsync("มอบหมายแล้ว");
        await staff.SelectOptionAsync("#status", "Completed");
        await staff.FillAsync("#status-note", "เปลี่ยนหลอดไฟเรียบร้อยแล้วค่ะ");
        await staff.Locator("#status-form button[type=submit]").ClickAsync();
        await Expect(staff.Locator("#case-status")).ToContainTextAsync("เสร็จสิ้น");

        // The citizen is told, taps 5 stars and leaves a comment.
        await Expect(BotSaid(citizen, $"เรื่อง {number} ของคุณ ดำเนินการเสร็จสิ้นแล้ว")).ToBeVisibleAsync();
        await TapAsync(citizen, "5 พอใจมาก");
        await Expect(BotSaid(citizen, "ขอบคุณสำหรับคะแนน")).ToBeVisibleAsync();
        await SendAsync(citizen, "ซ่อมเร็วมาก ขอบคุณค่ะ");
        await Expect(BotSaid(citizen, "ความเห็นของท่านช่วยให้เทศบาลบริการได้ดีขึ้น")).ToBeVisibleAsync();

        // The case page shows the rating.
        await staff.ReloadAsync();
        await Expect(staff.Locator("#rating")).ToContainTextAsync("5/5");
        await Expect(staff.Locator("#rating")).ToContainTextAsync("ซ่อมเร็วมาก ขอบคุณค่ะ");
        Directory.CreateDirectory(SimulatorPageTests.ScreenshotDirectory);
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(SimulatorPageTests.ScreenshotDirectory, "staff-case.png"), FullPage = true });
        await context.CloseAsync();
    }

    private static ILocator BotSaid(IPage page, string text) => page.Locator(".row-bot", new() { HasText = text }).Last;

    private static async Task SendAsync(IPage page, string text)
    {
        await page.FillAsync("#message-input", text);
        await page.PressAsync("#message-input", "Enter");
        await Expect(page.Locator(".row-user .bubble-text").Last).ToHaveTextAsync(text);
    }

    private static async Task TapAsync(IPage page, string label)
    {
        var button = page.Locator("#quick-replies .quick-reply", new() { HasText = label });
        await Expect(button).ToBeVisibleAsync();
        await button.First.ClickAsync();
    }

    [GeneratedRegex(@"ร\d{2}-\d{5}")]
    private static partial Regex CaseNumber();
}
