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
    public static void Validate(IReadOnlyList<Message> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        CountBetween("messages", nameof(MessageLimits.MessagesPerRequest), messages.Count, 1, MessageLimits.MessagesPerRequest, "messages");
        for (var i = 0; i < messages.Count; i++)
        {
            ValidateMessage(messages[i], Invariant($"messages[{i}]"));
        }
    }

    private static void ValidateMessage(Message message, string path)
    {
        switch (message)
        {
            case TextMessage text:
                Units(path + ".text", nameof(MessageLimits.Text), text.Text, MessageLimits.Text);
                break;
            case LocationMessage location:
                Units(path + ".title", nameof(MessageLimits.LocationTitle), location.Title, MessageLimits.LocationTitle);
                Units(path + ".address", nameof(MessageLimits.LocationAddress), location.Address, MessageLimits.LocationAddress);
                break;
            case VideoMessage video:
                Units(path + ".trackingId", nameof(MessageLimits.VideoTrackingId), video.TrackingId, MessageLimits.VideoTrackingId);
                break;
            case TemplateMessage template:
                Units(path + ".altText", nameof(MessageLimits.AltText), template.AltText, MessageLimits.AltText);
                ValidateTemplate(template.Template, path + ".template");
                break;
            case FlexMessage flex:
                Units(path + ".altText", nameof(MessageLimits.AltText), flex.AltText, MessageLimits.AltText);
                ValidateFlex(flex.Contents, path + ".contents");
                break;
            default:
                break;
        }

        if (message.QuickReply is { } quickReply)
        {
            var items = quickReply.Items ?? [];
            CountBetween(path + ".quickReply.items", nameof(MessageLimits.QuickReplyItems), items.Count, 1, MessageLimits.QuickReplyItems, "items");
            for (var i = 0; i < items.Count; i++)
            {
                ValidateAction(items[i].Action, Invariant($"{path}.quickReply.items[{i}].action"), Place.QuickReply);
            }
        }

        Units(path + ".sender.name", nameof(MessageLimits.SenderName), message.Sender?.Name, MessageLimits.SenderName);
    }

    private static void ValidateTemplate(Template template, string path)
    {
        switch (template)
        {
            case ButtonsTemplate buttons:
                Graphemes(path + ".title", nameof(MessageLimits.ButtonsTitleGraphemes), buttons.Title, MessageLimits.ButtonsTitleGraphemes);
                if (buttons.ThumbnailImageUrl is not null || buttons.Title is not null)
                {
                    Graphemes(path + ".text", nameof(MessageLimits.ButtonsTextWithImageOrTitleGraphemes), buttons.Text, MessageLimits.ButtonsTextWithImageOrTitleGraphemes);
                }
                else
                {
                    Graphemes(path + ".text", nameof(MessageLimits.ButtonsTextGraphemes), buttons.Text, MessageLimits.ButtonsTextGraphemes);
                }

                ValidateActions(buttons.Actions, path + ".actions", nameof(MessageLimits.ButtonsActions), 1, MessageLimits.ButtonsActions);
                ValidateOptionalAction(buttons.DefaultAction, path + ".defaultAction", Place.Template);
                break;
            case ConfirmTemplate confirm:
                Graphemes(path + ".text", nameof(MessageLimits.ConfirmTextGraphemes), confirm.Text, MessageLimits.ConfirmTextGraphemes);
                ValidateActions(confirm.Actions, path + ".actions", nameof(MessageLimits.ConfirmActions), MessageLimits.ConfirmActions, MessageLimits.ConfirmActions);
                break;
            case CarouselTemplate carousel:
                var columns = carousel.Columns ?? [];
                CountBetween(path + ".columns", nameof(MessageLimits.CarouselColumns), columns.Count, 1, MessageLimits.CarouselColumns, "columns");
                for (var i = 0; i < columns.Count; i++)
                {
                    ValidateCarouselColumn(columns[i], Invariant($"{path}.columns[{i}]"));
                }

                break;
            case ImageCarouselTemplate imageCarousel:
                var imageColumns = imageCarousel.Columns ?? [];
                CountBetween(path + ".columns", nameof(MessageLimits.ImageCarouselColumns), imageColumns.Count, 1, MessageLimits.ImageCarouselColumns, "columns");
                for (var i = 0; i < imageColumns.Count; i++)
                {
                    ValidateAction(imageColumns[i].Action, Invariant($"{path}.columns[{i}].action"), Place.ImageCarousel);
                }

                break;
            default:
                break;
        }
    }

    private static void ValidateCarouselColumn(CarouselColumn column, string path)
    {
        Graphemes(path + ".title", nameof(MessageLimits.CarouselTitleGraphemes), column.Title, MessageLimits.CarouselTitleGraphemes);
        if (column.ThumbnailImageUrl is not null || column.Title is not null)
        {
            Graphemes(path + ".text", nameof(MessageLimits.CarouselTextWithImageOrTitleGraphemes), column.Text, MessageLimits.CarouselTextWithImageOrTitleGraphemes);
        }
        else
        {
            Graphemes(path + ".text", nameof(MessageLimits.CarouselTextGraphemes), column.Text, MessageLimits.CarouselTextGraphemes);
        }

        ValidateActions(column.Actions, path + ".actions", nameof(MessageLimits.CarouselActions), 1, MessageLimits.CarouselActions);
        ValidateOptionalAction(column.DefaultAction, path + ".defaultAction", Place.Template);
    }

    private static void ValidateActions(IReadOnlyList<Action>? actions, string path, string limit, int min, int max)
    {
        actions ??= [];
        CountBetween(path, limit, actions.Count, min, max, "actions");
        for (var i = 0; i < actions.Count; i++)
        {
            ValidateAction(actions[i], Invariant($"{path}[{i}]"), Place.Template);
        }
    }

    private static void ValidateFlex(FlexContainer container, string path)
    {
        switch (container)
        {
            case FlexBubble bubble:
                ValidateBubble(bubble, path);
                break;
            case FlexCarousel carousel:
                var bubbles = carousel.Contents ?? [];
                CountBetween(path + ".contents", nameof(MessageLimits.FlexCarouselBubbles), bubbles.Count, 1, MessageLimits.FlexCarouselBubbles, "bubbles");
                for (var i = 0; i < bubbles.Count; i++)
                {
                    ValidateBubble(bubbles[i], Invariant($"{path}.contents[{i}]"));
                }

                JsonBytes(path, nameof(MessageLimits.FlexCarouselBytes), container, MessageLimits.FlexCarouselBytes);
                break;
            default:
                break;
        }
    }

    private static void ValidateBubble(FlexBubble bubble, string path)
    {
        JsonBytes(path, nameof(MessageLimits.FlexBubbleBytes), bubble, MessageLimits.FlexBubbleBytes);
        ValidateOptionalComponent(bubble.Header, path + ".header");
        ValidateOptionalComponent(bubble.Hero, path + ".hero");
        ValidateOptionalComponent(bubble.Body, path + ".body");
        ValidateOptionalComponent(bubble.Footer, path + ".footer");
        ValidateOptionalAction(bubble.Action, path + ".action", Place.Flex);
    }

    private static void ValidateOptionalComponent(FlexComponent? component, string path)
    {
        switch (component)
        {
            case FlexBox box:
                var contents = box.Contents ?? [];
                for (var i = 0; i < contents.Count; i++)
                {
                    ValidateOptionalComponent(contents[i], Invariant($"{path}.contents[{i}]"));
                }

                ValidateOptionalAction(box.Action, path + ".action", Place.Flex);
                break;
            case FlexButton button:
                ValidateAction(button.Action, path + ".action", Place.FlexButton);
                break;
            case FlexImage image:
                ValidateOptionalAction(image.Action, path + ".action", Place.Flex);
                break;
            case FlexVideo video:
                ValidateOptionalComponent(video.AltContent, path + ".altContent");
                ValidateOptionalAction(video.Action, path + ".action", Place.Flex);
                break;
            case FlexText text:
                ValidateOptionalAction(text.Action, path + ".action", Place.Flex);
                break;
            default:
                break;
        }
    }

    private static void ValidateOptionalAction(Action? action, string path, Place place)
    {
        if (action is not null)
        {
            ValidateAction(action, path, place);
        }
    }

    private static void ValidateAction(Action? action, string path, Place place)
    {
        if (action is null)
        {
            throw new LineMessageLimitException(path, LabelRequired, "an action is required");
        }

        ValidateLabel(action.Label, path + ".label", place);
        switch (action)
        {
            case PostbackAction postback:
                Units(path + ".data", nameof(MessageLimits.PostbackData), postback.Data, MessageLimits.PostbackData);
                Graphemes(path + ".displayText", nameof(MessageLimits.PostbackDisplayTextGraphemes), postback.DisplayText, MessageLimits.PostbackDisplayTextGraphemes);
                Graphemes(path + ".fillInText", nameof(MessageLimits.PostbackFillInTextGraphemes), postback.FillInText, MessageLimits.PostbackFillInTextGraphemes);
                break;
            case MessageAction message:
                Graphemes(path + ".text", nameof(MessageLimits.MessageActionTextGraphemes), message.Text, MessageLimits.MessageActionTextGraphemes);
                break;
            case UriAction uri:
                Units(path + ".uri", nameof(MessageLimits.Uri), uri.Uri, MessageLimits.Uri);
                Units(path + ".altUri.desktop", nameof(MessageLimits.AltUriDesktop), uri.AltUri?.Desktop, MessageLimits.AltUriDesktop);
                break;
            case DatetimePickerAction picker:
                Units(path + ".data", nameof(MessageLimits.PostbackData), picker.Data, MessageLimits.PostbackData);
                break;
            case ClipboardAction clipboard:
                Units(path + ".clipboardText", nameof(MessageLimits.ClipboardText), clipboard.ClipboardText, MessageLimits.ClipboardText);
                break;
            case CameraAction or CameraRollAction or LocationAction when place != Place.QuickReply:
                throw new LineMessageLimitException(path, ActionPlacement, "camera, cameraRoll and location actions work only in quick replies");
            case RichMenuSwitchAction:
                throw new LineMessageLimitException(path, ActionPlacement, "a richmenuswitch action works only in rich menus");
            default:
                break;
        }
    }

    private static void ValidateLabel(string? label, string path, Place place)
    {
        switch (place)
        {
            case Place.QuickReply:
                Required(label, path);
                Graphemes(path, nameof(MessageLimits.QuickReplyLabelGraphemes), label, MessageLimits.QuickReplyLabelGraphemes);
                break;
            case Place.Template:
                Graphemes(path, nameof(MessageLimits.TemplateActionLabelGraphemes), label, MessageLimits.TemplateActionLabelGraphemes);
                break;
            case Place.ImageCarousel:
                Graphemes(path, nameof(MessageLimits.ImageCarouselActionLabelGraphemes), label, MessageLimits.ImageCarouselActionLabelGraphemes);
                break;
            case Place.FlexButton:
                Required(label, path);
                Graphemes(path, nameof(MessageLimits.FlexActionLabelGraphemes), label, MessageLimits.FlexActionLabelGraphemes);
                break;
            default:
                Graphemes(path, nameof(MessageLimits.FlexActionLabelGraphemes), label, MessageLimits.FlexActionLabelGraphemes);
                break;
        }
    }

    private static void Required(string? label, string path)
    {
        if (string.IsNullOrEmpty(label))
        {
            throw new LineMessageLimitException(path, LabelRequired, "a label is required here");
        }
    }

    private static void Units(string path, string limit, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            throw new LineMessageLimitException(path, limit, Invariant($"at most {max} UTF-16 code units (got {value.Length})"));
        }
    }

    private static void Graphemes(string path, string limit, string? value, int max)
    {
        if (value is null)
        {
            return;
        }

        var count = new StringInfo(value).LengthInTextElements;
        if (count > max)
        {
            throw new LineMessageLimitException(path, limit, Invariant($"at most {max} grapheme clusters (got {count})"));
        }
    }

    private static void CountBetween(string path, string limit, int count, int min, int max, string noun)
    {
        if (count > max || count < min)
        {
            var allowed = min == max ? Invariant($"exactly {max}") : count > max ? Invariant($"at most {max}") : Invariant($"at least {min}");
            throw new LineMessageLimitException(path, limit, Invariant($"{allowed} {noun} (got {count})"));
        }
    }

    private static void JsonBytes(string path, string limit, FlexContainer container, int max)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(container, LineJson.Options).Length;
        if (bytes > max)
        {
            throw new LineMessageLimitException(path, limit, Invariant($"at most {max} bytes of JSON (got {bytes})"));
        }
    }
}
