using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ItaBot.BrowserTests;

public sealed class SimulatorPageTests(SimulatorService service) : IClassFixture<SimulatorService>
{
    private static readonly string[] MainMenu = ["ถามตอบ", "ร้องเรียนทั่วไป", "แจ้งเบาะแสการทุจริต", "ติดต่อเทศบาล"];

    [Fact]
    public async Task Text_ThaiWithEmoji_ShowsUserBubbleAndBotMainMenu()
    {
        var page = await service.OpenSimulatorAsync();

        await page.FillAsync("#message-input", "สวัสดีครับ อยากสอบถาม 🙏😀");
        await page.PressAsync("#message-input", "Enter");

        await Expect(page.Locator(".row-user .bubble-text").Last).ToHaveTextAsync("สวัสดีครับ อยากสอบถาม 🙏😀");
        await Expect(page.Locator(".row-bot .bubble-text").Last).ToBeVisibleAsync();
        foreach (var label in MainMenu)
        {
            // The menu may grow; these four are what the issue promises.
            await Expect(page.Locator("#quick-replies .quick-reply", new() { HasText = label })).ToBeVisibleAsync();
        }
        await Expect(page.Locator(".chat-header .bot-name")).ToHaveTextAsync("ItaBot เทศบาล");
        await Expect(page.Locator(".row-user .read").Last).ToHaveTextAsync("อ่านแล้ว");
    }

    /// <summary>
    /// Issue 13 item 2, tried as a citizen (session 16): three complaints typed with no flow open, each naming its place
    /// the way people do (a lane with a name and a number, a road between two villages, a lodging by its name). The
    /// category and the place come from the text, so the form asks photos, then contact (never "where"), and the summary
    /// shows the place as it was typed.
    /// </summary>
    [Theory]
    [InlineData("ไฟทางซอยพัฒนาการ 7 ดับมาสามคืนแล้วค่ะ มืดมาก", "ไฟฟ้าสาธารณะ/ไฟถนนดับ", "ซอยพัฒนาการ 7")]
    [InlineData("ถนนลูกรังสายหมู่ 3 ไปหมู่ 11 เป็นหลุมลึกหลายจุด รถล้มไปสองคันแล้วครับ", "ถนน/ทางเท้าชำรุด", "ถนนลูกรังสายหมู่ 3 ไปหมู่ 11")]
    [InlineData("ขยะล้นถังหน้าหอพักเจริญสุขแมนชั่นมาสี่วันแล้ว เหม็นมากค่ะ", "ขยะ", "หน้าหอพักเจริญสุขแมนชั่น")]
    public async Task TypedComplaint_NamingItsPlace_GoesOnFromPhotosAndShowsThePlaceAsTyped(string typed, string category, string place)
    {
        var page = await service.OpenSimulatorAsync();

        await page.FillAsync("#message-input", typed);
        await page.PressAsync("#message-input", "Enter");
        await Expect(page.Locator(".row-bot .bubble-text").Last).ToContainTextAsync($"รับเรื่อง{category}ไว้แล้วค่ะ");
        await page.Locator("#quick-replies .quick-reply", new() { HasText = "ไม่มีรูป" }).ClickAsync();
        await Expect(page.Locator("#quick-replies .quick-reply", new() { HasText = "ติดต่อทาง LINE ได้" })).ToBeVisibleAsync();
        await page.Locator("#quick-replies .quick-reply", new() { HasText = "ติดต่อทาง LINE ได้" }).ClickAsync();

        var summary = page.Locator(".row-bot", new() { HasText = "ตรวจสอบก่อนส่งเรื่องนะคะ" }).Last;
        await Expect(summary).ToContainTextAsync("• ประเภท: " + category);
        await Expect(summary).ToContainTextAsync("• สถานที่: " + place);
        await Expect(page.Locator("#chat")).Not.ToContainTextAsync("ส่งตำแหน่ง");
    }

    [Fact]
    public async Task QuickReply_TapPostback_PostsSignedPostbackAndShowsDisplayText()
    {
        var page = await service.OpenSimulatorAsync();
        var botRows = await page.Locator(".row-bot").CountAsync();
        await page.FillAsync("#message-input", "เมนู");
        await page.PressAsync("#message-input", "Enter");
        // Wait for the answer to "เมนู", so that the next webhook request is the tap's and not the typed message's.
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('.row-bot').length > {botRows}");
        await Expect(page.Locator("#quick-replies .quick-reply", new() { HasText = "ติดต่อเทศบาล" })).ToBeVisibleAsync();

        var webhook = await page.RunAndWaitForRequestAsync(
            () => page.Locator("#quick-replies .quick-reply", new() { HasText = "ติดต่อเทศบาล" }).ClickAsync(),
            request => request.Url.EndsWith("/webhook", StringComparison.Ordinal));

        Assert.False(string.IsNullOrEmpty(await webhook.HeaderValueAsync("x-line-signature")));
        using var body = JsonDocument.Parse(webhook.PostData!);
        var evt = body.RootElement.GetProperty("events")[0];
        Assert.Equal("postback", evt.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(evt.GetProperty("postback").GetProperty("data").GetString()));
        Assert.Equal(32, evt.GetProperty("replyToken").GetString()!.Length);
        Assert.Equal(26, evt.GetProperty("webhookEventId").GetString()!.Length);
        Assert.Equal(200, (await webhook.ResponseAsync())!.Status);
        await Expect(page.Locator(".row-user .bubble-text").Last).ToHaveTextAsync("ติดต่อเทศบาล");
    }

    [Fact]
    public async Task Users_AddAndSwitch_EachUserHasTheirOwnChat()
    {
        var page = await service.OpenSimulatorAsync();
        var first = await CurrentUserAsync(page);
        await SendTextAsync(page, "ข้อความของคนแรก");

        await page.ClickAsync("#add-user");
        await Expect(page.Locator("#user-list .user")).ToHaveCountAsync(2);
        var second = await CurrentUserAsync(page);
        Assert.NotEqual(first, second);
        Assert.Matches("^U[0-9a-f]{32}$", second);
        await Expect(page.Locator("#chat .system")).ToHaveTextAsync("คุณเพิ่ม ItaBot เทศบาล เป็นเพื่อนแล้ว");
        await Expect(page.Locator("#chat")).Not.ToContainTextAsync("ข้อความของคนแรก");
        await SendTextAsync(page, "ข้อความของคนที่สอง");

        await page.ClickAsync($"#user-list .user[data-user-id='{first}']");
        await Expect(page.Locator("#chat")).ToContainTextAsync("ข้อความของคนแรก");
        await Expect(page.Locator("#chat")).Not.ToContainTextAsync("ข้อความของคนที่สอง");
        Assert.Equal(first, await CurrentUserAsync(page));
    }

    [Fact]
    public async Task Location_Preset_PostsLocationEventAndShowsCard()
    {
        var page = await service.OpenSimulatorAsync();
        await page.ClickAsync("#toggle-tools");
        await page.ClickAsync("#tools [data-tool=location]");
        await page.ClickAsync("#location-presets .preset >> nth=0");

        var webhook = await page.RunAndWaitForRequestAsync(
            () => page.ClickAsync("#location-form button[type=submit]"),
            request => request.Url.EndsWith("/webhook", StringComparison.Ordinal));

        using var body = JsonDocument.Parse(webhook.PostData!);
        var message = body.RootElement.GetProperty("events")[0].GetProperty("message");
        Assert.Equal("location", message.GetProperty("type").GetString());
        // The first preset is the agency's office, at the position the content pack gives.
        Assert.Equal("เทศบาลตำบลโนนทอง", message.GetProperty("title").GetString());
        Assert.Equal(16.2331, message.GetProperty("latitude").GetDouble(), 6);
        var card = page.Locator(".row-user .location-card").Last;
        await Expect(card).ToContainTextAsync("เทศบาลตำบลโนนทอง");
        await Expect(card.Locator("a.location-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^https://www\\.openstreetmap\\.org/"));
    }

    [Fact]
    public async Task Image_Upload_GoesIntoTheStandInAndPostsImageEventWithLineProvider()
    {
        var page = await service.OpenSimulatorAsync();
        var png = TestImages.Png(64, 48, (x, y) => ((byte)(x * 4), (byte)(y * 5), 200));

        var webhook = await page.RunAndWaitForRequestAsync(
            () => page.Locator("#image-file").SetInputFilesAsync(new FilePayload { Name = "road.png", MimeType = "image/png", Buffer = png }),
            request => request.Url.EndsWith("/webhook", StringComparison.Ordinal));

        using var body = JsonDocument.Parse(webhook.PostData!);
        var message = body.RootElement.GetProperty("events")[0].GetProperty("message");
        Assert.Equal("image", message.GetProperty("type").GetString());
        Assert.Equal("line", message.GetProperty("contentProvider").GetProperty("type").GetString());
        var messageId = message.GetProperty("id").GetString()!;

        using var http = LineClient();
        using var content = await http.GetAsync(new Uri($"v2/bot/message/{messageId}/content", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(png, await content.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var shown = page.Locator(".row-user .image-message img").Last;
        await Expect(shown).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"/simulator/api/content/{messageId}$"));
        await page.WaitForFunctionAsync("() => { const i = document.querySelectorAll('.row-user .image-message img'); return i.length && i[i.length - 1].naturalWidth === 64; }");
    }

    [Fact]
    public async Task Flex_PushedBubbleAndCarousel_RenderBoxesTextColoursButtonsAndSeparators()
    {
        var page = await service.OpenSimulatorAsync();
        var userId = await CurrentUserAsync(page);

        await PushAsync(userId, FlexSamples.Messages);

        var bubble = page.Locator(".flex-message .fx-bubble").First;
        await Expect(bubble).ToBeVisibleAsync();
        await Expect(bubble.Locator(".fx-header")).ToHaveCSSAsync("background-color", "rgb(6, 199, 85)");
        await Expect(bubble.Locator(".fx-header .fx-text").First).ToHaveTextAsync("เรื่องร้องเรียน #2568-0042");
        await Expect(bubble.Locator(".fx-header .fx-text").First).ToHaveCSSAsync("color", "rgb(255, 255, 255)");
        await Expect(bubble.Locator(".fx-header .fx-text").First).ToHaveCSSAsync("font-weight", "700");
        await Expect(bubble.Locator(".fx-header .fx-text").First).ToHaveCSSAsync("font-size", "19px");
        await Expect(bubble.Locator(".fx-body .fx-box[data-layout=horizontal]").First).ToHaveCSSAsync("flex-direction", "row");
        await Expect(bubble.Locator(".fx-body .fx-box[data-layout=baseline]").First).ToHaveCSSAsync("align-items", "baseline");
        await Expect(bubble.Locator(".fx-body .fx-icon")).ToHaveCSSAsync("width", "14px");
        await Expect(bubble.Locator(".fx-body .fx-text", new() { HasText = "กำลังดำเนินการ" })).ToHaveCSSAsync("color", "rgb(255, 136, 0)");
        await Expect(bubble.Locator(".fx-body .fx-separator")).ToHaveCountAsync(1);
        await Expect(bubble.Locator(".fx-body .fx-separator")).ToHaveCSSAsync("border-top-color", "rgb(204, 204, 204)");
        await Expect(bubble.Locator(".fx-body .fx-box[data-layout=vertical]").Last).ToHaveCSSAsync("border-radius", "8px");
        await Expect(bubble.Locator(".fx-body .fx-box[data-layout=vertical]").Last).ToHaveCSSAsync("background-color", "rgb(244, 246, 248)");
        await Expect(bubble.Locator(".fx-body .fx-text.wrap")).ToHaveCountAsync(1);
        await Expect(bubble.Locator(".fx-button-primary")).ToHaveTextAsync("ดูรายละเอียด");
        await Expect(bubble.Locator(".fx-button-primary")).ToHaveCSSAsync("background-color", "rgb(23, 201, 80)");
        await Expect(bubble.Locator(".fx-button-secondary")).ToHaveCSSAsync("height", "40px");
        await Expect(bubble.Locator(".fx-button-link")).ToHaveCSSAsync("color", "rgb(66, 101, 154)");
        await Expect(bubble.Locator(".fx-hero .fx-image-frame")).ToHaveCSSAsync("aspect-ratio", "20 / 13");
        await Expect(page.Locator(".flex-message .fx-carousel > .fx-bubble")).ToHaveCountAsync(2);
        await Expect(page.Locator(".flex-message .fx-carousel")).ToHaveCSSAsync("overflow-x", "auto");
        Directory.CreateDirectory(ScreenshotDirectory);
        await bubble.ScrollIntoViewIfNeededAsync();
        await page.Locator(".phone").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "simulator-flex.png") });

        var webhook = await page.RunAndWaitForRequestAsync(
            () => bubble.Locator(".fx-button-primary").ClickAsync(),
            request => request.Url.EndsWith("/webhook", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(webhook.PostData!);
        Assert.Equal("case=2568-0042&action=detail", body.RootElement.GetProperty("events")[0].GetProperty("postback").GetProperty("data").GetString());
        await Expect(page.Locator(".row-user .bubble-text").Last).ToHaveTextAsync("ขอดูรายละเอียด");
    }

    [Fact]
    public async Task Template_ButtonsAndConfirm_RenderAndMessageActionSendsText()
    {
        var page = await service.OpenSimulatorAsync();
        var userId = await CurrentUserAsync(page);

        await PushAsync(userId, """
            [{"type":"template","altText":"ยืนยัน","template":{"type":"confirm","text":"ยืนยันการส่งเรื่อง?","actions":[
              {"type":"message","label":"ยืนยัน","text":"ยืนยัน"},{"type":"message","label":"ยกเลิก","text":"ยกเลิก"}]}},
             {"type":"template","altText":"บริการ","template":{"type":"buttons","title":"บริการ","text":"เลือกบริการ","actions":[
              {"type":"uri","label":"เว็บไซต์","uri":"https://example.org/"},{"type":"postback","label":"ข่าว","data":"news"}]}}]
            """);

        await Expect(page.Locator(".tpl-confirm .tpl-text")).ToHaveTextAsync("ยืนยันการส่งเรื่อง?");
        await Expect(page.Locator(".tpl-card .tpl-title")).ToHaveTextAsync("บริการ");
        await page.Locator(".tpl-confirm .tpl-action", new() { HasText = "ยืนยัน" }).ClickAsync();
        await Expect(page.Locator(".row-user .bubble-text").Last).ToHaveTextAsync("ยืนยัน");
    }

    [Fact]
    public async Task Script_InMessageText_IsShownAsTextAndNeverRuns()
    {
        const string Attack = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script><b>หนา</b>";
        var page = await service.OpenSimulatorAsync();
        var userId = await CurrentUserAsync(page);

        await SendTextAsync(page, Attack);
        await PushAsync(userId, JsonSerializer.Serialize(new object[]
        {
            new { type = "text", text = Attack },
            new { type = "flex", altText = Attack, contents = new { type = "bubble", body = new { type = "box", layout = "vertical", contents = new[] { new { type = "text", text = Attack } } } } },
        }));

        await Expect(page.Locator(".row-bot .bubble-text", new() { HasText = "<script>" })).ToHaveTextAsync(Attack);
        await Expect(page.Locator(".flex-message .fx-text")).ToHaveTextAsync(Attack);
        await Expect(page.Locator(".row-user .bubble-text", new() { HasText = "<script>" })).ToHaveTextAsync(Attack);
        Assert.Equal(0, await page.Locator("#chat script, #chat b, #chat img[src=x]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
    }

    [Fact]
    public async Task RichMenu_DefaultWithImage_IsDrawnAndAreasAreClickable()
    {
        // At start the simulator shows the agency's own rich menu (deployed to the stand-in); this test replaces it.
        var page = await service.OpenSimulatorAsync();
        await Expect(page.Locator("#rich-menu .rich-menu-area")).ToHaveCountAsync(6);
        using var http = LineClient();
        var richMenuId = await CreateRichMenuAsync(http);
        try
        {
            await page.ReloadAsync();
            await page.WaitForSelectorAsync("body[data-ready=true]");
            await Expect(page.Locator("#rich-menu .rich-menu-area")).ToHaveCountAsync(3);
            await Expect(page.Locator("#chat-bar")).ToContainTextAsync("เมนูหลัก");
            await page.WaitForFunctionAsync("() => document.querySelector('#rich-menu img').naturalWidth === 600");

            var botRows = await page.Locator(".row-bot").CountAsync();
            await page.Locator("#rich-menu .rich-menu-area").Nth(1).ClickAsync();
            await Expect(page.Locator(".row-user .bubble-text").Last).ToHaveTextAsync("ร้องเรียนทั่วไป");
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('.row-bot').length > {botRows}");

            Directory.CreateDirectory(ScreenshotDirectory);
            await page.Locator(".phone").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, "simulator-phone.png") });
        }
        finally
        {
            using var clear = await http.DeleteAsync(new Uri($"v2/bot/richmenu/{richMenuId}", UriKind.Relative), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Page_LoadsNothingFromOtherHosts_AndSendsContentSecurityPolicy()
    {
        var context = await service.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = service.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(service.BaseAddress.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        var response = await page.GotoAsync("/simulator");
        await page.WaitForSelectorAsync("body[data-ready=true]");

        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        Assert.Empty(foreign);
        await context.CloseAsync();
    }

    internal static string ScreenshotDirectory => Path.Combine(Path.GetTempPath(), "itabot-browser-screenshots");

    private static Task<string> CurrentUserAsync(IPage page) => page.EvaluateAsync<string>("() => window.ItaBotSimulator.state.current");

    private static async Task SendTextAsync(IPage page, string text)
    {
        await page.FillAsync("#message-input", text);
        await page.PressAsync("#message-input", "Enter");
        await Expect(page.Locator(".row-user .bubble-text").Last).ToHaveTextAsync(text);
    }

    private HttpClient LineClient()
    {
        var http = new HttpClient { BaseAddress = service.Line.BaseAddress };
        // The simulator's own channel token: LINE keeps a default rich menu per channel, and the stand-in does too since
        // agencies have their own channels, so a default set with another token is not the one the simulator shows.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "simulator");
        return http;
    }

    /// <summary>Pushes through the LINE stand-in, as the bot would, so the page shows it in that user's chat.</summary>
    private async Task PushAsync(string userId, string messagesJson)
    {
        using var http = LineClient();
        using var content = new StringContent($$"""{"to":"{{userId}}","messages":{{messagesJson}}}""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("v2/bot/message/push", UriKind.Relative), content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<string> CreateRichMenuAsync(HttpClient http)
    {
        using var create = new StringContent("""
            {"size":{"width":600,"height":200},"selected":true,"name":"หลัก","chatBarText":"เมนูหลัก","areas":[
              {"bounds":{"x":0,"y":0,"width":200,"height":200},"action":{"type":"message","label":"ถามตอบ","text":"ถามตอบ"}},
              {"bounds":{"x":200,"y":0,"width":200,"height":200},"action":{"type":"message","label":"ร้องเรียน","text":"ร้องเรียนทั่วไป"}},
              {"bounds":{"x":400,"y":0,"width":200,"height":200},"action":{"type":"uri","label":"เว็บไซต์","uri":"https://example.org/"}}]}
            """, Encoding.UTF8, "application/json");
        using var created = await http.PostAsync(new Uri("v2/bot/richmenu", UriKind.Relative), create, TestContext.Current.CancellationToken);
        created.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var id = json.RootElement.GetProperty("richMenuId").GetString()!;

        (byte, byte, byte)[] colours = [(6, 199, 85), (66, 133, 244), (255, 152, 0)];
        using var image = new ByteArrayContent(TestImages.Png(600, 200, (x, y) => (x % 200 < 4 ? ((byte)255, (byte)255, (byte)255) : colours[x / 200])));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var uploaded = await http.PostAsync(new Uri($"v2/bot/richmenu/{id}/content", UriKind.Relative), image, TestContext.Current.CancellationToken);
        uploaded.EnsureSuccessStatusCode();
        using var linked = await http.PostAsync(new Uri($"v2/bot/user/all/richmenu/{id}", UriKind.Relative), null, TestContext.Current.CancellationToken);
        linked.EnsureSuccessStatusCode();
        return id;
    }
}
