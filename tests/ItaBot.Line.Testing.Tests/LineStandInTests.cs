using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ItaBot.Line.Testing;

namespace ItaBot.Line.Testing.Tests;

public sealed class LineStandInTests : IAsyncLifetime
{
    private const string UserId = "U0123456789abcdef0123456789abcdef";
    private const string Message = """[{"type":"text","text":"สวัสดีครับ 🙏"}]""";

    private LineStandIn _line = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = _line.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _line.DisposeAsync();
    }

    [Fact]
    public async Task StartAsync_BindsLoopbackWithAnEphemeralPort()
    {
        Assert.Equal("127.0.0.1", _line.BaseAddress.Host);
        Assert.NotEqual(0, _line.BaseAddress.Port);
        using var info = await _http.GetAsync(new Uri("v2/bot/info", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
    }

    [Fact]
    public async Task Reply_SameTokenTwice_SecondIsInvalidReplyToken()
    {
        using var first = await ReplyAsync("token-1");
        using var second = await ReplyAsync("token-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("Invalid reply token", await MessageOf(second));
        Assert.Equal(new StandInCounts(1, 1, 0, 0, 0, 0), _line.Counts);
        var send = Assert.Single(_line.Sends);
        Assert.Equal("reply", send.Kind);
        Assert.Equal("token-1", send.ReplyToken);
        Assert.Equal("สวัสดีครับ 🙏", JsonDocument.Parse(send.MessagesJson).RootElement[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Reply_WithRetryKey_IsRefusedAndNotRecorded()
    {
        using var request = JsonRequest("v2/bot/message/reply", $$"""{"replyToken":"token-2","messages":{{Message}}}""");
        request.Headers.Add("X-Line-Retry-Key", Guid.NewGuid().ToString());

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task Push_SameRetryKeyTwice_SecondIs409WithOriginalRequestAndSentMessages()
    {
        var key = Guid.NewGuid();
        using var first = await PushAsync(key);
        using var second = await PushAsync(key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(Header(first, "x-line-request-id"), Header(second, "x-line-accepted-request-id"));
        Assert.NotEqual(Header(first, "x-line-request-id"), Header(second, "x-line-request-id"));
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("The retry key is already accepted", secondBody.RootElement.GetProperty("message").GetString());
        Assert.Equal(
            firstBody.RootElement.GetProperty("sentMessages")[0].GetProperty("id").GetString(),
            secondBody.RootElement.GetProperty("sentMessages")[0].GetProperty("id").GetString());
        Assert.Equal(new StandInCounts(0, 0, 1, 1, 0, 0), _line.Counts);
        var send = Assert.Single(_line.Sends);
        Assert.Equal((UserId, key.ToString()), (send.To, send.RetryKey));
    }

    [Fact]
    public async Task Push_DifferentRetryKeys_BothAccepted()
    {
        using var first = await PushAsync(Guid.NewGuid());
        using var second = await PushAsync(Guid.NewGuid());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, _line.Counts.Pushes);
    }

    [Fact]
    public async Task FailNext_AnswersTheStatusWithRetryAfter_ThenRecovers()
    {
        _line.FailNext(2, 429, TimeSpan.FromSeconds(3));

        using var first = await PushAsync(Guid.NewGuid());
        using var second = await ReplyAsync("token-3");
        using var third = await ReplyAsync("token-3");

        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(new StandInCounts(1, 0, 0, 0, 0, 2), _line.Counts);
        Assert.Equal("token-3", Assert.Single(_line.Sends).ReplyToken);
    }

    [Fact]
    public async Task FailNext_WithoutRetryAfter_HasNoRetryAfterHeader()
    {
        _line.FailNext(1, 500);

        using var response = await PushAsync(Guid.NewGuid());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task Outage_SendsHangUntilItEnds_ThenTheyAreAnswered()
    {
        _line.BeginOutage();
        var pending = PushAsync(Guid.NewGuid());

        await _line.WaitUntilAsync(l => l.CallsOnHold == 1, TimeSpan.FromSeconds(10));
        Assert.False(pending.IsCompleted);
        Assert.Empty(_line.Sends);

        _line.EndOutage();
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_line.Sends);
    }

    [Fact]
    public async Task Outage_CallerGivesUp_NothingRecorded_LaterCallsWork()
    {
        _line.BeginOutage();
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                _http.SendAsync(JsonRequest("v2/bot/message/reply", $$"""{"replyToken":"token-4","messages":{{Message}}}"""), giveUp.Token));
        }

        _line.EndOutage();
        using var response = await ReplyAsync("token-4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _line.Counts.Replies);
    }

    [Fact]
    public async Task RefuseReplyToken_AnswersInvalidReplyToken_AsIfExpired()
    {
        _line.RefuseReplyToken("expired");

        using var response = await ReplyAsync("expired");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid reply token", await MessageOf(response));
        Assert.Equal(1, _line.Counts.RejectedReplies);
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task AddContent_IsServedWithItsType_UnknownIs404()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        _line.AddContent("12345", jpeg, "image/jpeg");

        using var known = await _http.GetAsync(new Uri("v2/bot/message/12345/content", UriKind.Relative), TestContext.Current.CancellationToken);
        using var unknown = await _http.GetAsync(new Uri("v2/bot/message/999/content", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal("image/jpeg", known.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await known.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Calls_WithoutBearerToken_Are401_WithRequestId()
    {
        using var anonymous = new HttpClient { BaseAddress = _line.BaseAddress };
        using var push = await anonymous.SendAsync(JsonRequest("v2/bot/message/push", $$"""{"to":"{{UserId}}","messages":{{Message}}}"""), TestContext.Current.CancellationToken);
        using var profile = await anonymous.GetAsync(new Uri($"v2/bot/profile/{UserId}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, push.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, profile.StatusCode);
        Assert.False(string.IsNullOrEmpty(Header(push, "x-line-request-id")));
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task Push_MoreThanFiveMessages_Is400WithDetails()
    {
        var six = "[" + string.Join(',', Enumerable.Repeat("""{"type":"text","text":"x"}""", 6)) + "]";

        using var response = await _http.SendAsync(JsonRequest("v2/bot/message/push", $$"""{"to":"{{UserId}}","messages":{{six}}}"""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("messages", body.RootElement.GetProperty("details")[0].GetProperty("property").GetString());
        Assert.Empty(_line.Sends);
    }

    [Fact]
    public async Task Push_BodyOverTwoMegabytes_Is413()
    {
        var big = new string('ก', LineStandIn.MaxBodyBytes / 3 + 10);

        using var response = await _http.SendAsync(JsonRequest("v2/bot/message/push", $$"""{"to":"{{UserId}}","messages":[{"type":"text","text":"{{big}}"}]}"""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Multicast_IsRecordedWithAllRecipients_AndRepeatedKeyIs409()
    {
        var key = Guid.NewGuid().ToString();
        var body = $$"""{"to":["{{UserId}}","Uffffffffffffffffffffffffffffffff"],"messages":{{Message}}}""";
        using var firstRequest = JsonRequest("v2/bot/message/multicast", body);
        firstRequest.Headers.Add("X-Line-Retry-Key", key);
        using var secondRequest = JsonRequest("v2/bot/message/multicast", body);
        secondRequest.Headers.Add("X-Line-Retry-Key", key);

        using var first = await _http.SendAsync(firstRequest, TestContext.Current.CancellationToken);
        using var second = await _http.SendAsync(secondRequest, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        Assert.Equal(UserId + ",Uffffffffffffffffffffffffffffffff", Assert.Single(_line.Sends).To);
        Assert.Equal(1, _line.Counts.Multicasts);
    }

    [Fact]
    public async Task RichMenu_CreateUploadSetDefault_IsTheEffectiveMenu()
    {
        using var create = await _http.SendAsync(JsonRequest("v2/bot/richmenu", """
            {"size":{"width":2500,"height":843},"selected":true,"name":"main","chatBarText":"เมนู",
             "areas":[{"bounds":{"x":0,"y":0,"width":1250,"height":843},"action":{"type":"message","text":"ถามตอบ"}}]}
            """), TestContext.Current.CancellationToken);
        var id = JsonDocument.Parse(await create.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("richMenuId").GetString()!;
        using var image = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var upload = await _http.PostAsync(new Uri($"v2/bot/richmenu/{id}/content", UriKind.Relative), image, TestContext.Current.CancellationToken);
        using var setDefault = await _http.PostAsync(new Uri($"v2/bot/user/all/richmenu/{id}", UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var userMenu = await _http.GetAsync(new Uri($"v2/bot/user/{UserId}/richmenu", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (create.StatusCode, upload.StatusCode, setDefault.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, userMenu.StatusCode);
        var effective = _line.EffectiveRichMenu(UserId);
        Assert.NotNull(effective);
        Assert.Equal(id, effective.Id);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], effective.Image);
    }

    [Fact]
    public async Task WaitUntilAsync_TimesOut_NamingTheCounts()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => _line.WaitUntilAsync(l => l.Counts.Replies > 0, TimeSpan.FromMilliseconds(100)));

        Assert.Contains("Replies = 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentReplies_WithOneToken_ExactlyOneAccepted()
    {
        var started = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ReplyAsync("shared")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(new StandInCounts(1, 19, 0, 0, 0, 0), _line.Counts);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Reset_ForgetsSendsAndUsedTokens()
    {
        using (await ReplyAsync("token-5"))
        {
        }

        _line.Reset();
        using var again = await ReplyAsync("token-5");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(new StandInCounts(1, 0, 0, 0, 0, 0), _line.Counts);
    }

    private Task<HttpResponseMessage> ReplyAsync(string token) =>
        _http.SendAsync(JsonRequest("v2/bot/message/reply", $$"""{"replyToken":"{{token}}","messages":{{Message}}}"""), TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> PushAsync(Guid retryKey)
    {
        var request = JsonRequest("v2/bot/message/push", $$"""{"to":"{{UserId}}","messages":{{Message}}}""");
        request.Headers.Add("X-Line-Retry-Key", retryKey.ToString());
        return _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static HttpRequestMessage JsonRequest(string path, string json) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : "";

    private static async Task<string?> MessageOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("message").GetString();
    }
}
