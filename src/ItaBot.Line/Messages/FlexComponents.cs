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
    /// <summary>The ratio of the width or height of this component within the parent box.</summary>
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    /// <summary>Space between the children (a keyword or pixels).</summary>
    [JsonPropertyName("spacing")]
    public string? Spacing { get; init; }

    /// <summary>The minimum amount of space to include before this component in its parent container.</summary>
    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    /// <summary><c>relative</c> (the default) or <c>absolute</c>: what the offsets are relative to.</summary>
    [JsonPropertyName("position")]
    public string? Position { get; init; }

    /// <summary>Offset from the top (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    /// <summary>Offset from the bottom (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    /// <summary>Offset from the start (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    /// <summary>Offset from the end (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    /// <summary>Background color, <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
    [JsonPropertyName("backgroundColor")]
    public string? BackgroundColor { get; init; }

    /// <summary>Border color, <c>#RRGGBB</c>.</summary>
    [JsonPropertyName("borderColor")]
    public string? BorderColor { get; init; }

    /// <summary>Border width (a keyword or pixels).</summary>
    [JsonPropertyName("borderWidth")]
    public string? BorderWidth { get; init; }

    /// <summary>Corner radius (a keyword or pixels).</summary>
    [JsonPropertyName("cornerRadius")]
    public string? CornerRadius { get; init; }

    /// <summary>width.</summary>
    [JsonPropertyName("width")]
    public string? Width { get; init; }

    /// <summary>Largest width (pixels or percent).</summary>
    [JsonPropertyName("maxWidth")]
    public string? MaxWidth { get; init; }

    /// <summary>Height (pixels or percent).</summary>
    [JsonPropertyName("height")]
    public string? Height { get; init; }

    /// <summary>Largest height (pixels or percent).</summary>
    [JsonPropertyName("maxHeight")]
    public string? MaxHeight { get; init; }

    /// <summary>Padding on every side.</summary>
    [JsonPropertyName("paddingAll")]
    public string? PaddingAll { get; init; }

    /// <summary>Top padding.</summary>
    [JsonPropertyName("paddingTop")]
    public string? PaddingTop { get; init; }

    /// <summary>Bottom padding.</summary>
    [JsonPropertyName("paddingBottom")]
    public string? PaddingBottom { get; init; }

    /// <summary>Start padding.</summary>
    [JsonPropertyName("paddingStart")]
    public string? PaddingStart { get; init; }

    /// <summary>End padding.</summary>
    [JsonPropertyName("paddingEnd")]
    public string? PaddingEnd { get; init; }

    /// <summary>What tapping the box does.</summary>
    [JsonPropertyName("action")]
    public Action? Action { get; init; }

    /// <summary>How children are placed along the main axis (with free space).</summary>
    [JsonPropertyName("justifyContent")]
    public string? JustifyContent { get; init; }

    /// <summary>How children are placed across the main axis.</summary>
    [JsonPropertyName("alignItems")]
    public string? AlignItems { get; init; }

    /// <summary>A linear gradient background.</summary>
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
    /// <summary>The color in the middle of the gradient.</summary>
    [JsonPropertyName("centerColor")]
    public string? CenterColor { get; init; }

    /// <summary>Where the middle color sits, a percentage.</summary>
    [JsonPropertyName("centerPosition")]
    public string? CenterPosition { get; init; }
}

/// <summary>A button; its action label is required and at most 40 grapheme clusters.</summary>
public sealed record FlexButton(
    [property: JsonPropertyName("action")] Action Action) : FlexComponent
{
    /// <summary>The ratio of the width or height of this component within the parent box.</summary>
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    /// <summary>The button's color (<c>#RRGGBB</c>): its text for the link style, its background otherwise.</summary>
    [JsonPropertyName("color")]
    public string? Color { get; init; }

    /// <summary><c>primary</c>, <c>secondary</c> or <c>link</c>.</summary>
    [JsonPropertyName("style")]
    public string? Style { get; init; }

    /// <summary>Alignment style in vertical direction.</summary>
    [JsonPropertyName("gravity")]
    public string? Gravity { get; init; }

    /// <summary>The minimum amount of space to include before this component in its parent container.</summary>
    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    /// <summary><c>relative</c> (the default) or <c>absolute</c>: what the offsets are relative to.</summary>
    [JsonPropertyName("position")]
    public string? Position { get; init; }

    /// <summary>Offset from the top (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    /// <summary>Offset from the bottom (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    /// <summary>Offset from the start (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    /// <summary>Offset from the end (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    /// <summary>Height (pixels or percent).</summary>
    [JsonPropertyName("height")]
    public string? Height { get; init; }

    /// <summary><c>shrink-to-fit</c> shrinks the label to fit the button.</summary>
    [JsonPropertyName("adjustMode")]
    public string? AdjustMode { get; init; }

    /// <summary>Whether the label scales with the user's font size setting.</summary>
    [JsonPropertyName("scaling")]
    public bool? Scaling { get; init; }
}

/// <summary>An HTTPS JPEG/PNG image, at most 1024×1024 px.</summary>
public sealed record FlexImage(
    [property: JsonPropertyName("url")] string Url) : FlexComponent
{
    /// <summary>The ratio of the width or height of this component within the parent box.</summary>
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    /// <summary>The minimum amount of space to include before this component in its parent container.</summary>
    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    /// <summary><c>relative</c> (the default) or <c>absolute</c>: what the offsets are relative to.</summary>
    [JsonPropertyName("position")]
    public string? Position { get; init; }

    /// <summary>Offset from the top (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    /// <summary>Offset from the bottom (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    /// <summary>Offset from the start (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    /// <summary>Offset from the end (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    /// <summary>Alignment style in horizontal direction.</summary>
    [JsonPropertyName("align")]
    public string? Align { get; init; }

    /// <summary>Alignment style in vertical direction.</summary>
    [JsonPropertyName("gravity")]
    public string? Gravity { get; init; }

    /// <summary>Image width (a keyword such as <c>full</c>, pixels or percent).</summary>
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary><c>{width}:{height}</c>, e.g. <c>"20:13"</c>.</summary>
    [JsonPropertyName("aspectRatio")]
    public string? AspectRatio { get; init; }

    /// <summary><c>fit</c> or <c>cover</c>.</summary>
    [JsonPropertyName("aspectMode")]
    public string? AspectMode { get; init; }

    /// <summary>Background color, <c>#RRGGBB</c> or <c>#RRGGBBAA</c>.</summary>
    [JsonPropertyName("backgroundColor")]
    public string? BackgroundColor { get; init; }

    /// <summary>What tapping the image does.</summary>
    [JsonPropertyName("action")]
    public Action? Action { get; init; }

    /// <summary>When this is `true`, an animated image (APNG) plays.</summary>
    [JsonPropertyName("animated")]
    public bool? Animated { get; init; }
}

/// <summary>A video in the hero block of a kilo, mega or giga bubble outside a carousel; <see cref="AltContent"/> shows where video cannot play.</summary>
public sealed record FlexVideo(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("previewUrl")] string PreviewUrl,
    [property: JsonPropertyName("altContent")] FlexComponent AltContent) : FlexComponent
{
    /// <summary>Aspect ratio of the image.</summary>
    [JsonPropertyName("aspectRatio")]
    public string? AspectRatio { get; init; }

    /// <summary>What tapping the video's action button does.</summary>
    [JsonPropertyName("action")]
    public Action? Action { get; init; }
}

/// <summary>A small image in a baseline box.</summary>
public sealed record FlexIcon(
    [property: JsonPropertyName("url")] string Url) : FlexComponent
{
    /// <summary>Icon size (a keyword such as <c>md</c>, or pixels).</summary>
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary>Aspect ratio of the image.</summary>
    [JsonPropertyName("aspectRatio")]
    public string? AspectRatio { get; init; }

    /// <summary>The minimum amount of space to include before this component in its parent container.</summary>
    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    /// <summary><c>relative</c> (the default) or <c>absolute</c>: what the offsets are relative to.</summary>
    [JsonPropertyName("position")]
    public string? Position { get; init; }

    /// <summary>Offset from the top (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    /// <summary>Offset from the bottom (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    /// <summary>Offset from the start (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    /// <summary>Offset from the end (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    /// <summary>Whether the icon scales with the user's font size setting.</summary>
    [JsonPropertyName("scaling")]
    public bool? Scaling { get; init; }
}

/// <summary>Text; give <see cref="Text"/>, or <see cref="Contents"/> spans to style parts differently (spans win).</summary>
public sealed record FlexText(
    [property: JsonPropertyName("text")] string? Text) : FlexComponent
{
    /// <summary>Spans with their own styles; when present, <c>text</c> is ignored.</summary>
    [JsonPropertyName("contents")]
    [JsonConverter(typeof(ListAsBaseJsonConverter<FlexSpan, FlexComponent>))]
    public IReadOnlyList<FlexSpan>? Contents { get; init; }

    /// <summary>The ratio of the width or height of this component within the parent box.</summary>
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }

    /// <summary>Font size (a keyword such as <c>md</c>, or pixels).</summary>
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary>Alignment style in horizontal direction.</summary>
    [JsonPropertyName("align")]
    public string? Align { get; init; }

    /// <summary>Alignment style in vertical direction.</summary>
    [JsonPropertyName("gravity")]
    public string? Gravity { get; init; }

    /// <summary>Text color, <c>#RRGGBB</c>.</summary>
    [JsonPropertyName("color")]
    public string? Color { get; init; }

    /// <summary><c>regular</c> or <c>bold</c>.</summary>
    [JsonPropertyName("weight")]
    public string? Weight { get; init; }

    /// <summary><c>normal</c> or <c>italic</c>.</summary>
    [JsonPropertyName("style")]
    public string? Style { get; init; }

    /// <summary><c>none</c>, <c>underline</c> or <c>line-through</c>.</summary>
    [JsonPropertyName("decoration")]
    public string? Decoration { get; init; }

    /// <summary>Whether long text wraps onto more lines.</summary>
    [JsonPropertyName("wrap")]
    public bool? Wrap { get; init; }

    /// <summary>Space between wrapped lines, in pixels.</summary>
    [JsonPropertyName("lineSpacing")]
    public string? LineSpacing { get; init; }

    /// <summary>Most lines shown when wrapping; 0 means no limit.</summary>
    [JsonPropertyName("maxLines")]
    public int? MaxLines { get; init; }

    /// <summary>The minimum amount of space to include before this component in its parent container.</summary>
    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    /// <summary><c>relative</c> (the default) or <c>absolute</c>: what the offsets are relative to.</summary>
    [JsonPropertyName("position")]
    public string? Position { get; init; }

    /// <summary>Offset from the top (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetTop")]
    public string? OffsetTop { get; init; }

    /// <summary>Offset from the bottom (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetBottom")]
    public string? OffsetBottom { get; init; }

    /// <summary>Offset from the start (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetStart")]
    public string? OffsetStart { get; init; }

    /// <summary>Offset from the end (pixels or percent), relative as <c>position</c> says.</summary>
    [JsonPropertyName("offsetEnd")]
    public string? OffsetEnd { get; init; }

    /// <summary>What tapping the text does.</summary>
    [JsonPropertyName("action")]
    public Action? Action { get; init; }

    /// <summary><c>shrink-to-fit</c> shrinks the text to fit.</summary>
    [JsonPropertyName("adjustMode")]
    public string? AdjustMode { get; init; }

    /// <summary>Whether the text scales with the user's font size setting.</summary>
    [JsonPropertyName("scaling")]
    public bool? Scaling { get; init; }
}

/// <summary>A differently styled run inside a <see cref="FlexText"/>.</summary>
public sealed record FlexSpan(
    [property: JsonPropertyName("text")] string Text) : FlexComponent
{
    /// <summary>Font size (a keyword such as <c>md</c>, or pixels).</summary>
    [JsonPropertyName("size")]
    public string? Size { get; init; }

    /// <summary>Span color, <c>#RRGGBB</c>.</summary>
    [JsonPropertyName("color")]
    public string? Color { get; init; }

    /// <summary><c>regular</c> or <c>bold</c>.</summary>
    [JsonPropertyName("weight")]
    public string? Weight { get; init; }

    /// <summary><c>normal</c> or <c>italic</c>.</summary>
    [JsonPropertyName("style")]
    public string? Style { get; init; }

    /// <summary><c>none</c>, <c>underline</c> or <c>line-through</c>.</summary>
    [JsonPropertyName("decoration")]
    public string? Decoration { get; init; }
}

/// <summary>A dividing line.</summary>
public sealed record FlexSeparator : FlexComponent
{
    /// <summary>The minimum amount of space to include before this component in its parent container.</summary>
    [JsonPropertyName("margin")]
    public string? Margin { get; init; }

    /// <summary>Separator color, <c>#RRGGBB</c>.</summary>
    [JsonPropertyName("color")]
    public string? Color { get; init; }
}

/// <summary>Empty space. LINE has deprecated it in favour of box spacing and padding; kept so old templates load.</summary>
public sealed record FlexFiller : FlexComponent
{
    /// <summary>The ratio of the width or height of this component within the parent box.</summary>
    [JsonPropertyName("flex")]
    public int? Flex { get; init; }
}
