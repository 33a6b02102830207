using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>A message the bot sends (LINE "message object"). The JSON discriminator is <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TextMessage), "text")]
[JsonDerivedType(typeof(StickerMessage), "sticker")]
[JsonDerivedType(typeof(ImageMessage), "image")]
[JsonDerivedType(typeof(VideoMessage), "video")]
[JsonDerivedType(typeof(AudioMessage), "audio")]
[JsonDerivedType(typeof(LocationMessage), "location")]
[JsonDerivedType(typeof(TemplateMessage), "template")]
[JsonDerivedType(typeof(FlexMessage), "flex")]
public abstract record Message
{
    /// <summary>Buttons shown above the keyboard with this message (up to 13).</summary>
    [JsonPropertyName("quickReply")]
    public QuickReply? QuickReply { get; init; }

    /// <summary>A name and icon shown instead of the bot's for this message.</summary>
    [JsonPropertyName("sender")]
    public Sender? Sender { get; init; }
}

/// <summary>A text message: at most 5,000 UTF-16 code units.</summary>
public sealed record TextMessage(
    [property: JsonPropertyName("text")] string Text) : Message
{
    /// <summary>LINE emoji; each <see cref="TextEmoji.Index"/> points at a <c>$</c> in <see cref="Text"/>.</summary>
    [JsonPropertyName("emojis")]
    public IReadOnlyList<TextEmoji>? Emojis { get; init; }

    /// <summary>Quote token of the message you want to quote.</summary>
    [JsonPropertyName("quoteToken")]
    public string? QuoteToken { get; init; }
}

/// <summary>A LINE emoji in a text message, at a <c>$</c> placeholder.</summary>
/// <param name="Index">Index position for a character in text, with the first character being at position 0.</param>
/// <param name="ProductId">Product ID for a LINE emoji set.</param>
/// <param name="EmojiId">ID for a LINE emoji inside a set.</param>
public sealed record TextEmoji(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("productId")] string ProductId,
    [property: JsonPropertyName("emojiId")] string EmojiId);

/// <summary>A sticker from LINE's list of stickers that bots may send.</summary>
public sealed record StickerMessage(
    [property: JsonPropertyName("packageId")] string PackageId,
    [property: JsonPropertyName("stickerId")] string StickerId) : Message
{
    /// <summary>Quote token of the message you want to quote.</summary>
    [JsonPropertyName("quoteToken")]
    public string? QuoteToken { get; init; }
}

/// <summary>An image: HTTPS JPEG/PNG, original ≤ 10 MB, preview ≤ 1 MB.</summary>
public sealed record ImageMessage(
    [property: JsonPropertyName("originalContentUrl")] string OriginalContentUrl,
    [property: JsonPropertyName("previewImageUrl")] string PreviewImageUrl) : Message;

/// <summary>A video: HTTPS mp4 ≤ 200 MB with a JPEG/PNG preview.</summary>
public sealed record VideoMessage(
    [property: JsonPropertyName("originalContentUrl")] string OriginalContentUrl,
    [property: JsonPropertyName("previewImageUrl")] string PreviewImageUrl) : Message
{
    /// <summary>Comes back in the videoPlayComplete event; 1:1 chats only.</summary>
    [JsonPropertyName("trackingId")]
    public string? TrackingId { get; init; }
}

/// <summary>An audio clip: HTTPS mp3/m4a ≤ 200 MB.</summary>
public sealed record AudioMessage(
    [property: JsonPropertyName("originalContentUrl")] string OriginalContentUrl,
    [property: JsonPropertyName("duration")] long Duration) : Message;

/// <summary>A map pin; title and address at most 100 UTF-16 units each.</summary>
public sealed record LocationMessage(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude) : Message;

/// <summary>A buttons, confirm, carousel or image-carousel template; <see cref="AltText"/> is what notifications show.</summary>
public sealed record TemplateMessage(
    [property: JsonPropertyName("altText")] string AltText,
    [property: JsonPropertyName("template")] Template Template) : Message;

/// <summary>A Flex message: a bubble or a carousel of bubbles. Load one from JSON with <see cref="FlexContainer.Parse(string)"/>.</summary>
public sealed record FlexMessage(
    [property: JsonPropertyName("altText")] string AltText,
    [property: JsonPropertyName("contents")] FlexContainer Contents) : Message;

/// <summary>Changes the name and icon shown for the bot on one message.</summary>
public sealed record Sender
{
    /// <summary>Display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>URL of the image to display as an icon when sending a message.</summary>
    [JsonPropertyName("iconUrl")]
    public string? IconUrl { get; init; }
}
