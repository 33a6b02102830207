using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>The layout inside a <see cref="TemplateMessage"/>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ButtonsTemplate), "buttons")]
[JsonDerivedType(typeof(ConfirmTemplate), "confirm")]
[JsonDerivedType(typeof(CarouselTemplate), "carousel")]
[JsonDerivedType(typeof(ImageCarouselTemplate), "image_carousel")]
public abstract record Template;

/// <summary>Optional image and title, a text, and up to 4 actions.</summary>
public sealed record ButtonsTemplate(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("actions")] IReadOnlyList<Action> Actions) : Template
{
    /// <summary>HTTPS URL of the image at the top (JPEG or PNG, 1024 px wide at most).</summary>
    [JsonPropertyName("thumbnailImageUrl")]
    public string? ThumbnailImageUrl { get; init; }

    /// <summary><c>rectangle</c> (1.51:1) or <c>square</c>.</summary>
    [JsonPropertyName("imageAspectRatio")]
    public string? ImageAspectRatio { get; init; }

    /// <summary><c>cover</c> or <c>contain</c>.</summary>
    [JsonPropertyName("imageSize")]
    public string? ImageSize { get; init; }

    /// <summary>Background color of the image, <c>#RRGGBB</c>.</summary>
    [JsonPropertyName("imageBackgroundColor")]
    public string? ImageBackgroundColor { get; init; }

    /// <summary>Membership plan name.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>What tapping the image, title or text does.</summary>
    [JsonPropertyName("defaultAction")]
    public Action? DefaultAction { get; init; }
}

/// <summary>A question with exactly two answers.</summary>
public sealed record ConfirmTemplate(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("actions")] IReadOnlyList<Action> Actions) : Template;

/// <summary>Up to 10 columns, each like a buttons template with up to 3 actions.</summary>
public sealed record CarouselTemplate(
    [property: JsonPropertyName("columns")] IReadOnlyList<CarouselColumn> Columns) : Template
{
    /// <summary><c>rectangle</c> (1.51:1) or <c>square</c> (1:1) for every column's image.</summary>
    [JsonPropertyName("imageAspectRatio")]
    public string? ImageAspectRatio { get; init; }

    /// <summary><c>cover</c> or <c>contain</c> for every column's image.</summary>
    [JsonPropertyName("imageSize")]
    public string? ImageSize { get; init; }
}

/// <summary>Keep the number of actions, and the use of image and title, the same in every column.</summary>
public sealed record CarouselColumn(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("actions")] IReadOnlyList<Action> Actions)
{
    /// <summary>HTTPS URL of the column's image.</summary>
    [JsonPropertyName("thumbnailImageUrl")]
    public string? ThumbnailImageUrl { get; init; }

    /// <summary>Background color of the column's image, <c>#RRGGBB</c>.</summary>
    [JsonPropertyName("imageBackgroundColor")]
    public string? ImageBackgroundColor { get; init; }

    /// <summary>Membership plan name.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>What tapping the column's image, title or text does.</summary>
    [JsonPropertyName("defaultAction")]
    public Action? DefaultAction { get; init; }
}

/// <summary>Up to 10 tappable images.</summary>
public sealed record ImageCarouselTemplate(
    [property: JsonPropertyName("columns")] IReadOnlyList<ImageCarouselColumn> Columns) : Template;

/// <summary>One image; its action label, if any, is at most 12 grapheme clusters.</summary>
public sealed record ImageCarouselColumn(
    [property: JsonPropertyName("imageUrl")] string ImageUrl,
    [property: JsonPropertyName("action")] Action Action);
