using System.Text.Json;
using ItaBot.Simulator;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Information;

/// <summary>The information views through the whole service: webhook in, LINE messages out at the stand-in.</summary>
public sealed class InformationDialogsTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    private async Task<JsonElement> SendAsync(ServiceHost host, string body)
    {
        var before = _line.Counts.Replies;
        await host.PostWebhookAsync(body);
        await _line.WaitUntilAsync(l => l.Counts.Replies > before, TimeSpan.FromSeconds(10));
        return JsonDocument.Parse(_line.Sends[^1].MessagesJson).RootElement.Clone();
    }

    private static string[] QuickReplyLabels(JsonElement messages) =>
        [.. messages[messages.GetArrayLength() - 1].GetProperty("quickReply").GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("action").GetProperty("label").GetString()!)];

    private static string[] Types(JsonElement messages) => [.. messages.EnumerateArray().Select(m => m.GetProperty("type").GetString()!)];

    [Fact]
    public async Task Contact_MenuTap_RepliesFlexCardLocationAndQuickRepliesOnward()
    {
        await using var host = new ServiceHost(_line);

        var messages = await SendAsync(host, Events.Body(Events.Postback(Events.NewUserId(), "menu=contact")));

        Assert.Equal(["flex", "location"], Types(messages));
        Assert.Equal("bubble", messages[0].GetProperty("contents").GetProperty("type").GetString());
        Assert.Equal(16.2331, messages[1].GetProperty("latitude").GetDouble());
        Assert.Equal(["บริการ", "ผู้บริหาร", "ข่าวสาร", "เมนู"], QuickReplyLabels(messages));
    }

    [Fact]
    public async Task Executives_TapFromContact_RepliesCarouselWithWayOnward()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();
        await SendAsync(host, Events.Body(Events.Postback(user, "menu=contact")));

        var messages = await SendAsync(host, Events.Body(Events.Postback(user, "info=executives")));

        Assert.Equal("carousel", messages[0].GetProperty("contents").GetProperty("type").GetString());
        Assert.Contains("เมนู", QuickReplyLabels(messages));
    }

    [Fact]
    public async Task News_MenuTap_RepliesCarouselOfAtMostTwelveBubbles()
    {
        await using var host = new ServiceHost(_line);

        var messages = await SendAsync(host, Events.Body(Events.Postback(Events.NewUserId(), "menu=news")));

        var bubbles = messages[0].GetProperty("contents").GetProperty("contents").GetArrayLength();
        Assert.InRange(bubbles, 1, 12);
        Assert.Contains("เมนู", QuickReplyLabels(messages));
    }

    [Fact]
    public async Task Services_UnitsThenTypedNumberThenServiceTap_EndsOnTheServiceCard()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();

        var units = await SendAsync(host, Events.Body(Events.Postback(user, "menu=services")));
        Assert.Contains("สำนักปลัดเทศบาล", units[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("สำนักปลัดเทศบาล", QuickReplyLabels(units)[0]);

        var list = await SendAsync(host, Events.Body(Events.Text(user, "1")));
        Assert.Equal("flex", list[0].GetProperty("type").GetString());
        Assert.Contains("หน่วยงานอื่น", QuickReplyLabels(list));

        var card = await SendAsync(host, Events.Body(Events.Postback(user, "info=service&id=birth-registration")));
        Assert.Equal("flex", card[0].GetProperty("type").GetString());
        Assert.Contains("การแจ้งเกิด", card[0].GetProperty("altText").GetString(), StringComparison.Ordinal);
        Assert.Equal(["บริการอื่นในหน่วยงาน", "หน่วยงานอื่น", "ติดต่อเรา", "เมนู"], QuickReplyLabels(card));
    }

    [Fact]
    public async Task Services_QuickReplyToAnotherMenu_LeavesTheManual()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();
        await SendAsync(host, Events.Body(Events.Postback(user, "menu=services")));

        var contact = await SendAsync(host, Events.Body(Events.Text(user, "ติดต่อเรา")));

        Assert.Equal(["flex", "location"], Types(contact));
    }
}
