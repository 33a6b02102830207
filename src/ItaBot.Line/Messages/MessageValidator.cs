using System.Globalization;
using System.Text.Json;
using static System.FormattableString;

namespace ItaBot.Line.Messages;

/// <summary>
/// Checks messages against LINE's limits before they are sent, so a too-long Thai label fails in our tests with the
/// field's path instead of as a 400 from LINE that drops the whole reply.
/// </summary>
public static class MessageValidator
{
    // Paths and counts are built with Invariant(...): no culture's digits or separators in them.
    private const string ActionPlacement = nameof(ActionPlacement);
    private const string LabelRequired = nameof(LabelRequired);

    private enum Place
    {
        QuickReply,
        Template,
        ImageCarousel,
        Flex,
        FlexButton,
    }

    /// <summary>Throws <see cref="LineMessageLimitException"/> naming the first limit the request's messages break.</summary>
    public static void Validate(IReadOnlyList<Message> messages) => Validate(messages, sizeFlex: true);

    /// <summary>
    /// As <see cref="Validate(IReadOnlyList{Message})"/> for messages already serialised with <see cref="LineJson.Options"/>
    /// into <paramref name="messagesJsonBytes"/> UTF-8 bytes: every Flex container's JSON is part of that, so when it is
    /// within a bubble's limit no container is serialised again to be sized.
    /// </summary>
    public static void Validate(IReadOnlyList<Message> messages, long messagesJsonBytes) =>
        Validate(messages, sizeFlex: messagesJsonBytes > MessageLimits.FlexBubbleBytes);

    private static void Validate(IReadOnlyList<Message> messages, bool sizeFlex)
    {
        ArgumentNullException.ThrowIfNull(messages);
        CountBetween(Path.Root, "messages", nameof(MessageLimits.MessagesPerRequest), messages.Count, 1, MessageLimits.MessagesPerRequest, "messages");
        for (var i = 0; i < messages.Count; i++)
        {
            ValidateMessage(messages[i], Path.Root.Item("messages", i), sizeFlex);
        }
    }

    private static void ValidateMessage(Message message, Path path, bool sizeFlex)
    {
        switch (message)
        {
            case TextMessage text:
                Units(path, ".text", nameof(MessageLimits.Text), text.Text, MessageLimits.Text);
                break;
            case LocationMessage location:
                Units(path, ".title", nameof(MessageLimits.LocationTitle), location.Title, MessageLimits.LocationTitle);
                Units(path, ".address", nameof(MessageLimits.LocationAddress), location.Address, MessageLimits.LocationAddress);
                break;
            case VideoMessage video:
                Units(path, ".trackingId", nameof(MessageLimits.VideoTrackingId), video.TrackingId, MessageLimits.VideoTrackingId);
                break;
            case TemplateMessage template:
                Units(path, ".altText", nameof(MessageLimits.AltText), template.AltText, MessageLimits.AltText);
                ValidateTemplate(template.Template, path.Field(".template"));
                break;
            case FlexMessage flex:
                Units(path, ".altText", nameof(MessageLimits.AltText), flex.AltText, MessageLimits.AltText);
                ValidateFlex(flex.Contents, path.Field(".contents"), sizeFlex);
                break;
            default:
                break;
        }

        if (message.QuickReply is { } quickReply)
        {
            var items = quickReply.Items ?? [];
            CountBetween(path, ".quickReply.items", nameof(MessageLimits.QuickReplyItems), items.Count, 1, MessageLimits.QuickReplyItems, "items");
            for (var i = 0; i < items.Count; i++)
            {
                ValidateAction(items[i].Action, path.Item(".quickReply.items", i).Field(".action"), Place.QuickReply);
            }
        }

        Units(path, ".sender.name", nameof(MessageLimits.SenderName), message.Sender?.Name, MessageLimits.SenderName);
    }

    private static void ValidateTemplate(Template template, Path path)
    {
        switch (template)
        {
            case ButtonsTemplate buttons:
                Graphemes(path, ".title", nameof(MessageLimits.ButtonsTitleGraphemes), buttons.Title, MessageLimits.ButtonsTitleGraphemes);
                if (buttons.ThumbnailImageUrl is not null || buttons.Title is not null)
                {
                    Graphemes(path, ".text", nameof(MessageLimits.ButtonsTextWithImageOrTitleGraphemes), buttons.Text, MessageLimits.ButtonsTextWithImageOrTitleGraphemes);
                }
                else
                {
                    Graphemes(path, ".text", nameof(MessageLimits.ButtonsTextGraphemes), buttons.Text, MessageLimits.ButtonsTextGraphemes);
                }

                ValidateActions(buttons.Actions, path.Field(".actions"), nameof(MessageLimits.ButtonsActions), 1, MessageLimits.ButtonsActions);
                ValidateOptionalAction(buttons.DefaultAction, path.Field(".defaultAction"), Place.Template);
                break;
            case ConfirmTemplate confirm:
                Graphemes(path, ".text", nameof(MessageLimits.ConfirmTextGraphemes), confirm.Text, MessageLimits.ConfirmTextGraphemes);
                ValidateActions(confirm.Actions, path.Field(".actions"), nameof(MessageLimits.ConfirmActions), MessageLimits.ConfirmActions, MessageLimits.ConfirmActions);
                break;
            case CarouselTemplate carousel:
                var columns = carousel.Columns ?? [];
                CountBetween(path, ".columns", nameof(MessageLimits.CarouselColumns), columns.Count, 1, MessageLimits.CarouselColumns, "columns");
                for (var i = 0; i < columns.Count; i++)
                {
                    ValidateCarouselColumn(columns[i], path.Item(".columns", i));
                }

                break;
            case ImageCarouselTemplate imageCarousel:
                var imageColumns = imageCarousel.Columns ?? [];
                CountBetween(path, ".columns", nameof(MessageLimits.ImageCarouselColumns), imageColumns.Count, 1, MessageLimits.ImageCarouselColumns, "columns");
                for (var i = 0; i < imageColumns.Count; i++)
                {
                    ValidateAction(imageColumns[i].Action, path.Item(".columns", i).Field(".action"), Place.ImageCarousel);
                }

                break;
            default:
                break;
        }
    }

    private static void ValidateCarouselColumn(CarouselColumn column, Path path)
    {
        Graphemes(path, ".title", nameof(MessageLimits.CarouselTitleGraphemes), column.Title, MessageLimits.CarouselTitleGraphemes);
        if (column.ThumbnailImageUrl is not null || column.Title is not null)
        {
            Graphemes(path, ".text", nameof(MessageLimits.CarouselTextWithImageOrTitleGraphemes), column.Text, MessageLimits.CarouselTextWithImageOrTitleGraphemes);
        }
        else
        {
            Graphemes(path, ".text", nameof(MessageLimits.CarouselTextGraphemes), column.Text, MessageLimits.CarouselTextGraphemes);
        }

        ValidateActions(column.Actions, path.Field(".actions"), nameof(MessageLimits.CarouselActions), 1, MessageLimits.CarouselActions);
        ValidateOptionalAction(column.DefaultAction, path.Field(".defaultAction"), Place.Template);
    }

    private static void ValidateActions(IReadOnlyList<Action>? actions, Path path, string limit, int min, int max)
    {
        actions ??= [];
        CountBetween(path, "", limit, actions.Count, min, max, "actions");
        for (var i = 0; i < actions.Count; i++)
        {
            ValidateAction(actions[i], path.Item("", i), Place.Template);
        }
    }

    private static void ValidateFlex(FlexContainer container, Path path, bool sizeFlex)
    {
        switch (container)
        {
            case FlexBubble bubble:
                ValidateBubble(bubble, path, sizeFlex);
                break;
            case FlexCarousel carousel:
                var bubbles = carousel.Contents ?? [];
                CountBetween(path, ".contents", nameof(MessageLimits.FlexCarouselBubbles), bubbles.Count, 1, MessageLimits.FlexCarouselBubbles, "bubbles");
                for (var i = 0; i < bubbles.Count; i++)
                {
                    ValidateBubble(bubbles[i], path.Item(".contents", i), sizeFlex);
                }

                if (sizeFlex)
                {
                    JsonBytes(path, "", nameof(MessageLimits.FlexCarouselBytes), container, MessageLimits.FlexCarouselBytes);
                }

                break;
            default:
                break;
        }
    }

    private static void ValidateBubble(FlexBubble bubble, Path path, bool sizeFlex)
    {
        if (sizeFlex)
        {
            JsonBytes(path, "", nameof(MessageLimits.FlexBubbleBytes), bubble, MessageLimits.FlexBubbleBytes);
        }

        ValidateOptionalComponent(bubble.Header, path.Field(".header"));
        ValidateOptionalComponent(bubble.Hero, path.Field(".hero"));
        ValidateOptionalComponent(bubble.Body, path.Field(".body"));
        ValidateOptionalComponent(bubble.Footer, path.Field(".footer"));
        ValidateOptionalAction(bubble.Action, path.Field(".action"), Place.Flex);
    }

    private static void ValidateOptionalComponent(FlexComponent? component, Path path)
    {
        switch (component)
        {
            case FlexBox box:
                var contents = box.Contents ?? [];
                for (var i = 0; i < contents.Count; i++)
                {
                    ValidateOptionalComponent(contents[i], path.Item(".contents", i));
                }

                ValidateOptionalAction(box.Action, path.Field(".action"), Place.Flex);
                break;
            case FlexButton button:
                ValidateAction(button.Action, path.Field(".action"), Place.FlexButton);
                break;
            case FlexImage image:
                ValidateOptionalAction(image.Action, path.Field(".action"), Place.Flex);
                break;
            case FlexVideo video:
                ValidateOptionalComponent(video.AltContent, path.Field(".altContent"));
                ValidateOptionalAction(video.Action, path.Field(".action"), Place.Flex);
                break;
            case FlexText text:
                ValidateOptionalAction(text.Action, path.Field(".action"), Place.Flex);
                break;
            default:
                break;
        }
    }

    private static void ValidateOptionalAction(Action? action, Path path, Place place)
    {
        if (action is not null)
        {
            ValidateAction(action, path, place);
        }
    }

    private static void ValidateAction(Action? action, Path path, Place place)
    {
        if (action is null)
        {
            throw new LineMessageLimitException(path.ToString(), LabelRequired, "an action is required");
        }

        ValidateLabel(action.Label, path.Field(".label"), place);
        switch (action)
        {
            case PostbackAction postback:
                Units(path, ".data", nameof(MessageLimits.PostbackData), postback.Data, MessageLimits.PostbackData);
                Graphemes(path, ".displayText", nameof(MessageLimits.PostbackDisplayTextGraphemes), postback.DisplayText, MessageLimits.PostbackDisplayTextGraphemes);
                Graphemes(path, ".fillInText", nameof(MessageLimits.PostbackFillInTextGraphemes), postback.FillInText, MessageLimits.PostbackFillInTextGraphemes);
                break;
            case MessageAction message:
                Graphemes(path, ".text", nameof(MessageLimits.MessageActionTextGraphemes), message.Text, MessageLimits.MessageActionTextGraphemes);
                break;
            case UriAction uri:
                Units(path, ".uri", nameof(MessageLimits.Uri), uri.Uri, MessageLimits.Uri);
                Units(path, ".altUri.desktop", nameof(MessageLimits.AltUriDesktop), uri.AltUri?.Desktop, MessageLimits.AltUriDesktop);
                break;
            case DatetimePickerAction picker:
                Units(path, ".data", nameof(MessageLimits.PostbackData), picker.Data, MessageLimits.PostbackData);
                break;
            case ClipboardAction clipboard:
                Units(path, ".clipboardText", nameof(MessageLimits.ClipboardText), clipboard.ClipboardText, MessageLimits.ClipboardText);
                break;
            case CameraAction or CameraRollAction or LocationAction when place != Place.QuickReply:
                throw new LineMessageLimitException(path.ToString(), ActionPlacement, "camera, cameraRoll and location actions work only in quick replies");
            case RichMenuSwitchAction:
                throw new LineMessageLimitException(path.ToString(), ActionPlacement, "a richmenuswitch action works only in rich menus");
            default:
                break;
        }
    }

    private static void ValidateLabel(string? label, Path path, Place place)
    {
        switch (place)
        {
            case Place.QuickReply:
                Required(label, path);
                Graphemes(path, "", nameof(MessageLimits.QuickReplyLabelGraphemes), label, MessageLimits.QuickReplyLabelGraphemes);
                break;
            case Place.Template:
                Graphemes(path, "", nameof(MessageLimits.TemplateActionLabelGraphemes), label, MessageLimits.TemplateActionLabelGraphemes);
                break;
            case Place.ImageCarousel:
                Graphemes(path, "", nameof(MessageLimits.ImageCarouselActionLabelGraphemes), label, MessageLimits.ImageCarouselActionLabelGraphemes);
                break;
            case Place.FlexButton:
                Required(label, path);
                Graphemes(path, "", nameof(MessageLimits.FlexActionLabelGraphemes), label, MessageLimits.FlexActionLabelGraphemes);
                break;
            default:
                Graphemes(path, "", nameof(MessageLimits.FlexActionLabelGraphemes), label, MessageLimits.FlexActionLabelGraphemes);
                break;
        }
    }

    private static void Required(string? label, Path path)
    {
        if (string.IsNullOrEmpty(label))
        {
            throw new LineMessageLimitException(path.ToString(), LabelRequired, "a label is required here");
        }
    }

    private static void Units(Path path, string field, string limit, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            throw new LineMessageLimitException(path.ToString() + field, limit, Invariant($"at most {max} UTF-16 code units (got {value.Length})"));
        }
    }

    private static void Graphemes(Path path, string field, string limit, string? value, int max)
    {
        // A grapheme cluster is at least one UTF-16 unit: a value no longer than the limit in units needs no counting.
        if (value is null || value.Length <= max)
        {
            return;
        }

        var count = new StringInfo(value).LengthInTextElements;
        if (count > max)
        {
            throw new LineMessageLimitException(path.ToString() + field, limit, Invariant($"at most {max} grapheme clusters (got {count})"));
        }
    }

    private static void CountBetween(Path path, string field, string limit, int count, int min, int max, string noun)
    {
        if (count > max || count < min)
        {
            var allowed = min == max ? Invariant($"exactly {max}") : count > max ? Invariant($"at most {max}") : Invariant($"at least {min}");
            throw new LineMessageLimitException(path.ToString() + field, limit, Invariant($"{allowed} {noun} (got {count})"));
        }
    }

    private static void JsonBytes(Path path, string field, string limit, FlexContainer container, int max)
    {
        var bytes = JsonSize.Of(container);
        if (bytes > max)
        {
            throw new LineMessageLimitException(path.ToString() + field, limit, Invariant($"at most {max} bytes of JSON (got {bytes})"));
        }
    }

    /// <summary>
    /// A field's path, spelt out only when a limit is broken: checking a valid message (every answer the bot gives) builds
    /// no path strings, only these small links.
    /// </summary>
    private sealed class Path(Path? parent, string name, int index)
    {
        public static readonly Path Root = new(null, "", -1);

        public Path Field(string field) => new(this, field, -1);

        public Path Item(string field, int at) => new(this, field, at);

        public override string ToString() => (parent?.ToString() ?? "") + name + (index >= 0 ? Invariant($"[{index}]") : "");
    }

    /// <summary>How many bytes of JSON a value serialises to, written into one reused per-thread buffer instead of an array of its own.</summary>
    private sealed class JsonSize : System.Buffers.IBufferWriter<byte>
    {
        [ThreadStatic]
        private static JsonSize? t_current;

        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = LineJson.Options.Encoder, SkipValidation = true };

        private readonly byte[] _buffer = new byte[4096];
        private long _count;

        public static long Of(FlexContainer container)
        {
            var size = t_current ??= new JsonSize();
            size._count = 0;
            using (var writer = new Utf8JsonWriter(size, WriterOptions))
            {
                JsonSerializer.Serialize(writer, container, LineJson.Options);
            }

            return size._count;
        }

        public void Advance(int count) => _count += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => sizeHint <= _buffer.Length ? _buffer : new byte[sizeHint];

        public Span<byte> GetSpan(int sizeHint = 0) => sizeHint <= _buffer.Length ? _buffer : new byte[sizeHint];
    }
}
