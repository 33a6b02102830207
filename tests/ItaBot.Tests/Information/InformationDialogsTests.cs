using ItaBot.Information;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Information;

/// <summary>
/// The information views through the dialog engine with only the slices they use (content pack, Flex cards, the
/// information dialogs) over a real LiteDB file: no host, no HTTP. The pipeline that carries these answers to LINE
/// is tested in Conversations/PipelineTests.
/// </summary>
public sealed class InformationDialogsTests : IAsyncLifetime
{
    private DialogHarness _dialogs = null!;

    public ValueTask InitializeAsync()
    {
        _dialogs = new DialogHarness(b => b.AddInformation());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _dialogs.DisposeAsync();

    [Fact]
    public async Task Contact_MenuTap_RepliesFlexCardLocationAndQuickRepliesOnward()
    {
        var messages = await _dialogs.Chat().TapAsync("menu=contact");

        Assert.Equal(["flex", "location"], LineChat.Types(messages));
        Assert.Equal("bubble", messages[0]!["contents"]!["type"]!.GetValue<string>());
        Assert.Equal(16.2331, messages[1]!["latitude"]!.GetValue<double>());
        Assert.Equal(["บริการ", "ผู้บริหาร", "ข่าวสาร", "เมนู"], LineChat.QuickReplyLabels(messages));
    }

    [Fact]
    public async Task Executives_TapFromContact_RepliesCarouselWithWayOnward()
    {
        var chat = _dialogs.Chat();
        await chat.TapAsync("menu=contact");

        var messages = await chat.TapAsync("info=executives");

        Assert.Equal("carousel", messages[0]!["contents"]!["type"]!.GetValue<string>());
        Assert.Contains("เมนู", LineChat.QuickReplyLabels(messages));
    }

    [Fact]
    public async Task News_MenuTap_RepliesCarouselOfAtMostTwelveBubbles()
    {
        var messages = await _dialogs.Chat().TapAsync("menu=news");

        var bubbles = messages[0]!["contents"]!["contents"]!.AsArray().Count;
        Assert.InRange(bubbles, 1, 12);
        Assert.Contains("เมนู", LineChat.QuickReplyLabels(messages));
    }

    [Fact]
    public async Task Services_UnitsThenTypedNumberThenServiceTap_EndsOnTheServiceCard()
    {
        var chat = _dialogs.Chat();

        var units = await chat.TapAsync("menu=services");
        Assert.Contains("สำนักปลัดเทศบาล", units[0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("สำนักปลัดเทศบาล", LineChat.QuickReplyLabels(units)[0]);

        var list = await chat.SayAsync("1");
        Assert.Equal("flex", list[0]!["type"]!.GetValue<string>());
        Assert.Contains("หน่วยงานอื่น", LineChat.QuickReplyLabels(list));

        var card = await chat.TapAsync("info=service&id=birth-registration");
        Assert.Equal("flex", card[0]!["type"]!.GetValue<string>());
        Assert.Contains("การแจ้งเกิด", card[0]!["altText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["บริการอื่นในหน่วยงาน", "หน่วยงานอื่น", "ติดต่อเรา", "เมนู"], LineChat.QuickReplyLabels(card));
    }

    [Fact]
    public async Task Services_QuickReplyToAnotherMenu_LeavesTheManual()
    {
        var chat = _dialogs.Chat();
        await chat.TapAsync("menu=services");

        var contact = await chat.SayAsync("ติดต่อเรา");

        Assert.Equal(["flex", "location"], LineChat.Types(contact));
    }
}
