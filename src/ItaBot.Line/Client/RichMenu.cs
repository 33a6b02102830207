using System.Text.Json.Serialization;


namespace ItaBot.Line.Client;

/// <summary>A rich menu: up to 20 tappable areas over an image of 800–2500 px width.</summary>
public sealed record RichMenu(
    [property: JsonPropertyName("size")] RichMenuSize Size,
    [property: JsonPropertyName("selected")] bool Selected,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("chatBarText")] string ChatBarText,
    [property: JsonPropertyName("areas")] IReadOnlyList<RichMenuArea> Areas);

/// <summary>Rich menu size.</summary>
/// <param name="Width">Width in pixels (800 to 2500).</param>
/// <param name="Height">Height in pixels (at least 250).</param>
public sealed record RichMenuSize(
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height);

/// <summary>Rich menu area.</summary>
/// <param name="Bounds">The tappable rectangle, in pixels of the menu image.</param>
/// <param name="Action">What a tap does.</param>
public sealed record RichMenuArea(
    [property: JsonPropertyName("bounds")] RichMenuBounds Bounds,
    [property: JsonPropertyName("action")] Messages.Action Action);

/// <summary>Rich menu bounds.</summary>
/// <param name="X">Horizontal position relative to the top-left corner of the area.</param>
/// <param name="Y">Vertical position relative to the top-left corner of the area.</param>
/// <param name="Width">Width of the area.</param>
/// <param name="Height">Height of the area.</param>
public sealed record RichMenuBounds(
    [property: JsonPropertyName("x")] int X,
    [property: JsonPropertyName("y")] int Y,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height);
