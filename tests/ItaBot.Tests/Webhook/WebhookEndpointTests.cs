using System.Net;
using System.Text;
using System.Text.Json;
using ItaBot.Conversations;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Webhook;

/// <summary>What POST /webhook answers for each kind of input, and what it keeps.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private LineStandIn _line = null!;
    private ServiceHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        _host = new ServiceHost(_line);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _line.DisposeAsync();
    }

    private IInboxStore Inbox => _host.Services.GetRequiredService<IInboxStore>();

    [Fact]
    public async Task Post_WithoutSignature_Returns401AndStoresNothing()
    {
        var body = Events.Body(Events.Text(Events.NewUserId(), "สวัสดีค่ะ"));
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await _host.CreateClient().PostAsync("/webhook", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Inbox.Count(InboxState.Pending) + Inbox.Count(InboxState.Done));
    }

    [Fact]
    public async Task Get_Webhook_Returns405AllowingPostAndStoresNothing()
    {
        var response = await _host.CreateClient().GetAsync(new Uri("/webhook", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", string.Join(",", response.Content.Headers.Allow));
        Assert.Equal(0, Inbox.Count(InboxState.Pending) + Inbox.Count(InboxState.Done));
    }

    [Theory]
    [InlineData("GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=")]
    [InlineData("not base64 at all")]
    [InlineData("")]
    public async Task Post_WithWrongSignature_Returns401AndStoresNothing(string signature)
    {
        var response = await _host.PostWebhookAsync(Events.Body(Events.Text(Events.NewUserId(), "สวัสดี")), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Inbox.Count(InboxState.Pending) + Inbox.Count(InboxState.Done));
    }

    [Fact]
    public async Task Post_SignedBodyAlteredByOneByte_Returns401()
    {
        var body = Events.Body(Events.Text(Events.NewUserId(), "สวัสดี"));
        var signature = ItaBot.Line.Webhook.WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), ServiceHost.Secret);

        var response = await _host.PostWebhookAsync(body.Replace("สวัสดี", "สวัสดิ", StringComparison.Ordinal), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOver1MiB_Returns413AndStoresNothing()
    {
        var body = Events.Body(Events.Text(Events.NewUserId(), new string('ก', 400_000)));
        Assert.True(Encoding.UTF8.GetByteCount(body) > 1024 * 1024);

        var response = await _host.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, Inbox.Count(InboxState.Pending) + Inbox.Count(InboxState.Done));
    }

    [Fact]
    public async Task Post_ChunkedBodyOver1MiBWithoutLength_Returns413()
    {
        var body = Encoding.UTF8.GetBytes(Events.Body(Events.Text(Events.NewUserId(), new string('ก', 400_000))));
        using var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("X-Line-Signature", ItaBot.Line.Webhook.WebhookSignature.Compute(body, ServiceHost.Secret));

        var response = await _host.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"destination\":\"U1\",\"events\":[")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"destination\":\"U1\"}")]
    [InlineData("{\"events\":[\"not an object\"]}")]
    [InlineData("")]
    public async Task Post_MalformedJsonWithValidSignature_Returns400AndLogsNoContent(string body)
    {
        var response = await _host.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(_host.Logs, l => l.Contains("not a LINE webhook JSON object", StringComparison.Ordinal));
        if (body.Length > 0)
        {
            Assert.DoesNotContain(_host.Logs, l => l.Contains(body, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("webhookEventId")]
    [InlineData("replyToken")]
    [InlineData("destination")]
    [InlineData("userId")]
    public async Task Post_LoneSurrogateInAnEnvelopeField_Returns400AndStoresNothing(string field)
    {
        var e = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");
        var body = Events.Body(e);
        body = field switch
        {
            "destination" => body.Replace("{\"destination\":\"", "{\"destination\":\"\\ud800", StringComparison.Ordinal),
            "userId" => body.Replace("\"userId\":\"", "\"userId\":\"\\udc00", StringComparison.Ordinal),
            _ => body.Replace($"\"{field}\":\"", $"\"{field}\":\"\\ud800x", StringComparison.Ordinal),
        };
        Assert.Contains("\\ud", body, StringComparison.Ordinal);

        var response = await _host.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Inbox.Count(InboxState.Pending) + Inbox.Count(InboxState.Done));
    }

    [Fact]
    public async Task Post_SignedBodyThatIsNotUtf8_Returns400AndStoresNothing()
    {
        var e = Events.Text(Events.NewUserId(), "PLACEHOLDER");
        var bytes = Encoding.UTF8.GetBytes(Events.Body(e));
        var at = bytes.AsSpan().IndexOf("PLACEHOLDER"u8);
        bytes[at] = 0xC3;       // a lead byte followed by ASCII: not UTF-8
        bytes[at + 2] = 0xED;   // and an encoded surrogate (ED A0 80)
        bytes[at + 3] = 0xA0;
        bytes[at + 4] = 0x80;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhook") { Content = content };
        request.Headers.TryAddWithoutValidation("X-Line-Signature", ItaBot.Line.Webhook.WebhookSignature.Compute(bytes, ServiceHost.Secret));

        using var response = await _host.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, Inbox.Count(InboxState.Pending) + Inbox.Count(InboxState.Done));
    }

    [Fact]
    public async Task Post_LoneSurrogateInMessageText_IsReplacedAndTheCitizenAnswered()
    {
        var e = Events.Text(Events.NewUserId(), "ขอเบอร์โทรเทศบาลค่ะ PLACEHOLDER");
        var body = Events.Body(e).Replace("PLACEHOLDER", "\\ud83d", StringComparison.Ordinal);

        var response = await _host.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Wait.UntilAsync(() => Inbox.Find(Events.EventId(e))?.State is InboxState.Done or InboxState.Parked);
        Assert.Equal(InboxState.Done, Inbox.Find(Events.EventId(e))!.State);
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Post_VerificationWithNoEvents_Returns200()
    {
        var response = await _host.PostWebhookAsync("{\"destination\":\"U8e742f61d673b39c7fff3cecb7536ef0\",\"events\":[]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownEventType_Returns200StoresItAndSendsNothing()
    {
        var e = Events.Event("somethingNew", Events.NewUserId(), null, null, null, ("somethingNew", new System.Text.Json.Nodes.JsonObject { ["x"] = 1 }));

        var response = await _host.PostWebhookAsync(Events.Body(e));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Wait.UntilAsync(() => Inbox.Find(Events.EventId(e))?.State == InboxState.Done);
        Assert.Empty(_line.Sends);
        Assert.Contains("somethingNew", Inbox.Find(Events.EventId(e))!.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StandbyModeAndGroupWithoutUserId_Returns200StoredAndIgnoredOnPurpose()
    {
        var standby = Events.Text(Events.NewUserId(), "สวัสดี");
        standby["mode"] = "standby";
        standby.Remove("replyToken");
        var group = Events.Text(Events.NewUserId(), "สวัสดีทุกคน");
        group["source"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "group", ["groupId"] = "C" + new string('1', 32) };

        var response = await _host.PostWebhookAsync(Events.Body(standby, group));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Wait.UntilAsync(() => Inbox.Find(Events.EventId(standby))?.State == InboxState.Done && Inbox.Find(Events.EventId(group))?.State == InboxState.Done);
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task Post_SameEventIdTwiceConcurrently_IsStoredAndAnsweredOnce()
    {
        var e = Events.Text(Events.NewUserId(), "ขอเบอร์โทรเทศบาลค่ะ");
        var body = Events.Body(e);
        var redelivered = Events.Body(e.DeepClone().AsObject().Also(x => x["deliveryContext"]!["isRedelivery"] = true));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _host.PostWebhookAsync(i % 2 == 0 ? body : redelivered)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _line.WaitUntilAsync(l => l.Counts.Replies >= 1, TimeSpan.FromSeconds(10));
        await _host.NothingLeftToSendAsync();   // a second stored copy would still wait in the inbox, or be answered by now
        Assert.Single(_line.Sends);
        Assert.Equal(0, _line.Counts.RejectedReplies);
        Assert.Equal(1, Inbox.Count(InboxState.Done));
    }

    [Fact]
    public async Task Post_FiveThousandCharacterThaiTextWithEmojiAndZeroWidth_IsStoredExactlyAndAnswered()
    {
        var piece = "ถนนหน้าบ้าน\u200Bพังมาก 😡🙏🏽 ค่าาาา ";
        var text = string.Concat(Enumerable.Repeat(piece, 5000 / piece.Length + 1))[..5000];
        var e = Events.Text(Events.NewUserId(), text);

        var response = await _host.PostWebhookAsync(Events.Body(e));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));
        using var stored = JsonDocument.Parse(Inbox.Find(Events.EventId(e))!.Json);
        Assert.Equal(text, stored.RootElement.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Health_AfterTraffic_ReportsStoreAndBacklog()
    {
        await _host.PostWebhookAsync(Events.Body(Events.Text(Events.NewUserId(), "สวัสดี")));
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));

        var json = await _host.CreateClient().GetStringAsync("/healthz", TestContext.Current.CancellationToken);

        using var health = JsonDocument.Parse(json);
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", health.RootElement.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal(0, health.RootElement.GetProperty("inbox").GetProperty("pending").GetInt32());
        Assert.True(health.RootElement.GetProperty("processor").TryGetProperty("backlog", out _));
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}

internal static class ObjectExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
