using System.Globalization;
using System.Text.Json;
using ItaBot.Line.Messages;
using Xunit;
using Action = ItaBot.Line.Messages.Action;

namespace ItaBot.Line.Tests.Messages;

public sealed class MessageValidatorTests
{
    // "ก่" is one grapheme cluster and two UTF-16 units, so each boundary below also proves which unit is counted:
    // a grapheme field at its limit is twice as long in UTF-16, a UTF-16 field at its limit half as long in graphemes.
    private const string ThaiGrapheme = "ก่";

    /// <summary>Each limit: how to build a request whose measured field is <c>n</c> long, the limit, and where it is.</summary>
    private sealed record LimitCase(int Limit, string Property, Func<int, IReadOnlyList<Message>> Build);

    private static readonly Dictionary<string, LimitCase> Cases = new(StringComparer.Ordinal)
    {
        ["MessagesPerRequest"] = new(5, "messages", n => [.. Enumerable.Repeat<Message>(new TextMessage("สวัสดี"), n)]),
        ["QuickReplyItems"] = new(13, "messages[0].quickReply.items", n => [WithQuickReply(n, _ => new MessageAction("ใช่") { Label = "ใช่" })]),
        ["QuickReplyLabelGraphemes"] = new(20, "messages[0].quickReply.items[0].action.label", n => [WithQuickReply(1, _ => new MessageAction("ใช่") { Label = Graphemes(n) })]),
        ["SenderName"] = new(20, "messages[0].sender.name", n => [new TextMessage("สวัสดี") { Sender = new Sender { Name = Units(n) } }]),
        ["Text"] = new(5000, "messages[0].text", n => [new TextMessage(Units(n))]),
        ["AltText"] = new(1500, "messages[0].altText", n => [new FlexMessage(Units(n), SampleMessages.SmallBubble("ข่าว"))]),
        ["LocationTitle"] = new(100, "messages[0].title", n => [new LocationMessage(Units(n), "ที่อยู่", 13.75, 100.5)]),
        ["LocationAddress"] = new(100, "messages[0].address", n => [new LocationMessage("สำนักงาน", Units(n), 13.75, 100.5)]),
        ["VideoTrackingId"] = new(100, "messages[0].trackingId", n => [new VideoMessage(SampleMessages.Image, SampleMessages.Image) { TrackingId = Ascii(n) }]),
        ["PostbackData"] = new(300, "messages[0].quickReply.items[0].action.data", n => [WithQuickReply(1, _ => new PostbackAction(Units(n)) { Label = "ส่ง" })]),
        ["PostbackDisplayTextGraphemes"] = new(300, "messages[0].quickReply.items[0].action.displayText", n => [WithQuickReply(1, _ => new PostbackAction("a=1") { Label = "ส่ง", DisplayText = Graphemes(n) })]),
        ["PostbackFillInTextGraphemes"] = new(300, "messages[0].quickReply.items[0].action.fillInText", n => [WithQuickReply(1, _ => new PostbackAction("a=1") { Label = "ส่ง", InputOption = "openKeyboard", FillInText = Graphemes(n) })]),
        ["MessageActionTextGraphemes"] = new(300, "messages[0].quickReply.items[0].action.text", n => [WithQuickReply(1, _ => new MessageAction(Graphemes(n)) { Label = "ส่ง" })]),
        ["Uri"] = new(1000, "messages[0].quickReply.items[0].action.uri", n => [WithQuickReply(1, _ => new UriAction(Url(n)) { Label = "เปิด" })]),
        ["AltUriDesktop"] = new(1000, "messages[0].contents.footer.contents[0].action.altUri.desktop", n => [Flex(new FlexButton(new UriAction("https://example.com") { Label = "เปิด", AltUri = new AltUri(Url(n)) }))]),
        ["ClipboardText"] = new(1000, "messages[0].quickReply.items[0].action.clipboardText", n => [WithQuickReply(1, _ => new ClipboardAction(Units(n)) { Label = "คัดลอก" })]),
        ["DatetimePickerData"] = new(300, "messages[0].quickReply.items[0].action.data", n => [WithQuickReply(1, _ => new DatetimePickerAction(Units(n), DatetimePickerMode.Date) { Label = "วันที่" })]),
        ["TemplateActionLabelGraphemes"] = new(20, "messages[0].template.actions[0].label", n => [Buttons(new ButtonsTemplate("เลือก", [new MessageAction("ใช่") { Label = Graphemes(n) }]))]),
        ["ImageCarouselActionLabelGraphemes"] = new(12, "messages[0].template.columns[0].action.label", n => [new TemplateMessage("รูป", new ImageCarouselTemplate([new ImageCarouselColumn(SampleMessages.Image, new MessageAction("ใช่") { Label = Graphemes(n) })]))]),
        ["FlexActionLabelGraphemes"] = new(40, "messages[0].contents.footer.contents[0].action.label", n => [Flex(new FlexButton(new MessageAction("ใช่") { Label = Graphemes(n) }))]),
        ["ButtonsTitleGraphemes"] = new(40, "messages[0].template.title", n => [Buttons(new ButtonsTemplate("เลือก", [SampleMessages.MessageAction]) { Title = Graphemes(n) })]),
        ["ButtonsTextGraphemes"] = new(160, "messages[0].template.text", n => [Buttons(new ButtonsTemplate(Graphemes(n), [SampleMessages.MessageAction]))]),
        ["ButtonsTextWithImageOrTitleGraphemes"] = new(60, "messages[0].template.text", n => [Buttons(new ButtonsTemplate(Graphemes(n), [SampleMessages.MessageAction]) { ThumbnailImageUrl = SampleMessages.Image })]),
        ["ButtonsActions"] = new(4, "messages[0].template.actions", n => [Buttons(new ButtonsTemplate("เลือก", [.. Enumerable.Repeat<Action>(SampleMessages.MessageAction, n)]))]),
        ["ConfirmTextGraphemes"] = new(240, "messages[0].template.text", n => [Buttons(new ConfirmTemplate(Graphemes(n), [SampleMessages.MessageAction, SampleMessages.MessageAction]))]),
        ["ConfirmActions"] = new(2, "messages[0].template.actions", n => [Buttons(new ConfirmTemplate("แน่ใจ?", [.. Enumerable.Repeat<Action>(SampleMessages.MessageAction, n)]))]),
        ["CarouselColumns"] = new(10, "messages[0].template.columns", n => [Carousel(Enumerable.Repeat(new CarouselColumn("ข้อความ", [SampleMessages.MessageAction]), n))]),
        ["CarouselTitleGraphemes"] = new(40, "messages[0].template.columns[0].title", n => [Carousel([new CarouselColumn("ข้อความ", [SampleMessages.MessageAction]) { Title = Graphemes(n) }])]),
        ["CarouselTextGraphemes"] = new(120, "messages[0].template.columns[0].text", n => [Carousel([new CarouselColumn(Graphemes(n), [SampleMessages.MessageAction])])]),
        ["CarouselTextWithImageOrTitleGraphemes"] = new(60, "messages[0].template.columns[0].text", n => [Carousel([new CarouselColumn(Graphemes(n), [SampleMessages.MessageAction]) { Title = "หัวข้อ" }])]),
        ["CarouselActions"] = new(3, "messages[0].template.columns[0].actions", n => [Carousel([new CarouselColumn("ข้อความ", [.. Enumerable.Repeat<Action>(SampleMessages.MessageAction, n)])])]),
        ["ImageCarouselColumns"] = new(10, "messages[0].template.columns", n => [new TemplateMessage("รูป", new ImageCarouselTemplate([.. Enumerable.Repeat(new ImageCarouselColumn(SampleMessages.Image, SampleMessages.MessageAction), n)]))]),
        ["FlexBubbleBytes"] = new(30_000, "messages[0].contents", n => [new FlexMessage("ข่าว", BubbleOfBytes(n))]),
        ["FlexCarouselBytes"] = new(50_000, "messages[0].contents", n => [new FlexMessage("ข่าว", CarouselOfBytes(n))]),
        ["FlexCarouselBubbles"] = new(12, "messages[0].contents.contents", n => [new FlexMessage("ข่าว", new FlexCarousel([.. Enumerable.Repeat(SampleMessages.SmallBubble("ข่าว"), n)]))]),
    };

    public static TheoryData<string> LimitNames { get; } = [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(LimitNames))]
    public void Validate_FieldExactlyAtLimit_Passes(string limit)
    {
        var @case = Cases[limit];

        MessageValidator.Validate(@case.Build(@case.Limit));
    }

    [Theory]
    [MemberData(nameof(LimitNames))]
    public void Validate_FieldOneOverLimit_ThrowsNamingTheLimit(string limit)
    {
        var @case = Cases[limit];

        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate(@case.Build(@case.Limit + 1)));

        // DatetimePickerData shares the postback data rule: same limit, same name.
        Assert.Equal(limit == "DatetimePickerData" ? "PostbackData" : limit, ex.Limit);
        Assert.Equal(@case.Property, ex.Property);
        Assert.StartsWith($"{@case.Property}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $" {@case.Limit} "), ex.Message, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(got {@case.Limit + 1})"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FourteenQuickReplyItems_MessageReadsAsLineStyleLimit()
    {
        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate(Cases["QuickReplyItems"].Build(14)));

        Assert.StartsWith("messages[0].quickReply.items: at most 13 items (got 14)", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Fact]
    public void Validate_ThaiQuickReplyLabelOf24Utf16UnitsAnd15Graphemes_Passes()
    {
        const string label = "ร้องเรียนทั่วไปที่นี่ค่ะ";
        Assert.Equal(24, label.Length);
        Assert.Equal(15, new StringInfo(label).LengthInTextElements);

        MessageValidator.Validate([WithQuickReply(1, _ => new PostbackAction("menu=complaint") { Label = label })]);
    }

    [Fact]
    public void Validate_ThaiQuickReplyLabelOf21Graphemes_ThrowsCountingGraphemes()
    {
        var label = "ร้องเรียนทั่วไปที่นี่ค่ะ" + string.Concat(Enumerable.Repeat(ThaiGrapheme, 6));

        var ex = Assert.Throws<LineMessageLimitException>(() =>
            MessageValidator.Validate([WithQuickReply(1, _ => new PostbackAction("menu=complaint") { Label = label })]));

        Assert.Equal("QuickReplyLabelGraphemes", ex.Limit);
        Assert.Contains("at most 20 grapheme clusters (got 21)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoMessages_ThrowsAtLeastOne()
    {
        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate([]));

        Assert.Equal("MessagesPerRequest", ex.Limit);
        Assert.Contains("at least 1 messages (got 0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConfirmWithOneAction_ThrowsExactlyTwo()
    {
        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate(Cases["ConfirmActions"].Build(1)));

        Assert.Equal("ConfirmActions", ex.Limit);
        Assert.Contains("exactly 2 actions (got 1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ButtonsTextOf61GraphemesWithTitle_ThrowsShorterLimit()
    {
        var message = Buttons(new ButtonsTemplate(Graphemes(61), [SampleMessages.MessageAction]) { Title = "บริการ" });

        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate([message]));

        Assert.Equal("ButtonsTextWithImageOrTitleGraphemes", ex.Limit);
    }

    [Fact]
    public void Validate_CarouselTextOf61GraphemesWithImage_ThrowsShorterLimit()
    {
        var message = Carousel([new CarouselColumn(Graphemes(61), [SampleMessages.MessageAction]) { ThumbnailImageUrl = SampleMessages.Image }]);

        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate([message]));

        Assert.Equal("CarouselTextWithImageOrTitleGraphemes", ex.Limit);
    }

    [Fact]
    public void Validate_FlexBubbleOfThaiText_CountsUtf8BytesNotChars()
    {
        // 10,000 Thai letters are 10,000 UTF-16 units but 30,000 UTF-8 bytes: over the bubble limit.
        var bubble = SampleMessages.SmallBubble(new string('ก', 10_000));

        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate([new FlexMessage("ข่าว", bubble)]));

        Assert.Equal("FlexBubbleBytes", ex.Limit);
    }

    [Fact]
    public void Validate_OneBubbleOverLimitInsideCarousel_NamesThatBubble()
    {
        var carousel = new FlexCarousel([SampleMessages.SmallBubble("ข่าว"), BubbleOfBytes(30_001)]);

        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate([new FlexMessage("ข่าว", carousel)]));

        Assert.Equal("FlexBubbleBytes", ex.Limit);
        Assert.Equal("messages[0].contents.contents[1]", ex.Property);
    }

    [Theory]
    [InlineData(30_000, false)]
    [InlineData(30_001, true)]
    public void Validate_WithTheRequestsJsonSize_SizesFlexOnlyWhenTheWholeRequestIsOverABubblesLimit(int bubbleBytes, bool breaks)
    {
        IReadOnlyList<Message> messages = [new TextMessage("สวัสดี"), new FlexMessage("ข่าว", new FlexCarousel([SampleMessages.SmallBubble("ข่าว"), BubbleOfBytes(bubbleBytes)]))];
        var json = JsonSerializer.Serialize(messages, LineJson.Options);

        var ex = Record.Exception(() => MessageValidator.Validate(messages, System.Text.Encoding.UTF8.GetByteCount(json)));

        // The request's JSON holds every bubble's JSON: a bubble over its limit makes the whole larger than that limit too.
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(json) > bubbleBytes);
        Assert.Equal(breaks, ex is LineMessageLimitException { Limit: "FlexBubbleBytes", Property: "messages[1].contents.contents[1]" });
        Assert.Equal(breaks, ex is not null);
    }

    [Fact]
    public void Validate_LabelDeepInsideFlexBody_NamesItsPath()
    {
        var bubble = SampleMessages.BubbleWithEveryComponent with
        {
            Body = new FlexBox(FlexLayout.Vertical,
            [
                new FlexText("หัวข้อ"),
                new FlexBox(FlexLayout.Horizontal, [new FlexImage(SampleMessages.Image) { Action = new UriAction("https://example.com") { Label = Graphemes(41) } }]),
            ]),
        };

        var ex = Assert.Throws<LineMessageLimitException>(() => MessageValidator.Validate([new FlexMessage("ข่าว", bubble)]));

        Assert.Equal("messages[0].contents.body.contents[1].contents[0].action.label", ex.Property);
        Assert.Equal("FlexActionLabelGraphemes", ex.Limit);
    }

    [Fact]
    public void Validate_QuickReplyItemWithoutLabel_ThrowsLabelRequired()
    {
        var ex = Assert.Throws<LineMessageLimitException>(() =>
            MessageValidator.Validate([WithQuickReply(1, _ => new CameraAction())]));

        Assert.Equal("LabelRequired", ex.Limit);
        Assert.Equal("messages[0].quickReply.items[0].action.label", ex.Property);
    }

    [Fact]
    public void Validate_FlexButtonWithoutLabel_ThrowsLabelRequired()
    {
        var ex = Assert.Throws<LineMessageLimitException>(() =>
            MessageValidator.Validate([Flex(new FlexButton(new MessageAction("ใช่")))]));

        Assert.Equal("LabelRequired", ex.Limit);
    }

    [Fact]
    public void Validate_CameraActionInButtonsTemplate_ThrowsActionPlacement()
    {
        var ex = Assert.Throws<LineMessageLimitException>(() =>
            MessageValidator.Validate([Buttons(new ButtonsTemplate("ส่งรูป", [new CameraAction { Label = "ถ่ายรูป" }]))]));

        Assert.Equal("ActionPlacement", ex.Limit);
        Assert.Equal("messages[0].template.actions[0]", ex.Property);
    }

    [Fact]
    public void Validate_RichMenuSwitchInQuickReply_ThrowsActionPlacement()
    {
        var ex = Assert.Throws<LineMessageLimitException>(() =>
            MessageValidator.Validate([WithQuickReply(1, _ => SampleMessages.RichMenuSwitch)]));

        Assert.Equal("ActionPlacement", ex.Limit);
    }

    [Fact]
    public void Validate_EveryContractSample_Passes()
    {
        foreach (var message in SampleMessages.All.Values)
        {
            MessageValidator.Validate([message]);
        }
    }

    private static string Graphemes(int n) => string.Concat(Enumerable.Repeat(ThaiGrapheme, n));

    /// <summary>n UTF-16 units, about n/2 grapheme clusters.</summary>
    private static string Units(int n) => Graphemes(n / 2) + (n % 2 == 1 ? "ก" : "");

    private static string Ascii(int n) => new('a', n);

    private static string Url(int n)
    {
        const string prefix = "https://example.com/";
        return prefix + Ascii(n - prefix.Length);
    }

    private static TextMessage WithQuickReply(int items, Func<int, Action> action) =>
        new("เลือก") { QuickReply = new QuickReply([.. Enumerable.Range(0, items).Select(i => new QuickReplyItem(action(i)))]) };

    private static TemplateMessage Buttons(Template template) => new("เมนู", template);

    private static TemplateMessage Carousel(IEnumerable<CarouselColumn> columns) => new("เมนู", new CarouselTemplate([.. columns]));

    private static FlexMessage Flex(FlexButton button) => new("ข่าว", new FlexBubble
    {
        Body = new FlexBox(FlexLayout.Vertical, [new FlexText("ข่าว")]),
        Footer = new FlexBox(FlexLayout.Vertical, [button]),
    });

    private static int JsonBytes(FlexContainer container) => JsonSerializer.SerializeToUtf8Bytes(container, LineJson.Options).Length;

    /// <summary>A bubble whose JSON is exactly <paramref name="bytes"/> UTF-8 bytes (ASCII padding, one byte per char).</summary>
    private static FlexBubble BubbleOfBytes(int bytes)
    {
        var overhead = JsonBytes(SampleMessages.SmallBubble(""));
        var bubble = SampleMessages.SmallBubble(Ascii(bytes - overhead));
        Assert.Equal(bytes, JsonBytes(bubble));
        return bubble;
    }

    /// <summary>A carousel of exactly <paramref name="bytes"/> bytes of JSON, each bubble under the bubble limit.</summary>
    private static FlexCarousel CarouselOfBytes(int bytes)
    {
        var full = BubbleOfBytes(25_000);
        var overhead = JsonBytes(new FlexCarousel([full, SampleMessages.SmallBubble("")]));
        var carousel = new FlexCarousel([full, SampleMessages.SmallBubble(Ascii(bytes - overhead))]);
        Assert.Equal(bytes, JsonBytes(carousel));
        return carousel;
    }
}
