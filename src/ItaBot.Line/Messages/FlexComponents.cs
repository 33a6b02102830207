using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>
/// A part of a Flex bubble. Enumerated LINE values (size, layout, margin, …) are strings so that keywords
/// LINE adds later, and pixel or percent values such as <c>"12px"</c> or <c>"50%"</c>, pass through.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(FlexBox), "box")]
[JsonDerivedType(typeof(FlexButton), "button")]
[JsonDerivedType(typeof(FlexImage), "image")]
[JsonDerivedType(typeof(FlexVideo), "video")]
[JsonDerivedType(typeof(FlexIcon), "icon")]
[JsonDerivedType(typeof(FlexText), "text")]
[JsonDerivedType(typeof(FlexSpan), "span")]
[JsonDerivedType(typeof(FlexSeparator), "separator")]
[JsonDerivedType(typeof(FlexFiller), "filler")]
public abstract record FlexComponent;

/// <summary>Lays out its <see cref="Contents"/> horizontally, vertically or on a text baseline (see <see cref="FlexLayout"/>).</summary>
public sealed record FlexBox(
    [property: JsonPropertyName("layout")] string Layout,
    [property: JsonPropertyName("contents")] IReadOnlyList<FlexComponent> Contents) : FlexComponent
{
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    [JsonPropertyName("spacing")]
    public string? Spacing { get; init; }

    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    [JsonPropertyName("position")]
    public string? Position { get; init; }

    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    [JsonPropertyName("backgroundColor")]
    public string? BackgroundColor { get; init; }

    [JsonPropertyName("borderColor")]
    public string? BorderColor { get; init; }

    [JsonPropertyName("borderWidth")]
    public string? BorderWidth { get; init; }

    [JsonPropertyName("cornerRadius")]
    public string? CornerRadius { get; init; }

    [JsonPropertyName("width")]
    public string? Width { get; init; }

    [JsonPropertyName("maxWidth")]
    public string? MaxWidth { get; init; }

    [JsonPropertyName("height")]
    public string? Height { get; init; }

    [JsonPropertyName("maxHeight")]
    public string? MaxHeight { get; init; }

    [JsonPropertyName("paddingAll")]
    public string? PaddingAll { get; init; }

    [JsonPropertyName("paddingTop")]
    public string? PaddingTop { get; init; }

    [JsonPropertyName("paddingBottom")]
    public string? PaddingBottom { get; init; }

    [JsonPropertyName("paddingStart")]
    public string? PaddingStart { get; init; }

    [JsonPropertyName("paddingEnd")]
    public string? PaddingEnd { get; init; }

    [JsonPropertyName("action")]
    public Action? Action { get; init; }

    [JsonPropertyName("justifyContent")]
    public string? JustifyContent { get; init; }

    [JsonPropertyName("alignItems")]
    public string? AlignItems { get; init; }

    [JsonPropertyName("background")]
    public FlexBackground? Background { get; init; }
}

/// <summary>A box background other than a plain colour.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(FlexLinearGradient), "linearGradient")]
public abstract record FlexBackground;

/// <summary>A gradient at <see cref="Angle"/> (e.g. <c>"90deg"</c>) from start to end colour, optionally through a centre colour.</summary>
public sealed record FlexLinearGradient(
    [property: JsonPropertyName("angle")] string Angle,
    [property: JsonPropertyName("startColor")] string StartColor,
    [property: JsonPropertyName("endColor")] string EndColor) : FlexBackground
{
    [JsonPropertyName("centerColor")]
    public string? CenterColor { get; init; }

    [JsonPropertyName("centerPosition")]
    public string? CenterPosition { get; init; }
}

/// <summary>A button; its action label is required and at most 40 grapheme clusters.</summary>
public sealed record FlexButton(
    [property: JsonPropertyName("action")] Action Action) : FlexComponent
{
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    [JsonPropertyName("color")]
    public string? Color { get; init; }

    /// <summary><c>primary</c>, <c>secondary</c> or <c>link</c>.</summary>
    [JsonPropertyName("style")]
    public string? Style { get; init; }

    [JsonPropertyName("gravity")]
    public string? Gravity { get; init; }

    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    [JsonPropertyName("position")]
    public string? Position { get; init; }

    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    [JsonPropertyName("height")]
    public string? Height { get; init; }

    [JsonPropertyName("adjustMode")]
    public string? AdjustMode { get; init; }

    [JsonPropertyName("scaling")]
    public bool? Scaling { get; init; }
}

/// <summary>An HTTPS JPEG/PNG image, at most 1024×1024 px.</summary>
public sealed record FlexImage(
    [property: JsonPropertyName("url")] string Url) : FlexComponent
{
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    [JsonPropertyName("position")]
    public string? Position { get; init; }

    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    [JsonPropertyName("align")]
    public string? Align { get; init; }

    [JsonPropertyName("gravity")]
    public string? Gravity { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary><c>{width}:{height}</c>, e.g. <c>"20:13"</c>.</summary>
    [JsonPropertyName("aspectRatio")]
    public string? AspectRatio { get; init; }

    /// <summary><c>fit</c> or <c>cover</c>.</summary>
    [JsonPropertyName("aspectMode")]
    public string? AspectMode { get; init; }

    [JsonPropertyName("backgroundColor")]
    public string? BackgroundColor { get; init; }

    [JsonPropertyName("action")]
    public Action? Action { get; init; }

    [JsonPropertyName("animated")]
    public bool? Animated { get; init; }
}

/// <summary>A video in the hero block of a kilo, mega or giga bubble outside a carousel; <see cref="AltContent"/> shows where video cannot play.</summary>
public sealed record FlexVideo(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("previewUrl")] string PreviewUrl,
    [property: JsonPropertyName("altContent")] FlexComponent AltContent) : FlexComponent
{
    [JsonPropertyName("aspectRatio")]
    public string? AspectRatio { get; init; }

    [JsonPropertyName("action")]
    public Action? Action { get; init; }
}

/// <summary>A small image in a baseline box.</summary>
public sealed record FlexIcon(
    [property: JsonPropertyName("url")] string Url) : FlexComponent
{
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("aspectRatio")]
    public string? AspectRatio { get; init; }

    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    [JsonPropertyName("position")]
    public string? Position { get; init; }

    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    [JsonPropertyName("scaling")]
    public bool? Scaling { get; init; }
}

/// <summary>Text; give <see cref="Text"/>, or <see cref="Contents"/> spans to style parts differently (spans win).</summary>
public sealed record FlexText(
    [property: JsonPropertyName("text")] string? Text) : FlexComponent
{
    [JsonPropertyName("contents")]
    [JsonConverter(typeof(ListAsBaseJsonConverter<FlexSpan, FlexComponent>))]
    public IReadOnlyList<FlexSpan>? Contents { get; init; }

    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("align")]
    public string? Align { get; init; }

    [JsonPropertyName("gravity")]
    public string? Gravity { get; init; }

    [JsonPropertyName("color")]
    public string? Color { get; init; }

    [JsonPropertyName("weight")]
    public string? Weight { get; init; }

    [JsonPropertyName("style")]
    public string? Style { get; init; }

    [JsonPropertyName("decoration")]
    public string? Decoration { get; init; }

    [JsonPropertyName("wrap")]
    public bool? Wrap { get; init; }

    [JsonPropertyName("lineSpacing")]
    public string? LineSpacing { get; init; }

    [JsonPropertyName("maxLines")]
    public int? MaxLines { get; init; }

    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    [JsonPropertyName("position")]
    public string? Position { get; init; }

    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    [JsonPropertyName("action")]
    public Action? Action { get; init; }

    [JsonPropertyName("adjustMode")]
    public string? AdjustMode { get; init; }

    [JsonPropertyName("scaling")]
    public bool? Scaling { get; init; }
}

/// <summary>A differently styled run inside a <see cref="FlexText"/>.</summary>
public sealed record FlexSpan(
    [property: JsonPropertyName("text")] string Text) : FlexComponent
{
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    [JsonPropertyName("color")]
    public string? Color { get; init; }

    [JsonPropertyName("weight")]
    public string? Weight { get; init; }

    [JsonPropertyName("style")]
    public string? Style { get; init; }

    [JsonPropertyName("decoration")]
    public string? Decoration { get; init; }
}

/// <summary>A dividing line.</summary>
public sealed record FlexSeparator : FlexComponent
{
    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    [JsonPropertyName("color")]
    public string? Color { get; init; }
}

/// <summary>Empty space. LINE has deprecated it in favour of box spacing and padding; kept so old templates load.</summary>
public sealed record FlexFiller : FlexComponent
{
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }
}
