using System.Globalization;
using System.Text.Json.Nodes;
using ItaBot.Dialogs.Turns;
using ItaBot.Line.Messages;

namespace ItaBot.Conversations;

/// <summary>Renders a card (<see cref="Reply.Card"/>) as a Flex container; the Flex templates slice plugs in here.</summary>
internal interface ICardRenderer
{
    /// <summary>Null when the card is not one this renderer knows.</summary>
    FlexContainer? Render(JsonNode card);
}

/// <summary>Cards that carry their Flex container as is: <c>{ "flex": { "type": "bubble", … } }</c>.</summary>
internal sealed class RawFlexCardRenderer : ICardRenderer
{
    public FlexContainer? Render(JsonNode card) =>
        card is JsonObject { } o && o["flex"] is JsonObject flex ? FlexContainer.Parse(flex.ToJsonString()) : null;
}

/// <summary>
/// Turns the dialog engine's replies into at most five LINE messages: text, Flex cards and map pins, with the choices
/// of the last reply as quick-reply buttons (LINE shows only the last message's quick reply).
/// </summary>
internal sealed class ReplyRenderer(IEnumerable<ICardRenderer> cards)
{
    private const int MaxMessages = 5;
    private const int MaxQuickReplies = 13;
    private const int MaxLabelGraphemes = 20;
    private const int MaxTextLength = 5000;

    public IReadOnlyList<Message> Render(IReadOnlyList<Reply> replies)
    {
        var messages = new List<Message>(replies.Count);
        IReadOnlyList<Choice> choices = [];
        foreach (var reply in replies)
        {
            if (reply.Card is { } card && RenderCard(card) is { } flex)
            {
                messages.Add(new FlexMessage(Descriptions.Clip(reply.Text ?? "ข้อมูลจากเทศบาล", 1500), flex));
            }
            else if (!string.IsNullOrWhiteSpace(reply.Text))
            {
                messages.Add(new TextMessage(Descriptions.Clip(reply.Text, MaxTextLength)));
            }

            if (reply.Location is { } place)
            {
                messages.Add(new LocationMessage(Descriptions.Clip(place.Title ?? "ตำแหน่ง", 100), Descriptions.Clip(place.Address ?? "-", 100), place.Latitude, place.Longitude));
            }

            if (reply.Choices.Count > 0)
            {
                choices = reply.Choices;
            }
        }

        messages = Fit(messages);
        if (choices.Count > 0)
        {
            if (messages.Count == 0)
            {
                messages.Add(new TextMessage("เลือกได้เลยค่ะ 👇"));
            }

            messages[^1] = messages[^1] with { QuickReply = QuickReplyOf(choices) };
        }

        return messages;
    }

    public static QuickReply QuickReplyOf(IReadOnlyList<Choice> choices) =>
        new([.. choices.Take(MaxQuickReplies).Select(c => new QuickReplyItem(c.Kind switch
        {
            ChoiceKind.ShareLocation => new LocationAction { Label = Label(c.Label) },
            ChoiceKind.Camera => new CameraAction { Label = Label(c.Label) },
            ChoiceKind.PhotoLibrary => new CameraRollAction { Label = Label(c.Label) },
            _ => new PostbackAction(Descriptions.Clip(c.Value, 300)) { Label = Label(c.Label), DisplayText = Descriptions.Clip(c.Label, 300) },
        }))]);

    private FlexContainer? RenderCard(JsonNode card)
    {
        foreach (var renderer in cards)
        {
            if (renderer.Render(card) is { } flex)
            {
                return flex;
            }
        }

        return null;
    }

    /// <summary>More than five messages: join neighbouring texts, then keep the first five.</summary>
    private static List<Message> Fit(List<Message> messages)
    {
        if (messages.Count <= MaxMessages)
        {
            return messages;
        }

        var merged = new List<Message>();
        foreach (var message in messages)
        {
            if (merged.Count > 0 && merged[^1] is TextMessage previous && message is TextMessage next
                && previous.Text.Length + next.Text.Length + 2 <= MaxTextLength)
            {
                merged[^1] = previous with { Text = previous.Text + "\n\n" + next.Text };
            }
            else
            {
                merged.Add(message);
            }
        }

        return merged.Count <= MaxMessages ? merged : merged[..MaxMessages];
    }

    /// <summary>A quick-reply label: at most 20 grapheme clusters (Thai marks make this differ from Length).</summary>
    private static string Label(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= MaxLabelGraphemes ? text : info.SubstringByTextElements(0, MaxLabelGraphemes - 1) + "…";
    }
}
