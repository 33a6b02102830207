using ItaBot.Line.Messages;
using Action = ItaBot.Line.Messages.Action;

namespace ItaBot.Line.Tests.Messages;

/// <summary>One of each message model, every optional property set, for the contract tests.</summary>
internal static class SampleMessages
{
    public const string Image = "https://example.com/images/road.png";

    public static Sender Sender { get; } = new() { Name = "เทศบาล", IconUrl = "https://example.com/icon.png" };

    public static PostbackAction Postback { get; } = new("action=complaint&category=road")
    {
        Label = "ร้องเรียน",
        DisplayText = "ร้องเรียนถนน",
        InputOption = "openKeyboard",
        FillInText = "ถนนหน้าบ้านเลขที่ ",
    };

    public static MessageAction MessageAction { get; } = new("สวัสดี") { Label = "ทักทาย" };

    public static UriAction Uri { get; } = new("https://example.com/form") { Label = "แบบฟอร์ม" };

    public static UriAction UriWithDesktop { get; } = Uri with { AltUri = new AltUri("https://example.com/form?desktop=1") };

    public static DatetimePickerAction DatetimePicker { get; } = new("action=appointment", DatetimePickerMode.DateTime)
    {
        Label = "เลือกวันเวลา",
        Initial = "2025-06-18T09:00",
        Min = "2025-06-01T08:30",
        Max = "2025-12-31T16:30",
    };

    public static ClipboardAction Clipboard { get; } = new("TH-2025-000123") { Label = "คัดลอกเลขเรื่อง" };

    public static RichMenuSwitchAction RichMenuSwitch { get; } = new("menu-services", "richmenu=services") { Label = "บริการ" };

    /// <summary>Every action type LINE allows in a quick reply.</summary>
    public static IReadOnlyList<Action> QuickReplyActions { get; } =
    [
        Postback,
        MessageAction,
        Uri,
        DatetimePicker,
        new CameraAction { Label = "ถ่ายรูป" },
        new CameraRollAction { Label = "เลือกรูป" },
        new LocationAction { Label = "ส่งตำแหน่ง" },
        Clipboard,
    ];

    public static QuickReply QuickReply { get; } = new(
        [.. QuickReplyActions.Select((a, i) => new QuickReplyItem(a) { ImageUrl = i == 0 ? "https://example.com/q.png" : null })]);

    public static FlexBubble BubbleWithEveryComponent { get; } = new()
    {
        Size = "mega",
        Direction = "ltr",
        Header = new FlexBox(FlexLayout.Horizontal,
        [
            new FlexText("เทศบาลตำบล") { Weight = "bold", Color = "#FFFFFF", Size = "lg" },
            new FlexFiller { Flex = 1 },
            new FlexIcon("https://example.com/badge.png") { Size = "sm", AspectRatio = "1:1", Margin = "md", Position = "relative", OffsetTop = "2px", Scaling = true },
        ])
        {
            Background = new FlexLinearGradient("90deg", "#0B6E4F", "#08A045") { CenterColor = "#0A8A4A", CenterPosition = "50%" },
            PaddingAll = "12px",
        },
        Hero = new FlexVideo(
            "https://example.com/video.mp4",
            "https://example.com/video-preview.jpg",
            new FlexImage(Image) { Size = "full", AspectRatio = "20:13", AspectMode = "cover" })
        {
            AspectRatio = "20:13",
            Action = UriWithDesktop,
        },
        Body = new FlexBox(FlexLayout.Vertical,
        [
            new FlexText(null)
            {
                Contents =
                [
                    new FlexSpan("สถานะ: ") { Weight = "bold" },
                    new FlexSpan("กำลังดำเนินการ") { Color = "#E67E22", Size = "md", Style = "italic", Decoration = "underline" },
                ],
                Wrap = true,
                MaxLines = 3,
                LineSpacing = "4px",
                Align = "start",
                Gravity = "center",
                Flex = 0,
                AdjustMode = "shrink-to-fit",
                Scaling = false,
                Action = MessageAction,
            },
            new FlexSeparator { Margin = "md", Color = "#DDDDDD" },
            new FlexBox(FlexLayout.Baseline,
            [
                new FlexIcon("https://example.com/pin.png"),
                new FlexText("ถนนเทศบาล 3") { Margin = "sm", Decoration = "none" },
            ])
            {
                Spacing = "sm",
                Margin = "lg",
                Position = "relative",
                OffsetTop = "0px",
                OffsetBottom = "0px",
                OffsetStart = "0px",
                OffsetEnd = "0px",
                BackgroundColor = "#F7F7F7",
                BorderColor = "#CCCCCC",
                BorderWidth = "light",
                CornerRadius = "md",
                Width = "100%",
                MaxWidth = "100%",
                Height = "40px",
                MaxHeight = "80px",
                PaddingTop = "xs",
                PaddingBottom = "xs",
                PaddingStart = "md",
                PaddingEnd = "md",
                JustifyContent = "space-between",
                AlignItems = "center",
                Flex = 1,
                Action = Postback,
            },
            new FlexImage(Image)
            {
                Flex = 1,
                Margin = "md",
                Position = "relative",
                Align = "center",
                Gravity = "top",
                Size = "sm",
                AspectRatio = "1:1",
                AspectMode = "fit",
                BackgroundColor = "#FFFFFF",
                Animated = false,
                Action = Uri,
            },
        ]),
        Footer = new FlexBox(FlexLayout.Vertical,
        [
            new FlexButton(Postback with { Label = "ติดตามเรื่องร้องเรียน" })
            {
                Style = "primary",
                Color = "#0B6E4F",
                Height = "sm",
                Gravity = "center",
                Margin = "sm",
                Flex = 1,
                AdjustMode = "shrink-to-fit",
                Scaling = true,
            },
            new FlexButton(DatetimePicker) { Style = "link" },
        ]),
        Styles = new FlexBubbleStyles
        {
            Header = new FlexBlockStyle { BackgroundColor = "#0B6E4F" },
            Hero = new FlexBlockStyle { Separator = false },
            Body = new FlexBlockStyle { Separator = true, SeparatorColor = "#EEEEEE" },
            Footer = new FlexBlockStyle { BackgroundColor = "#FAFAFA" },
        },
        Action = Uri,
    };

    public static FlexBubble SmallBubble(string text) => new()
    {
        Size = "kilo",
        Body = new FlexBox(FlexLayout.Vertical, [new FlexText(text) { Wrap = true }]),
        Footer = new FlexBox(FlexLayout.Vertical, [new FlexButton(MessageAction) { Style = "secondary" }]),
    };

    /// <summary>Named so that a failing theory row says which model broke the contract.</summary>
    public static IReadOnlyDictionary<string, Message> All { get; } = new Dictionary<string, Message>(StringComparer.Ordinal)
    {
        ["text"] = new TextMessage("แจ้ง $ ไฟดับ") { Emojis = [new TextEmoji(5, "5ac1bfd5040ab15980c9b435", "001")], QuoteToken = "q3Plxr4AgKd..." },
        ["text with quick reply of every action and sender"] = new TextMessage("เลือกเรื่องที่ต้องการ") { QuickReply = QuickReply, Sender = Sender },
        ["sticker"] = new StickerMessage("446", "1988") { QuoteToken = "q3Plxr4AgKd..." },
        ["image"] = new ImageMessage(Image, "https://example.com/images/road-preview.png"),
        ["video"] = new VideoMessage("https://example.com/video.mp4", "https://example.com/video-preview.jpg") { TrackingId = "complaint-123" },
        ["audio"] = new AudioMessage("https://example.com/audio.m4a", 60_000),
        ["location"] = new LocationMessage("สำนักงานเทศบาล", "99 ถนนเทศบาล 3", 13.7563, 100.5018),
        ["template buttons"] = new TemplateMessage("เมนูบริการ", new ButtonsTemplate("เลือกบริการ", [Postback, MessageAction, Uri, DatetimePicker])
        {
            ThumbnailImageUrl = Image,
            ImageAspectRatio = "rectangle",
            ImageSize = "cover",
            ImageBackgroundColor = "#FFFFFF",
            Title = "บริการประชาชน",
            DefaultAction = Uri,
        }),
        ["template confirm"] = new TemplateMessage("ยืนยัน", new ConfirmTemplate("ยืนยันการส่งเรื่อง?", [
            new PostbackAction("confirm=yes") { Label = "ยืนยัน" },
            new PostbackAction("confirm=no") { Label = "ยกเลิก" },
        ])),
        ["template carousel"] = new TemplateMessage("หมวดเรื่อง", new CarouselTemplate(
        [
            new CarouselColumn("ไฟฟ้า ประปา", [Postback, MessageAction]) { ThumbnailImageUrl = Image, ImageBackgroundColor = "#000000", Title = "สาธารณูปโภค", DefaultAction = Uri },
            new CarouselColumn("ขยะ น้ำเสีย", [Postback, Clipboard]) { ThumbnailImageUrl = Image, Title = "สิ่งแวดล้อม" },
        ])
        {
            ImageAspectRatio = "square",
            ImageSize = "contain",
        }),
        ["template image_carousel"] = new TemplateMessage("รูปภาพ", new ImageCarouselTemplate(
        [
            new ImageCarouselColumn(Image, new UriAction("https://example.com/a") { Label = "ดูรายละเอียด" }),
            new ImageCarouselColumn(Image, Postback with { Label = "เลือก" }),
        ])),
        ["flex bubble with every component"] = new FlexMessage("สถานะเรื่อง", BubbleWithEveryComponent) { Sender = Sender },
        ["flex carousel"] = new FlexMessage("ข่าวสาร", new FlexCarousel([SmallBubble("ข่าว 1"), SmallBubble("ข่าว 2")])),
    };
}
