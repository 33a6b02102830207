using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ItaBot.Line.Testing.Tests;

/// <summary>The stand-in refuses, as LINE does, what LINE's OpenAPI schema or its documented message limits refuse.</summary>
public sealed class MessageContractTests : IAsyncLifetime
{
    private const string UserId = "U0123456789abcdef0123456789abcdef";

    private LineStandIn _line = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        _line.TallyFile = null;   // refuses messages on purpose: not part of the suite's count
        _http = new HttpClient { BaseAddress = _line.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _line.DisposeAsync();
    }

    [Fact]
    public async Task Push_TextMessageWithoutText_Is400WithLinesErrorBody_AndNothingRecorded()
    {
        var (status, body) = await PushAsync("""[{"type":"text"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("The request body has ", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(body.GetProperty("details").EnumerateArray(), d => d.GetProperty("property").GetString() == "messages[0]");
        Assert.Empty(_line.Sends);
        Assert.Equal(1, _line.Checks.RefusedRequests);
    }

    [Fact]
    public async Task Push_UnknownMessageType_Is400()
    {
        var (status, body) = await PushAsync("""[{"type":"hologram","text":"hi"}]""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body.GetProperty("details").EnumerateArray(), d => d.GetProperty("property").GetString() == "messages[0].type");
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task Push_FlexBoxWithoutLayout_Is400_NamingTheBox()
    {
        var (status, body) = await PushAsync("""
            [{"type":"flex","altText":"a","contents":{"type":"bubble","body":{"type":"box","contents":[{"type":"text","text":"x"}]}}}]
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(body.GetProperty("details").EnumerateArray(), d => d.GetProperty("property").GetString()!.StartsWith("messages[0].contents.body", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reply_TextOver5000Characters_Is400_AndTheTokenStillWorks()
    {
        using var tooLong = await ReplyAsync("token-1", JsonSerializer.Serialize(new[] { new { type = "text", text = new string('ก', 5001) } }));
        var body = JsonDocument.Parse(await tooLong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var detail = Assert.Single(body.GetProperty("details").EnumerateArray());
        Assert.Equal("messages[0].text", detail.GetProperty("property").GetString());

        using var fine = await ReplyAsync("token-1", """[{"type":"text","text":"ok"}]""");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Push_FourteenQuickReplyItems_Is400()
    {
        var items = string.Join(',', Enumerable.Range(0, 14).Select(i => $$$"""{"type":"action","action":{"type":"message","label":"a{{{i}}}","text":"a"}}"""));
        var (status, _) = await PushAsync($$$"""[{"type":"text","text":"pick","quickReply":{"items":[{{{items}}}]}}]""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task Push_ValidTextStickerAndFlex_IsAccepted_AndCountedAsThreeCheckedMessages()
    {
        var (status, _) = await PushAsync("""
            [{"type":"text","text":"สวัสดีค่ะ 🙏"},
             {"type":"sticker","packageId":"446","stickerId":"1988"},
             {"type":"flex","altText":"a","contents":{"type":"bubble","body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"x"}]}}}]
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, _line.Checks.CheckedMessages);
        Assert.Equal(0, _line.Checks.RefusedMessages);
    }

    [Fact]
    public async Task CheckMessagesOff_InvalidMessage_IsAccepted()
    {
        _line.CheckMessages = false;

        var (status, _) = await PushAsync("""[{"type":"text"}]""");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task DisposeAsync_WithTallyFile_AppendsCheckedAndRefusedCounts()
    {
        var file = Path.Combine(Path.GetTempPath(), "standin-tally-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            await using (var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken))
            {
                line.TallyFile = file;
                using var http = new HttpClient { BaseAddress = line.BaseAddress };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "t");
                foreach (var messages in new[] { """[{"type":"text","text":"a"},{"type":"text","text":"b"}]""", """[{"type":"text"}]""" })
                {
                    using var content = new StringContent($$"""{"to":"{{UserId}}","messages":{{messages}}}""", Encoding.UTF8, "application/json");
                    using var _ = await http.PostAsync("v2/bot/message/push", content, TestContext.Current.CancellationToken);
                }
            }

            Assert.Equal("2 3 1 1\n", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PushAsync(string messages)
    {
        using var content = new StringContent($$"""{"to":"{{UserId}}","messages":{{messages}}}""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("v2/bot/message/push", content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<HttpResponseMessage> ReplyAsync(string token, string messages)
    {
        using var content = new StringContent($$"""{"replyToken":"{{token}}","messages":{{messages}}}""", Encoding.UTF8, "application/json");
        return await _http.PostAsync("v2/bot/message/reply", content, TestContext.Current.CancellationToken);
    }
}
