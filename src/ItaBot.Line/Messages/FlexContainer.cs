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
    /// <summary>Bubble width: <c>nano</c>, <c>micro</c>, <c>deca</c>, <c>hecto</c>, <c>kilo</c>, <c>mega</c> or <c>giga</c>.</summary>
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary><c>ltr</c> or <c>rtl</c>.</summary>
    [JsonPropertyName("direction")]
    public string? Direction { get; init; }

    /// <summary>The header block.</summary>
    [JsonPropertyName("header")]
    [JsonConverter(typeof(AsBaseJsonConverter<FlexBox, FlexComponent>))]
    public FlexBox? Header { get; init; }

    /// <summary>A box, an image or a video.</summary>
    [JsonPropertyName("hero")]
    public FlexComponent? Hero { get; init; }

    /// <summary>The body block.</summary>
    [JsonPropertyName("body")]
    [JsonConverter(typeof(AsBaseJsonConverter<FlexBox, FlexComponent>))]
    public FlexBox? Body { get; init; }

    /// <summary>The footer block.</summary>
    [JsonPropertyName("footer")]
    [JsonConverter(typeof(AsBaseJsonConverter<FlexBox, FlexComponent>))]
    public FlexBox? Footer { get; init; }

    /// <summary>Background and separator styles of the blocks.</summary>
    [JsonPropertyName("styles")]
    public FlexBubbleStyles? Styles { get; init; }

    /// <summary>What tapping the bubble does.</summary>
    [JsonPropertyName("action")]
    public Action? Action { get; init; }
}

/// <summary>Up to 12 bubbles side by side, all the same size; at most 50 KB of JSON.</summary>
public sealed record FlexCarousel(
    [property: JsonPropertyName("contents")]
    [property: JsonConverter(typeof(ListAsBaseJsonConverter<FlexBubble, FlexContainer>))]
    IReadOnlyList<FlexBubble> Contents) : FlexContainer;

/// <summary>Styles of a bubble's four blocks.</summary>
public sealed record FlexBubbleStyles
{
    /// <summary>Style of the header block.</summary>
    [JsonPropertyName("header")]
    public FlexBlockStyle? Header { get; init; }

    /// <summary>Style of the hero block.</summary>
    [JsonPropertyName("hero")]
    public FlexBlockStyle? Hero { get; init; }

    /// <summary>Style of the body block.</summary>
    [JsonPropertyName("body")]
    public FlexBlockStyle? Body { get; init; }

    /// <summary>Style of the footer block.</summary>
    [JsonPropertyName("footer")]
    public FlexBlockStyle? Footer { get; init; }
}

/// <summary>A block's background color and the separator above it.</summary>
public sealed record FlexBlockStyle
{
    /// <summary>Background color, <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
    [JsonPropertyName("backgroundColor")]
    public string? BackgroundColor { get; init; }

    /// <summary>Whether a separator is drawn above the block.</summary>
    [JsonPropertyName("separator")]
    public bool? Separator { get; init; }

    /// <summary>The separator's color, <c>#RRGGBB</c>.</summary>
    [JsonPropertyName("separatorColor")]
    public string? SeparatorColor { get; init; }
}

/// <summary>The layout values of <see cref="FlexBox.Layout"/>.</summary>
public static class FlexLayout
{
    /// <summary>Children side by side.</summary>
    public const string Horizontal = "horizontal";
    /// <summary>Children one above the other.</summary>
    public const string Vertical = "vertical";
    /// <summary>Children side by side, aligned on the text baseline.</summary>
    public const string Baseline = "baseline";
}
