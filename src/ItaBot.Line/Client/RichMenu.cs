using System.Text.Json.Serialization;


namespace ItaBot.Line.Client;

/// <summary>A rich menu: up to 20 tappable areas over an image of 800–2500 px width.</summary>
public sealed record RichMenu(
    [property: JsonPropertyName("size")] RichMenuSize Size,
    [property: JsonPropertyName("selected")] bool Selected,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("chatBarText")] string ChatBarText,
    [property: JsonPropertyName("areas")] IReadOnlyList<RichMenuArea> Areas);

public sealed record RichMenuSize(
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height);

public sealed record RichMenuArea(
    [property: JsonPropertyName("bounds")] RichMenuBounds Bounds,
    [property: JsonPropertyName("action")] Messages.Action Action);

public sealed record RichMenuBounds(
    [property: JsonPropertyName("x")] int X,
    [property: JsonPropertyName("y")] int Y,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height);
