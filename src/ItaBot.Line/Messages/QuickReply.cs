using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>Up to 13 buttons shown above the keyboard; only the last message's quick reply is shown.</summary>
public sealed record QuickReply(
    [property: JsonPropertyName("items")] IReadOnlyList<QuickReplyItem> Items);

/// <summary>One quick reply button.</summary>
/// <param name="Action">What the button does; its label is the button's text.</param>
public sealed record QuickReplyItem(
    [property: JsonPropertyName("action")] Action Action)
{
    /// <summary>`action`.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "action";

    /// <summary>URL of the icon that is displayed at the beginning of the button.</summary>
    [JsonPropertyName("imageUrl")]
    public string? ImageUrl { get; init; }
}
