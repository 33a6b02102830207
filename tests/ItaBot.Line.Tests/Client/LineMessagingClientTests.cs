using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ItaBot.Line.Client;
using ItaBot.Line.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace ItaBot.Line.Tests.Client;

/// <summary>The client against a real HTTP server on loopback that plays LINE.</summary>
public sealed class LineMessagingClientTests : IAsyncLifetime
{
    private const string Token = "test-channel-token-secret";
    private const string UserId = "U4af4980629b2f1f7c8a7a6bde3c1f1c2";
    private static readonly IReadOnlyList<Message> Hello = [new TextMessage("สวัสดีครับ ข้อความลับ")];

    private FakeLineServer _api = null!;
    private FakeLineServer _data = null!;
    private readonly RecordingLoggerProvider _logs = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = await FakeLineServer.StartAsync();
        _data = await FakeLineServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _data.DisposeAsync();
    }

    private ILineMessagingClient Client(Action<LineClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
        services.AddLineMessagingClient(o =>
        {
            o.ChannelAccessToken = Token;
            o.ApiBaseUrl = _api.BaseUrl;
            o.DataApiBaseUrl = _data.BaseUrl;
            o.Timeout = TimeSpan.FromSeconds(5);
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider().GetRequiredService<ILineMessagingClient>();
    }

    private static ScriptedResponse RetryAfter(int status, string value) =>
        new(status, """{"message":"The API rate limit has been exceeded. Try again later."}""")
        {
            Headers = new Dictionary<string, string> { ["Retry-After"] = value },
        };

    [Fact]
    public async Task ReplyAsync_Ok_PostsTokenAndMessagesWithoutRetryKey()
    {
        _api.Then(200, """{"sentMessages":[{"id":"461230966842064897","quoteToken":"IStG5h1Tz7b"}]}""");

        var result = await Client().ReplyAsync("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", Hello, Ct);

        var request = Assert.Single(_api.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/bot/message/reply", request.Path);
        Assert.Equal("Bearer " + Token, request.Header("Authorization"));
        Assert.Null(request.Header("X-Line-Retry-Key"));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", body.RootElement.GetProperty("replyToken").GetString());
        var message = Assert.Single(body.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("text", message.GetProperty("type").GetString());
        Assert.Equal("สวัสดีครับ ข้อความลับ", message.GetProperty("text").GetString());
        Assert.Equal("461230966842064897", Assert.Single(result.SentMessages).Id);
        Assert.Equal("req-1", result.RequestId);
        Assert.False(result.AlreadyAccepted);
    }

    [Fact]
    public async Task ReplyJsonAsync_StoredMessages_PostsTheSameBodyAsReplyAsync()
    {
        _api.Then(200, "{}").Then(200, """{"sentMessages":[{"id":"7"}]}""");
        var client = Client();
        await client.ReplyAsync("token-\"1", Hello, Ct);

        var result = await client.ReplyJsonAsync("token-\"1", JsonSerializer.Serialize(Hello, LineJson.Options), Ct);

        Assert.Equal(2, _api.Requests.Count);
        Assert.Equal(_api.Requests[0].Body, _api.Requests[1].Body);
        Assert.Equal("/v2/bot/message/reply", _api.Requests[1].Path);
        Assert.Null(_api.Requests[1].Header("X-Line-Retry-Key"));
        Assert.Equal("7", Assert.Single(result.SentMessages).Id);
    }

    [Fact]
    public async Task PushJsonAsync_ServerError_RetriedWithTheSameRetryKeyAndTheBodyPushAsyncWouldSend()
    {
        var key = Guid.NewGuid();
        _api.Then(200, "{}").Then(500, """{"message":"Internal error"}""").Then(200, """{"sentMessages":[{"id":"1"}]}""");
        var client = Client();
        await client.PushAsync(UserId, Hello, Guid.NewGuid(), Ct);

        var result = await client.PushJsonAsync(UserId, JsonSerializer.Serialize(Hello, LineJson.Options), key, Ct);

        Assert.Equal(3, _api.Requests.Count);
        Assert.All(_api.Requests.Skip(1), r => Assert.Equal(key.ToString("D"), r.Header("X-Line-Retry-Key")));
        Assert.All(_api.Requests.Skip(1), r => Assert.Equal(_api.Requests[0].Body, r.Body));
        Assert.Equal("1", Assert.Single(result.SentMessages).Id);
        await Assert.ThrowsAsync<ArgumentException>(() => client.PushJsonAsync(UserId, """{"type":"text"}""", key, Ct));
    }

    [Fact]
    public async Task ReplyAsync_InvalidReplyToken_IsNotRetriedAndSaysSo()
    {
        _api.Then(400, """{"message":"Invalid reply token"}""").Then(200, "{}");

        var ex = await Assert.ThrowsAsync<LineApiException>(() => Client().ReplyAsync("used-token", Hello, Ct));

        Assert.Single(_api.Requests);
        Assert.True(ex.IsInvalidReplyToken);
        Assert.False(ex.IsTransient);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
    }

    [Fact]
    public async Task PushAsync_ServerErrors_RetriedWithSameRetryKeyAndBody()
    {
        var key = Guid.NewGuid();
        _api.Then(500, """{"message":"Internal error"}""").Then(503, "").Then(200, """{"sentMessages":[{"id":"1"}]}""");

        var result = await Client().PushAsync(UserId, Hello, key, Ct);

        Assert.Equal(3, _api.Requests.Count);
        Assert.All(_api.Requests, r => Assert.Equal(key.ToString("D"), r.Header("X-Line-Retry-Key")));
        Assert.All(_api.Requests, r => Assert.Equal(_api.Requests[0].Body, r.Body));
        Assert.All(_api.Requests, r => Assert.Equal("/v2/bot/message/push", r.Path));
        using var body = JsonDocument.Parse(_api.Requests[0].Body);
        Assert.Equal(UserId, body.RootElement.GetProperty("to").GetString());
        Assert.Equal("1", Assert.Single(result.SentMessages).Id);
        Assert.False(result.AlreadyAccepted);
    }

    [Fact]
    public async Task PushAsync_429WithRetryAfterSeconds_WaitsAsToldAndKeepsRetryKey()
    {
        var key = Guid.NewGuid();
        _api.Then(RetryAfter(429, "1")).Then(200, "{}");
        var clock = Stopwatch.StartNew();

        await Client().PushAsync(UserId, Hello, key, Ct);

        // Backoff alone would wait ~5 ms; only Retry-After explains a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, r => Assert.Equal(key.ToString("D"), r.Header("X-Line-Retry-Key")));
    }

    [Fact]
    public async Task PushAsync_RetryAfterAnHour_WaitsOnlyUpToTheCap()
    {
        _api.Then(RetryAfter(429, "3600")).Then(200, "{}");
        var clock = Stopwatch.StartNew();

        await Client(o => o.Retry.MaxRetryAfter = TimeSpan.FromMilliseconds(100)).PushAsync(UserId, Hello, Guid.NewGuid(), Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task PushAsync_Persistent500_GivesUpAfterBoundedRetriesAsTransient()
    {
        for (var i = 0; i < 10; i++)
        {
            _api.Then(500, """{"message":"Internal error"}""");
        }

        var ex = await Assert.ThrowsAsync<LineApiException>(() => Client().PushAsync(UserId, Hello, Guid.NewGuid(), Ct));

        Assert.Equal(4, _api.Requests.Count); // first attempt + 3 retries, then the caller's outbox takes over
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Equal("req-4", ex.RequestId);
    }

    [Fact]
    public async Task PushAsync_SlowAttempt_TimesOutAndRetriesWithSameKey()
    {
        var key = Guid.NewGuid();
        _api.Then(new ScriptedResponse(200, "{}") { Delay = TimeSpan.FromSeconds(10) }).Then(200, """{"sentMessages":[{"id":"7"}]}""");

        var result = await Client(o => o.Timeout = TimeSpan.FromMilliseconds(300)).PushAsync(UserId, Hello, key, Ct);

        Assert.Equal("7", Assert.Single(result.SentMessages).Id);
        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, r => Assert.Equal(key.ToString("D"), r.Header("X-Line-Retry-Key")));
    }

    [Fact]
    public async Task PushAsync_Conflict_ReturnsAlreadyAcceptedWithOriginalSentMessages()
    {
        _api.Then(new ScriptedResponse(409, """
            {"message":"The retry key is already accepted","sentMessages":[{"id":"461230966842064897","quoteToken":"IStG5h1Tz7b"}]}
            """)
        {
            Headers = new Dictionary<string, string> { ["X-Line-Accepted-Request-Id"] = "accepted-123" },
        });

        var result = await Client().PushAsync(UserId, Hello, Guid.NewGuid(), Ct);

        Assert.Single(_api.Requests);
        Assert.True(result.AlreadyAccepted);
        var sent = Assert.Single(result.SentMessages);
        Assert.Equal("461230966842064897", sent.Id);
        Assert.Equal("IStG5h1Tz7b", sent.QuoteToken);
    }

    [Fact]
    public async Task PushAsync_BadRequestWithDetails_SurfacesDetailsAndRequestId()
    {
        _api.Then(400, """
            {"message":"A message (messages[0]) in the request body is invalid","details":[{"message":"invalid property","property":"/footer/contents/2"}]}
            """);

        var ex = await Assert.ThrowsAsync<LineApiException>(() => Client().PushAsync(UserId, Hello, Guid.NewGuid(), Ct));

        Assert.Single(_api.Requests);
        Assert.Equal("A message (messages[0]) in the request body is invalid", ex.LineMessage);
        var detail = Assert.Single(ex.Details);
        Assert.Equal("/footer/contents/2", detail.Property);
        Assert.Equal("invalid property", detail.Message);
        Assert.Equal("req-1", ex.RequestId);
        Assert.Contains("/footer/contents/2: invalid property", ex.Message, StringComparison.Ordinal);
        Assert.Contains("req-1", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsInvalidReplyToken);
    }

    [Fact]
    public async Task PushAsync_HtmlErrorBody_BecomesShortLineMessage()
    {
        _api.Then(new ScriptedResponse(403, "<html><body>\n<h1>403 Forbidden</h1>\n</body></html>", "text/html"));

        var ex = await Assert.ThrowsAsync<LineApiException>(() => Client().PushAsync(UserId, Hello, Guid.NewGuid(), Ct));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal("<html><body> <h1>403 Forbidden</h1> </body></html>", ex.LineMessage);
        Assert.Empty(ex.Details);
    }

    [Fact]
    public async Task PushAsync_NobodyListening_ThrowsTransportFailureAfterRetries()
    {
        var closed = await FakeLineServer.StartAsync();
        var url = closed.BaseUrl;
        await closed.DisposeAsync();

        var ex = await Assert.ThrowsAsync<LineApiException>(() => Client(o => o.ApiBaseUrl = url).PushAsync(UserId, Hello, Guid.NewGuid(), Ct));

        Assert.True(ex.IsTransportFailure);
        Assert.True(ex.IsTransient);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task PushAsync_EmptyRetryKeyOrMessageCount_IsRefusedBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().PushAsync(UserId, Hello, Guid.Empty, Ct));
        await Assert.ThrowsAsync<LineMessageLimitException>(() => Client().PushAsync(UserId, [], Guid.NewGuid(), Ct));
        await Assert.ThrowsAsync<LineMessageLimitException>(() => Client().PushAsync(UserId, [.. Enumerable.Repeat(Hello[0], 6)], Guid.NewGuid(), Ct));
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task ReplyAsync_MessageOverLineLimit_FailsBeforeSendingNamingTheField()
    {
        var ex = await Assert.ThrowsAsync<LineMessageLimitException>(
            () => Client().ReplyAsync("token", [new TextMessage(new string('ก', 5001))], Ct));

        Assert.Contains("messages[0].text", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task MulticastAsync_RetriedAndConflict_SameKeyAndNoThrow()
    {
        var key = Guid.NewGuid();
        _api.Then(502, "Bad gateway").Then(409, """{"message":"The retry key is already accepted"}""");

        await Client().MulticastAsync([UserId, "U00000000000000000000000000000002"], Hello, key, Ct);

        Assert.Equal(2, _api.Requests.Count);
        Assert.All(_api.Requests, r => Assert.Equal("/v2/bot/message/multicast", r.Path));
        Assert.All(_api.Requests, r => Assert.Equal(key.ToString("D"), r.Header("X-Line-Retry-Key")));
        using var body = JsonDocument.Parse(_api.Requests[0].Body);
        Assert.Equal(2, body.RootElement.GetProperty("to").GetArrayLength());
    }

    [Fact]
    public async Task GetMessageContentAsync_Ok_ComesFromTheDataHost()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        _data.Then(new ScriptedResponse(200, null, "image/jpeg") { BinaryBody = jpeg });

        var content = await Client().GetMessageContentAsync("325708", Ct);

        Assert.Empty(_api.Requests);
        var request = Assert.Single(_data.Requests);
        Assert.Equal(_data.BaseUrl.Port, request.LocalPort);
        Assert.NotEqual(_api.BaseUrl.Port, request.LocalPort);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v2/bot/message/325708/content", request.Path);
        Assert.Equal("Bearer " + Token, request.Header("Authorization"));
        Assert.Equal(jpeg, content.Data);
        Assert.Equal("image/jpeg", content.ContentType);
    }

    [Fact]
    public async Task GetMessageContentAsync_Accepted_ThrowsNotReady()
    {
        _data.Then(202, "");

        var ex = await Assert.ThrowsAsync<LineContentNotReadyException>(() => Client().GetMessageContentAsync("325708", Ct));

        Assert.Equal("325708", ex.MessageId);
        Assert.Single(_data.Requests);
    }

    [Fact]
    public async Task GetMessageContentAsync_WithinMaxBytes_ReturnsAllBytes()
    {
        var body = new byte[300_000];
        new Random(1).NextBytes(body);
        _data.Then(new ScriptedResponse(200, null, "image/jpeg") { BinaryBody = body });

        var content = await Client().GetMessageContentAsync("325708", maxBytes: body.Length, Ct);

        Assert.Equal(body, content.Data);
    }

    [Fact]
    public async Task GetMessageContentAsync_StreamedBodyLongerThanMaxBytes_ThrowsTooLarge()
    {
        _data.Then(new ScriptedResponse(200, null, "image/jpeg") { BinaryBody = new byte[300_001] });

        var ex = await Assert.ThrowsAsync<LineContentTooLargeException>(() => Client().GetMessageContentAsync("325708", maxBytes: 300_000, Ct));

        Assert.Equal(300_000, ex.MaxBytes);
        Assert.Single(_data.Requests);
    }

    [Fact]
    public async Task GetMessageContentAsync_ContentLengthOverMaxBytes_ThrowsTooLarge()
    {
        var body = new byte[2_000_000];
        _data.Then(new ScriptedResponse(200, null, "image/jpeg")
        {
            BinaryBody = body,
            Headers = new Dictionary<string, string> { ["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });

        await Assert.ThrowsAsync<LineContentTooLargeException>(() => Client().GetMessageContentAsync("325708", maxBytes: 1000, Ct));

        Assert.Single(_data.Requests);
    }

    [Theory]
    [InlineData(410, """{"message":"The content is gone"}""")]
    [InlineData(404, """{"message":"Not found"}""")]
    public async Task GetMessageContentAsync_GoneOrUnknown_ThrowsWithoutRetry(int status, string body)
    {
        _data.Then(status, body);

        var ex = await Assert.ThrowsAsync<LineApiException>(() => Client().GetMessageContentAsync("325708", Ct));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Single(_data.Requests);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(65)]
    [InlineData(-5)]
    public async Task ShowLoadingAnimationAsync_OutOfRange_ThrowsWithoutCalling(int seconds)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client().ShowLoadingAnimationAsync(UserId, seconds, Ct));
        Assert.Empty(_api.Requests);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(60)]
    public async Task ShowLoadingAnimationAsync_InRange_PostsChatIdAndSeconds(int seconds)
    {
        _api.Then(202, "{}");

        await Client().ShowLoadingAnimationAsync(UserId, seconds, Ct);

        var request = Assert.Single(_api.Requests);
        Assert.Equal("/v2/bot/chat/loading/start", request.Path);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(UserId, body.RootElement.GetProperty("chatId").GetString());
        Assert.Equal(seconds, body.RootElement.GetProperty("loadingSeconds").GetInt32());
    }

    [Fact]
    public async Task RichMenuCalls_HitTheRightHostsAndPaths()
    {
        var client = Client();
        _api.Then(200, """{"richMenuId":"richmenu-88c05ef6921ae53f8b58a25f3a65faf7"}""");
        var menu = new RichMenu(new RichMenuSize(2500, 843), true, "หลัก", "เมนู",
            [new RichMenuArea(new RichMenuBounds(0, 0, 2500, 843), new MessageAction("แจ้งเรื่อง") { Label = "แจ้ง" })]);

        var id = await client.CreateRichMenuAsync(menu, Ct);
        byte[] png = [0x89, 0x50, 0x4E, 0x47];
        await client.UploadRichMenuImageAsync(id, png, "image/png", Ct);
        await client.SetDefaultRichMenuAsync(id, Ct);
        await client.LinkRichMenuToUserAsync(UserId, id, Ct);
        await client.CreateRichMenuAliasAsync("main-tab", id, Ct);

        Assert.Equal("richmenu-88c05ef6921ae53f8b58a25f3a65faf7", id);
        var upload = Assert.Single(_data.Requests);
        Assert.Equal(("POST", $"/v2/bot/richmenu/{id}/content", "image/png"), (upload.Method, upload.Path, upload.ContentType));
        Assert.Equal(png, upload.Body);
        Assert.Equal(
            ["/v2/bot/richmenu", $"/v2/bot/user/all/richmenu/{id}", $"/v2/bot/user/{UserId}/richmenu/{id}", "/v2/bot/richmenu/alias"],
            _api.Requests.Select(r => r.Path));
        Assert.All(_api.Requests, r => Assert.Equal("POST", r.Method));
        using var created = JsonDocument.Parse(_api.Requests[0].Body);
        Assert.Equal(843, created.RootElement.GetProperty("size").GetProperty("height").GetInt32());
        Assert.Equal("message", created.RootElement.GetProperty("areas")[0].GetProperty("action").GetProperty("type").GetString());
        using var alias = JsonDocument.Parse(_api.Requests[3].Body);
        Assert.Equal("main-tab", alias.RootElement.GetProperty("richMenuAliasId").GetString());
        Assert.Equal(id, alias.RootElement.GetProperty("richMenuId").GetString());
    }

    [Fact]
    public async Task CreateRichMenuAsync_ServerError_IsNotRetriedToAvoidDuplicateMenus()
    {
        _api.Then(500, """{"message":"Internal error"}""").Then(200, """{"richMenuId":"richmenu-2"}""");
        var menu = new RichMenu(new RichMenuSize(2500, 843), false, "m", "m", []);

        await Assert.ThrowsAsync<LineApiException>(() => Client().CreateRichMenuAsync(menu, Ct));

        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task UploadRichMenuImageAsync_OtherContentType_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().UploadRichMenuImageAsync("richmenu-1", new byte[] { 1 }, "image/gif", Ct));
        Assert.Empty(_data.Requests);
    }

    [Fact]
    public async Task ProfileBotInfoAndQuota_AreReadFromTheApiHost()
    {
        var client = Client();
        _api.Then(200, $$"""{"displayName":"สมชาย","userId":"{{UserId}}","language":"th","pictureUrl":"https://profile.line-scdn.net/x","extra":1}""")
            .Then(200, """{"userId":"Ub9952f8","basicId":"@216ru","displayName":"ItaBot","chatMode":"bot","markAsReadMode":"auto"}""")
            .Then(200, """{"type":"limited","value":1000}""")
            .Then(200, """{"totalUsage":500}""");

        var profile = await client.GetProfileAsync(UserId, Ct);
        var bot = await client.GetBotInfoAsync(Ct);
        var quota = await client.GetMessageQuotaAsync(Ct);
        var used = await client.GetMessageQuotaConsumptionAsync(Ct);

        Assert.Equal(("สมชาย", UserId, "th"), (profile.DisplayName, profile.UserId, profile.Language));
        Assert.Equal(("@216ru", "bot"), (bot.BasicId, bot.ChatMode));
        Assert.Equal(("limited", 1000L), (quota.Type, quota.Value));
        Assert.Equal(500, used);
        Assert.Equal(
            [$"/v2/bot/profile/{UserId}", "/v2/bot/info", "/v2/bot/message/quota", "/v2/bot/message/quota/consumption"],
            _api.Requests.Select(r => r.Path));
        Assert.All(_api.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Logs_NeverCarryTokenUserIdOrMessageText()
    {
        _api.Then(400, """{"message":"Invalid reply token"}""").Then(500, "").Then(200, "{}").Then(404, """{"message":"Not found"}""");
        var client = Client();

        await Assert.ThrowsAsync<LineApiException>(() => client.ReplyAsync("reply-token-x", Hello, Ct));
        await client.PushAsync(UserId, Hello, Guid.NewGuid(), Ct);
        await Assert.ThrowsAsync<LineApiException>(() => client.GetProfileAsync(UserId, Ct));

        var all = string.Join("\n", _logs.Messages);
        Assert.Contains("/v2/bot/profile/{userId}", all, StringComparison.Ordinal);
        Assert.Contains("req-1", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, all, StringComparison.Ordinal);
        Assert.DoesNotContain(UserId, all, StringComparison.Ordinal);
        Assert.DoesNotContain("reply-token-x", all, StringComparison.Ordinal);
        Assert.DoesNotContain("สวัสดี", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLineMessagingClient_FromConfigurationSection_BindsAndFollowsLaterChanges()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ItaBot:Line:ChannelSecret"] = "not-the-clients-business",
            ["ItaBot:Line:ChannelAccessToken"] = "from-config",
            ["ItaBot:Line:ApiBaseUrl"] = "http://127.0.0.1:1/",
            ["ItaBot:Line:DataApiBaseUrl"] = _data.BaseUrl.ToString(),
            ["ItaBot:Line:Retry:BaseDelay"] = "00:00:00.005",
            ["ItaBot:Line:Retry:MaxRetryAttempts"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLineMessagingClient(configuration.GetSection(LineClientOptions.DefaultSectionName));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ILineMessagingClient>();

        // The simulator learns its own address only after start.
        configuration["ItaBot:Line:ApiBaseUrl"] = _api.BaseUrl.ToString();
        configuration.Reload();
        _api.Then(200, """{"userId":"Ub1","basicId":"@1","displayName":"ItaBot"}""");
        var bot = await client.GetBotInfoAsync(Ct);

        Assert.Equal("@1", bot.BasicId);

        var request = Assert.Single(_api.Requests);
        Assert.Equal("Bearer from-config", request.Header("Authorization"));
        Assert.Equal(0, provider.GetRequiredService<IOptionsMonitor<LineClientOptions>>().CurrentValue.Retry.MaxRetryAttempts);
    }

    [Fact]
    public async Task AddLineMessagingClient_BaseUrlMutatedAfterStart_IsUsedByTheNextCall()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLineMessagingClient(o => o.ChannelAccessToken = Token);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ILineMessagingClient>();

        provider.GetRequiredService<IOptionsMonitor<LineClientOptions>>().CurrentValue.ApiBaseUrl = new Uri(_api.BaseUrl, "line/");
        _api.Then(200, """{"type":"none"}""");
        var quota = await client.GetMessageQuotaAsync(Ct);

        Assert.Equal("none", quota.Type);
        Assert.Equal("/line/v2/bot/message/quota", Assert.Single(_api.Requests).Path);
    }

    [Fact]
    public void AddLineMessagingClient_MissingToken_FailsValidationWithOneClearLine()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLineMessagingClient(o => o.ChannelAccessToken = "");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LineClientOptions>>().Value);

        Assert.Contains("ItaBot:Line:ChannelAccessToken is missing", ex.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                owner.Messages.Enqueue($"{category}: {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
