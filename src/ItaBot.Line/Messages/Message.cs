using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>A message the bot sends (LINE "message object"). The JSON discriminator is <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TextMessage), "text")]
public abstract record Message
{
    [JsonPropertyName("quickReply")]
    public QuickReply? QuickReply { get; init; }

    [JsonPropertyName("sender")]
    public Sender? Sender { get; init; }
}

/// <summary>A text message: at most 5,000 UTF-16 code units.</summary>
public sealed record TextMessage(
    [property: JsonPropertyName("text")] string Text) : Message
{
    [JsonPropertyName("quoteToken")]
    public string? QuoteToken { get; init; }
}

/// <summary>Changes the name and icon shown for the bot on one message.</summary>
public sealed record Sender
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("iconUrl")]
    public string? IconUrl { get; init; }
}
