using System.Text.RegularExpressions;
using ItaBot.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItaBot.BrowserTests;

/// <summary>/report in Chromium with JavaScript disabled: file a report with a photo, keep the receipt, follow it up.</summary>
public sealed partial class ReportFormBrowserTests(SimulatorService service) : IClassFixture<SimulatorService>
{
    [Fact]
    public async Task ReportForm_WorksWithoutJavaScript_ReceiptThenFollowUp_NoCookies()
    {
        var context = await service.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            Locale = "th-TH",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var photo = Path.Combine(service.DataDirectory, "..", "evidence-" + Guid.NewGuid().ToString("N") + ".png");
        await File.WriteAllBytesAsync(photo, TestImages.Png(320, 240, (x, y) => ((byte)x, (byte)y, 120)), TestContext.Current.CancellationToken);

        await page.GotoAsync("/report");
        await page.FillAsync("#officials", "เจ้าหน้าที่งานทะเบียน");
        await page.FillAsync("#what", "เรียกเงินเพิ่มสองร้อยบาทเพื่อทำบัตรให้เร็วขึ้นโดยไม่มีใบเสร็จ");
        await page.FillAsync("#when", "เช้าวันจันทร์");
        await page.SetInputFilesAsync("#files", photo);
        await page.CheckAsync("input[name=consent]");
        await page.ClickAsync("button[type=submit]");

        var receipt = (await page.Locator(".receipt").InnerTextAsync()).Trim();
        Assert.Matches(ReceiptPattern(), receipt);
        var row = Assert.Single(await service.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("browser-test"), r => r.Channel == ReportChannel.Web);
        Assert.Equal(1, row.AttachmentCount);
        Assert.Empty(await context.CookiesAsync());

        await page.ClickAsync("a[href='/report/follow-up']");
        await page.FillAsync("#receipt", receipt);
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("รับเรื่อง", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(receipt.Replace(" ", string.Empty, StringComparison.Ordinal), page.Url, StringComparison.Ordinal);
        await page.FillAsync("#reply", "มีพยานอีกสองคนค่ะ");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("ส่งข้อความถึงเจ้าหน้าที่แล้วค่ะ", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(await context.CookiesAsync());
        await context.CloseAsync();
        File.Delete(photo);
    }

    [GeneratedRegex(@"^\d{4} \d{4} \d{4} \d{4} \d{4}$")]
    private static partial Regex ReceiptPattern();
}
