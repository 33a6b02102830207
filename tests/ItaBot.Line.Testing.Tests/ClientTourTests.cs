using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItaBot.Line.Client;
using ItaBot.Line.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Line.Testing.Tests;

/// <summary>
/// Every operation of the SDK's client against the stand-in, by API area; and how many of the operations in LINE's
/// messaging-api.yml the client calls, computed from the spec and the calls the stand-in saw.
/// </summary>
public sealed class ClientTourTests : IAsyncLifetime
{
    private const string User = "U0123456789abcdef0123456789abcdef";
    private const string Other = "Uabcdef0123456789abcdef0123456789";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private LineStandIn _line = null!;
    private ServiceProvider _services = null!;
    private ILineMessagingClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        _line.TallyFile = null;   // refuses messages on purpose: not part of the suite's count
        _services = new ServiceCollection()
            .AddLogging()
            .AddLineMessagingClient(o =>
            {
                o.ChannelAccessToken = "tour-token";
                o.ApiBaseUrl = _line.BaseAddress;
                o.DataApiBaseUrl = _line.BaseAddress;
                o.Retry.MaxRetryAttempts = 0;
            }).Services.BuildServiceProvider();
        _client = _services.GetRequiredService<ILineMessagingClient>();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _line.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_ReplyPushMulticastNarrowcastBroadcast_AreRecorded_AndCountedAndValidated()
    {
        _line.AddFollower(User);
        _line.AddFollower(Other);
        Message[] hello = [new TextMessage("สวัสดีค่ะ")];

        await _client.ReplyAsync("reply-token", hello, Ct);
        await _client.PushAsync(User, hello, Guid.NewGuid(), Ct);
        await _client.MulticastAsync([User, Other], hello, Guid.NewGuid(), Ct);
        var narrowcast = await _client.NarrowcastAsync(hello, Guid.NewGuid(), cancellationToken: Ct);
        var key = Guid.NewGuid();
        await _client.BroadcastAsync(hello, key, Ct);
        await _client.BroadcastAsync(hello, key, Ct);   // a retry of an accepted broadcast: 409, success

        Assert.Equal(["reply", "push", "multicast", "narrowcast", "broadcast"], _line.Sends.Select(s => s.Kind));
        var progress = await _client.GetNarrowcastProgressAsync(narrowcast!, Ct);
        Assert.Equal(("succeeded", 2L), (progress.Phase, progress.TargetCount ?? -1));
        foreach (var operation in Enum.GetValues<MessageOperation>())
        {
            await _client.ValidateMessagesAsync(operation, hello, Ct);
        }

        var refused = await Assert.ThrowsAsync<LineApiException>(() => _client.ValidateMessagesAsync(MessageOperation.Push, [new FlexMessage("a", new FlexBubble { Body = new FlexBox("diagonal", []) })], Ct));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEmpty(refused.Details);
        Assert.Equal(5, _line.Sends.Count);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);
        Assert.Equal(1, await _client.GetSentMessageCountAsync(MessageOperation.Reply, today, Ct));
        Assert.Equal(1, await _client.GetSentMessageCountAsync(MessageOperation.Push, today, Ct));
        Assert.Equal(2, await _client.GetSentMessageCountAsync(MessageOperation.Multicast, today, Ct));
        Assert.Equal(1, await _client.GetSentMessageCountAsync(MessageOperation.Broadcast, today, Ct));

        await _client.MarkAsReadAsync(User, Ct);
        await _client.MarkAsReadByTokenAsync("mark-as-read-token", Ct);
        Assert.True(_line.IsMarkedAsRead(User));
        Assert.Equal(1 + 2 + 2 + 2, _line.QuotaUsed);   // push, multicast to two, narrowcast and broadcast to two followers
    }

    [Fact]
    public async Task ProfilesBotQuotaAndContent_AnswerFromTheStandIn()
    {
        _line.SetDisplayName(User, "สมศรี");
        _line.AddContent("100", Png, "image/png");
        _line.AddContent("200", Png, "video/mp4", notReadyFor: 1);
        _line.MonthlyLimit = 1000;

        Assert.Equal("สมศรี", (await _client.GetProfileAsync(User, Ct)).DisplayName);
        Assert.Equal(_line.BotUserId, (await _client.GetBotInfoAsync(Ct)).UserId);
        Assert.Equal(1000, (await _client.GetMessageQuotaAsync(Ct)).Value);
        Assert.Equal(_line.QuotaUsed, await _client.GetMessageQuotaConsumptionAsync(Ct));
        Assert.Equal(Png, (await _client.GetMessageContentAsync("100", Ct)).Data);
        Assert.Equal(Png, (await _client.GetMessageContentPreviewAsync("100", Ct)).Data);
        Assert.Equal("processing", await _client.GetMessageContentTranscodingAsync("200", Ct));
        await _client.ShowLoadingAnimationAsync(User, 10, Ct);
        Assert.True(_line.IsLoading(User));
    }

    [Fact]
    public async Task FollowersGroupsRoomsAndLinkTokens_AnswerFromTheStandIn()
    {
        _line.AddFollower(User);
        _line.AddGroup("Cgroup", "ชุมชนหมู่ 3", User, Other);
        _line.AddRoom("Rroom", User);
        _line.SetDisplayName(Other, "สมชาย");

        Assert.Contains(User, (await _client.GetFollowersAsync(cancellationToken: Ct)).UserIds);
        Assert.Equal(User, _line.LinkTokenUser(await _client.IssueLinkTokenAsync(User, Ct)));
        Assert.Equal("ชุมชนหมู่ 3", (await _client.GetGroupSummaryAsync("Cgroup", Ct)).GroupName);
        Assert.Equal(2, await _client.GetMemberCountAsync("Cgroup", cancellationToken: Ct));
        Assert.Equal(1, await _client.GetMemberCountAsync("Rroom", room: true, cancellationToken: Ct));
        Assert.Equal([User, Other], (await _client.GetMemberIdsAsync("Cgroup", cancellationToken: Ct)).UserIds);
        Assert.Equal([User], (await _client.GetMemberIdsAsync("Rroom", room: true, cancellationToken: Ct)).UserIds);
        Assert.Equal("สมชาย", (await _client.GetMemberProfileAsync("Cgroup", Other, cancellationToken: Ct)).DisplayName);
        Assert.Equal(User, (await _client.GetMemberProfileAsync("Rroom", User, room: true, cancellationToken: Ct)).UserId);
        await _client.LeaveAsync("Cgroup", cancellationToken: Ct);
        await _client.LeaveAsync("Rroom", room: true, cancellationToken: Ct);
        Assert.False(_line.IsInChat("Cgroup") || _line.IsInChat("Rroom"));
    }

    [Fact]
    public async Task CouponsMembershipsPhoneMessagesAndAggregationUnits_AnswerFromTheStandIn()
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var coupon = new JsonObject
        {
            ["title"] = "ส่วนลดค่าธรรมเนียม 10%",
            ["startTimestamp"] = now,
            ["endTimestamp"] = now + 86_400,
            ["maxUseCountPerTicket"] = 1,
            ["visibility"] = "UNLISTED",
            ["timezone"] = "ASIA_BANGKOK",
            ["acquisitionCondition"] = new JsonObject { ["type"] = "normal" },
            ["reward"] = new JsonObject { ["type"] = "discount", ["priceInfo"] = new JsonObject { ["type"] = "percentage", ["percentage"] = 10 } },
        };
        var id = await _client.CreateCouponAsync(coupon, Ct);
        var second = await _client.CreateCouponAsync((JsonObject)coupon.DeepClone(), Ct);
        var detail = await _client.GetCouponAsync(id, Ct);
        Assert.Equal((id, "ส่วนลดค่าธรรมเนียม 10%", "RUNNING"), (detail!.CouponId, detail.Title, detail.Status));
        Assert.Equal(now + 86_400, detail.End!.Value.ToUnixTimeSeconds());
        var firstPage = await _client.GetCouponsAsync(limit: 1, cancellationToken: Ct);
        var secondPage = await _client.GetCouponsAsync(start: firstPage.Next, limit: 1, cancellationToken: Ct);
        Assert.Equal([id, second], firstPage.Items.Concat(secondPage.Items).Select(c => c.CouponId));
        Assert.Null(secondPage.Next);
        await _client.CloseCouponAsync(id, Ct);
        Assert.Equal([second], (await _client.GetCouponsAsync(["RUNNING"], cancellationToken: Ct)).Items.Select(c => c.CouponId));
        Assert.Equal(System.Net.HttpStatusCode.Gone, (await Assert.ThrowsAsync<LineApiException>(() => _client.CloseCouponAsync(id, Ct))).StatusCode);
        Assert.Null(await _client.GetCouponAsync("coupon-none", Ct));
        var refused = await Assert.ThrowsAsync<LineApiException>(() => _client.CreateCouponAsync(new JsonObject { ["title"] = "ไม่ครบ" }, Ct));
        Assert.Contains(refused.Details, d => $"{d.Property} {d.Message}".Contains("acquisitionCondition", StringComparison.Ordinal));   // a required property missing

        _line.AddMembership(3189, "สมาชิกจดหมายข่าว", 29m, "THB", User, Other);
        var plan = Assert.Single(await _client.GetMembershipsAsync(Ct));
        Assert.Equal((3189L, "THB", 2L), (plan.MembershipId, plan.Currency, plan.MemberCount ?? 0));
        Assert.Equal(3189, Assert.Single(await _client.GetMembershipSubscriptionsAsync(Other, Ct)).Membership.MembershipId);
        Assert.Equal(2, (await _client.GetMembershipSubscriptionsAsync(Other, Ct))[0].User.MembershipNo);
        Assert.Empty(await _client.GetMembershipSubscriptionsAsync("U00000000000000000000000000000000", Ct));
        var members = await _client.GetMembershipUserIdsAsync(3189, limit: 1, cancellationToken: Ct);
        Assert.Equal([User], members.UserIds);
        Assert.Equal([Other], (await _client.GetMembershipUserIdsAsync(3189, members.Next, cancellationToken: Ct)).UserIds);

        var phone = LinePhoneNumber.Hash("081-234-5678");
        Assert.Equal(LinePhoneNumber.Hash("+66812345678"), phone);
        _line.AddPhoneUser(phone);
        await _client.PushByPhoneAsync(phone, [new TextMessage("นัดรับเอกสารพรุ่งนี้ 9 โมงค่ะ")], deliveryTag: "appointment-0001-x", cancellationToken: Ct);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, (await Assert.ThrowsAsync<LineApiException>(
            () => _client.PushByPhoneAsync(LinePhoneNumber.Hash("+66899999999"), [new TextMessage("ไม่มีผู้ใช้")], cancellationToken: Ct))).StatusCode);
        Assert.Equal(("pnp", phone), (_line.Sends[^1].Kind, _line.Sends[^1].To));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);
        Assert.Equal(1, await _client.GetPhoneMessageCountAsync(today, Ct));

        _line.AddFollower(User);
        await _client.PushAsync(User, [new TextMessage("ข่าว")], Guid.NewGuid(), new SendOptions(NotificationDisabled: true, CustomAggregationUnit: "news_dec"), Ct);
        await _client.MulticastAsync([User], [new TextMessage("ข่าว")], Guid.NewGuid(), new SendOptions(CustomAggregationUnit: "news_dec"), Ct);
        await _client.PushAsync(User, [new TextMessage("ประกาศ")], Guid.NewGuid(), new SendOptions(CustomAggregationUnit: "notice"), Ct);
        Assert.Equal(2, await _client.GetAggregationUnitUsageAsync(Ct));
        Assert.Equal(["news_dec", "notice"], (await _client.GetAggregationUnitNamesAsync(cancellationToken: Ct)).Names);
        await Assert.ThrowsAsync<ArgumentException>(() => _client.PushAsync(User, [new TextMessage("ข่าว")], Guid.NewGuid(), new SendOptions(CustomAggregationUnit: "ข่าว"), Ct));
    }

    [Fact]
    public async Task RichMenus_EveryOperation_KeepsTheStandInsMenusLinksAndAliases()
    {
        var menu = new RichMenu(new RichMenuSize(2500, 843), false, "เมนู", "เมนู", [new RichMenuArea(new RichMenuBounds(0, 0, 2500, 843), new MessageAction("ถาม") { Label = "ถาม" })]);
        await _client.ValidateRichMenuAsync(menu, Ct);
        var first = await _client.CreateRichMenuAsync(menu, Ct);
        var second = await _client.CreateRichMenuAsync(menu with { Name = "เมนู 2" }, Ct);
        await _client.UploadRichMenuImageAsync(first, Png, "image/png", Ct);
        await _client.UploadRichMenuImageAsync(second, Png, "image/png", Ct);
        Assert.Equal(Png, (await _client.GetRichMenuImageAsync(first, Ct)).Data);
        Assert.Equal("เมนู 2", (await _client.GetRichMenuAsync(second, Ct))!.Menu.Name);
        Assert.Equal(2, (await _client.GetRichMenuListAsync(Ct)).Count);

        Assert.Null(await _client.GetDefaultRichMenuIdAsync(Ct));
        await _client.SetDefaultRichMenuAsync(first, Ct);
        Assert.Equal(first, await _client.GetDefaultRichMenuIdAsync(Ct));
        await _client.CancelDefaultRichMenuAsync(Ct);
        Assert.Null(await _client.GetDefaultRichMenuIdAsync(Ct));

        await _client.LinkRichMenuToUserAsync(User, first, Ct);
        Assert.Equal(first, await _client.GetRichMenuIdOfUserAsync(User, Ct));
        await _client.UnlinkRichMenuFromUserAsync(User, Ct);
        Assert.Null(await _client.GetRichMenuIdOfUserAsync(User, Ct));
        await _client.LinkRichMenuToUsersAsync(first, [User, Other], Ct);
        Assert.Equal(first, _line.LinkedRichMenuId(Other));
        await _client.UnlinkRichMenuFromUsersAsync([Other], Ct);
        Assert.Null(_line.LinkedRichMenuId(Other));

        await _client.CreateRichMenuAliasAsync("main", first, Ct);
        await _client.UpdateRichMenuAliasAsync("main", second, Ct);
        Assert.Equal(second, (await _client.GetRichMenuAliasAsync("main", Ct))!.RichMenuId);
        Assert.Equal(["main"], (await _client.GetRichMenuAliasListAsync(Ct)).Select(a => a.RichMenuAliasId));
        await _client.DeleteRichMenuAliasAsync("main", Ct);
        Assert.Null(await _client.GetRichMenuAliasAsync("main", Ct));

        RichMenuBatchOperation[] moveToSecond = [RichMenuBatchOperation.Link(first, second)];
        await _client.ValidateRichMenuBatchAsync(moveToSecond, Ct);
        var batch = await _client.RichMenuBatchAsync(moveToSecond, cancellationToken: Ct);
        Assert.Equal("succeeded", (await _client.GetRichMenuBatchProgressAsync(batch!, Ct)).Phase);
        Assert.Equal(second, _line.LinkedRichMenuId(User));

        await _client.DeleteRichMenuAsync(first, Ct);
        Assert.Null(await _client.GetRichMenuAsync(first, Ct));
    }

    [Fact]
    public async Task WebhookEndpoint_SetGetAndTest_PostsASignedEmptyEventListToTheBot()
    {
        _line.ChannelSecret = "tour-secret";
        string? signature = null;
        await using var bot = await StartBotAsync(context =>
        {
            signature = context.Request.Headers["X-Line-Signature"];
            return Task.CompletedTask;
        });

        await _client.SetWebhookEndpointAsync(bot.Url, Ct);
        var info = await _client.GetWebhookEndpointAsync(Ct);
        var result = await _client.TestWebhookEndpointAsync(cancellationToken: Ct);

        Assert.Equal((bot.Url.AbsoluteUri, true), (info.Endpoint, info.Active));
        Assert.Equal((true, 200, "OK"), (result.Success, result.StatusCode, result.Reason));
        Assert.False(string.IsNullOrEmpty(signature));
    }

    [Fact]
    public async Task Coverage_ClientCallsEveryOperationOfMessagingApiYml()
    {
        await Messages_ReplyPushMulticastNarrowcastBroadcast_AreRecorded_AndCountedAndValidated();
        await ProfilesBotQuotaAndContent_AnswerFromTheStandIn();
        await FollowersGroupsRoomsAndLinkTokens_AnswerFromTheStandIn();
        await RichMenus_EveryOperation_KeepsTheStandInsMenusLinksAndAliases();
        await WebhookEndpoint_SetGetAndTest_PostsASignedEmptyEventListToTheBot();
        await CouponsMembershipsPhoneMessagesAndAggregationUnits_AnswerFromTheStandIn();

        var operations = SpecOperations();
        var called = _line.Calls.ToHashSet(StringComparer.Ordinal);
        var covered = operations.Where(o => called.Any(c => o.Pattern.IsMatch(c))).Select(o => o.Name).ToList();
        TestContext.Current.SendDiagnosticMessage($"client covers {covered.Count} of {operations.Count} operations in messaging-api.yml; missing: {string.Join(", ", operations.Select(o => o.Name).Except(covered))}");
        Assert.Equal(73, operations.Count);
        Assert.Equal(operations.Select(o => o.Name), covered);
    }

    private static List<(string Name, Regex Pattern)> SpecOperations()
    {
        var spec = LineOpenApiSchemas.MessagingApiDocument();
        var result = new List<(string, Regex)>();
        foreach (var (path, item) in spec["paths"]!.AsObject())
        {
            foreach (var (method, _) in item!.AsObject().Where(m => m.Key is "get" or "post" or "put" or "delete"))
            {
                var pattern = "^" + method.ToUpperInvariant() + " " + Regex.Replace(Regex.Escape(path), @"\\\{[A-Za-z]+}", "[^/]+") + "$";
                result.Add((method.ToUpperInvariant() + " " + path, new Regex(pattern, RegexOptions.CultureInvariant)));
            }
        }

        return result;
    }

    private static async Task<Bot> StartBotAsync(RequestDelegate webhook)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.MapPost("/webhook", webhook);
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Bot(app, new Uri(new Uri(address), "/webhook"));
    }

    private sealed record Bot(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
