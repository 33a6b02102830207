using System.Net;
using System.Text.Json;
using ItaBot.Line.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EchoBot.Tests;

/// <summary>The sample bot on loopback against the LINE stand-in on loopback, as it would run against LINE.</summary>
public sealed class EchoBotTests : IAsyncLifetime
{
    private const string Secret = "echo-bot-test-secret";
    private const string UserId = "U0123456789abcdef0123456789abcdef";

    private LineStandIn _line = null!;
    private WebApplication _bot = null!;
    private Uri _webhook = null!;
    private readonly HttpClient _http = new();

    public async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        _bot = EchoBotApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Line:ChannelSecret=" + Secret,
            "--Line:ChannelAccessToken=echo-bot-test-token",
            "--Line:ApiBaseUrl=" + _line.BaseAddress,
            "--Line:DataApiBaseUrl=" + _line.BaseAddress,
        ]);
        await _bot.StartAsync(TestContext.Current.CancellationToken);
        var address = _bot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _webhook = new Uri(new Uri(address), "/webhook");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
        await _line.DisposeAsync();
    }

    [Fact]
    public async Task SignedTextMessage_IsAnswered200_AndEchoedAsTheReply()
    {
        var text = "สวัสดีค่ะ ขอถามเรื่องขยะ 🙏";
        var request = new LineWebhookSender(_line, Secret).CreateText(UserId, text);

        using var response = await LineWebhookSender.PostAsync(_http, _webhook, request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _line.WaitUntilAsync(l => l.Counts.Replies == 1, TimeSpan.FromSeconds(10));
        var reply = Assert.Single(_line.Sends);
        Assert.Equal("reply", reply.Kind);
        Assert.Equal(request.ReplyToken, reply.ReplyToken);
        var message = Assert.Single(JsonDocument.Parse(reply.MessagesJson).RootElement.EnumerateArray());
        Assert.Equal("text", message.GetProperty("type").GetString());
        Assert.Equal(text, message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task WrongSignature_Is401_AndNothingIsSent()
    {
        var signed = new LineWebhookSender(_line, Secret).CreateText(UserId, "hello");
        var forged = signed with { Signature = new LineWebhookSender(_line, "another-channel's-secret").CreateText(UserId, "hello").Signature };

        using var response = await LineWebhookSender.PostAsync(_http, _webhook, forged, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_line.Sends);
        Assert.Equal(0, _line.Counts.RejectedReplies);
    }

    [Fact]
    public async Task MissingSignature_Is401_AndNothingIsSent()
    {
        var request = new LineWebhookSender(_line, Secret).CreateText(UserId, "hello");
        using var content = new StringContent(request.Body, System.Text.Encoding.UTF8, "application/json");

        using var response = await _http.PostAsync(_webhook, content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_line.Sends);
    }
}
