using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>Up to 13 buttons shown above the keyboard; only the last message's quick reply is shown.</summary>
public sealed record QuickReply(
    [property: JsonPropertyName("items")] IReadOnlyList<QuickReplyItem> Items);

public sealed record QuickReplyItem(
    [property: JsonPropertyName("action")] Action Action)
{
    [JsonPropertyName("type")]
    public string Type { get; init; } = "action";

    [JsonPropertyName("imageUrl")]
    public string? ImageUrl { get; init; }
}
