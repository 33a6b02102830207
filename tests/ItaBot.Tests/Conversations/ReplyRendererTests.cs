using System.Globalization;
using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Dialogs.Turns;
using ItaBot.Line.Messages;

namespace ItaBot.Tests.Conversations;

public sealed class ReplyRendererTests
{
    private readonly ReplyRenderer _renderer = new([new RawFlexCardRenderer()]);

    [Fact]
    public void Render_ChoicesOnAnEarlierReply_LandOnTheLastMessageOnly()
    {
        var messages = _renderer.Render([Reply.FromText("หนึ่ง", [new Choice("ก", "a")]), "สอง"]);

        Assert.Equal(2, messages.Count);
        Assert.Null(messages[0].QuickReply);
        Assert.Equal("a", Assert.IsType<PostbackAction>(Assert.Single(messages[1].QuickReply!.Items).Action).Data);
    }

    [Fact]
    public void Render_TwentyChoicesWithLongThaiLabels_KeepsThirteenAndLabelsOfTwentyGraphemes()
    {
        var label = "ขอคัดสำเนาทะเบียนบ้านและสูติบัตรย้อนหลังค่ะ";
        var choices = Enumerable.Range(0, 20).Select(i => new Choice($"{label} {i}", $"v{i}")).ToList();

        var messages = _renderer.Render([Reply.FromText("เลือกค่ะ", choices)]);

        var items = Assert.Single(messages).QuickReply!.Items;
        Assert.Equal(13, items.Count);
        Assert.All(items, i => Assert.True(new StringInfo(i.Action.Label!).LengthInTextElements <= 20));
        MessageValidator.Validate(messages);
    }

    [Fact]
    public void Render_EightTexts_MergesIntoAtMostFiveValidMessages()
    {
        var messages = _renderer.Render([.. Enumerable.Range(0, 8).Select(i => (Reply)$"ข้อความที่ {i}")]);

        Assert.True(messages.Count <= 5);
        Assert.Contains("ข้อความที่ 7", ((TextMessage)messages[^1]).Text, StringComparison.Ordinal);
        MessageValidator.Validate(messages);
    }

    [Fact]
    public void Render_TextOverFiveThousand_IsCutAtAGraphemeBoundary()
    {
        var text = string.Concat(Enumerable.Repeat("👍🏽น้ำ", 2000));

        var message = Assert.IsType<TextMessage>(Assert.Single(_renderer.Render([text])));

        Assert.True(message.Text.Length <= 5000);
        Assert.EndsWith("…", message.Text, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(message.Text[^2]));
        MessageValidator.Validate([message]);
    }

    [Fact]
    public void Render_CardWithFlexAndLocation_GivesFlexThenLocation()
    {
        var card = new JsonObject { ["flex"] = JsonNode.Parse("""{"type":"bubble","body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"สำนักงาน"}]}}""") };

        var messages = _renderer.Render([new Reply { Text = "ติดต่อเทศบาล", Card = card, Location = new GeoLocation(15.6, 101.9, "เทศบาลตำบลโนนทอง", "อ.เกษตรสมบูรณ์") }]);

        Assert.IsType<FlexMessage>(messages[0]);
        Assert.Equal("ติดต่อเทศบาล", ((FlexMessage)messages[0]).AltText);
        Assert.IsType<LocationMessage>(messages[1]);
        MessageValidator.Validate(messages);
    }

    [Fact]
    public void Render_OnlyChoices_AddsAShortPromptToCarryThem()
    {
        var messages = _renderer.Render([new Reply { Choices = [new Choice("ใช่")] }]);

        Assert.NotNull(Assert.Single(messages).QuickReply);
    }
}
