using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>The top of a Flex message: a <see cref="FlexBubble"/> or a <see cref="FlexCarousel"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(FlexBubble), "bubble")]
[JsonDerivedType(typeof(FlexCarousel), "carousel")]
public abstract record FlexContainer
{
    /// <summary>
    /// Reads a container written as LINE JSON (e.g. a template file or a Flex Message Simulator export).
    /// Fails with <see cref="JsonException"/> on malformed JSON or a component type this library does not know,
    /// so a broken template is found when it is loaded, not when it is sent.
    /// </summary>
    public static FlexContainer Parse(string json) =>
        JsonSerializer.Deserialize<FlexContainer>(json, LineJson.Options)
        ?? throw new JsonException("A Flex container cannot be null.");

    /// <inheritdoc cref="Parse(string)"/>
    public static FlexContainer Parse(JsonElement json) =>
        json.Deserialize<FlexContainer>(LineJson.Options)
        ?? throw new JsonException("A Flex container cannot be null.");
}

/// <summary>One message bubble; at most 30 KB of JSON.</summary>
public sealed record FlexBubble : FlexContainer
{
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary><c>ltr</c> or <c>rtl</c>.</summary>
    [JsonPropertyName("direction")]
    public string? Direction { get; init; }

    [JsonPropertyName("header")]
    [JsonConverter(typeof(AsBaseJsonConverter<FlexBox, FlexComponent>))]
    public FlexBox? Header { get; init; }

    /// <summary>A box, an image or a video.</summary>
    [JsonPropertyName("hero")]
    public FlexComponent? Hero { get; init; }

    [JsonPropertyName("body")]
    [JsonConverter(typeof(AsBaseJsonConverter<FlexBox, FlexComponent>))]
    public FlexBox? Body { get; init; }

    [JsonPropertyName("footer")]
    [JsonConverter(typeof(AsBaseJsonConverter<FlexBox, FlexComponent>))]
    public FlexBox? Footer { get; init; }

    [JsonPropertyName("styles")]
    public FlexBubbleStyles? Styles { get; init; }

    [JsonPropertyName("action")]
    public Action? Action { get; init; }
}

/// <summary>Up to 12 bubbles side by side, all the same size; at most 50 KB of JSON.</summary>
public sealed record FlexCarousel(
    [property: JsonPropertyName("contents")]
    [property: JsonConverter(typeof(ListAsBaseJsonConverter<FlexBubble, FlexContainer>))]
    IReadOnlyList<FlexBubble> Contents) : FlexContainer;

public sealed record FlexBubbleStyles
{
    [JsonPropertyName("header")]
    public FlexBlockStyle? Header { get; init; }

    [JsonPropertyName("hero")]
    public FlexBlockStyle? Hero { get; init; }

    [JsonPropertyName("body")]
    public FlexBlockStyle? Body { get; init; }

    [JsonPropertyName("footer")]
    public FlexBlockStyle? Footer { get; init; }
}

public sealed record FlexBlockStyle
{
    [JsonPropertyName("backgroundColor")]
    public string? BackgroundColor { get; init; }

    [JsonPropertyName("separator")]
    public bool? Separator { get; init; }

    [JsonPropertyName("separatorColor")]
    public string? SeparatorColor { get; init; }
}

/// <summary>The layout values of <see cref="FlexBox.Layout"/>.</summary>
public static class FlexLayout
{
    public const string Horizontal = "horizontal";
    public const string Vertical = "vertical";
    public const string Baseline = "baseline";
}
