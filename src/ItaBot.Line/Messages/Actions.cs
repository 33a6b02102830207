using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>What happens when a user taps a button, quick reply item or rich-menu area.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(PostbackAction), "postback")]
[JsonDerivedType(typeof(MessageAction), "message")]
[JsonDerivedType(typeof(UriAction), "uri")]
[JsonDerivedType(typeof(DatetimePickerAction), "datetimepicker")]
[JsonDerivedType(typeof(CameraAction), "camera")]
[JsonDerivedType(typeof(CameraRollAction), "cameraRoll")]
[JsonDerivedType(typeof(LocationAction), "location")]
[JsonDerivedType(typeof(ClipboardAction), "clipboard")]
[JsonDerivedType(typeof(RichMenuSwitchAction), "richmenuswitch")]
public abstract record Action
{
    /// <summary>Counted in grapheme clusters, not UTF-16 units.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }
}

/// <summary>Sends <see cref="Data"/> back to the bot as a postback event.</summary>
public sealed record PostbackAction(
    [property: JsonPropertyName("data")] string Data) : Action
{
    /// <summary>Text shown in the chat as the user's message when tapped (up to 300 graphemes).</summary>
    [JsonPropertyName("displayText")]
    public string? DisplayText { get; init; }

    /// <summary><c>closeRichMenu</c>, <c>openRichMenu</c>, <c>openKeyboard</c> or <c>openVoice</c>.</summary>
    [JsonPropertyName("inputOption")]
    public string? InputOption { get; init; }

    /// <summary>Text put into the input field when <c>inputOption</c> is <c>openKeyboard</c>.</summary>
    [JsonPropertyName("fillInText")]
    public string? FillInText { get; init; }
}

/// <summary>Sends <see cref="Text"/> as if the user had typed it.</summary>
public sealed record MessageAction(
    [property: JsonPropertyName("text")] string Text) : Action;

/// <summary>Opens a link (http, https, line, tel).</summary>
public sealed record UriAction(
    [property: JsonPropertyName("uri")] string Uri) : Action
{
    /// <summary>Opened instead of <see cref="Uri"/> on LINE for PC; Flex only.</summary>
    [JsonPropertyName("altUri")]
    public AltUri? AltUri { get; init; }
}

/// <summary>A URI opened instead on LINE for macOS and Windows.</summary>
/// <param name="Desktop">The URI for LINE on macOS and Windows.</param>
public sealed record AltUri(
    [property: JsonPropertyName("desktop")] string Desktop);

/// <summary>
/// Lets the user pick a date and/or time; the pick comes back as a postback whose params carry it, without a time zone.
/// Values look like <c>2017-06-18</c>, <c>06:15</c> or <c>2017-06-18T06:15</c> depending on <see cref="Mode"/>.
/// </summary>
public sealed record DatetimePickerAction(
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("mode")] string Mode) : Action
{
    /// <summary>The value first shown, in the picker's mode format.</summary>
    [JsonPropertyName("initial")]
    public string? Initial { get; init; }

    /// <summary>The maximum number of narrowcast messages to send.</summary>
    [JsonPropertyName("max")]
    public string? Max { get; init; }

    /// <summary>The earliest value that can be picked.</summary>
    [JsonPropertyName("min")]
    public string? Min { get; init; }
}

/// <summary>Opens the camera. Quick reply only.</summary>
public sealed record CameraAction : Action;

/// <summary>Opens the photo library. Quick reply only.</summary>
public sealed record CameraRollAction : Action;

/// <summary>Opens the location picker. Quick reply only.</summary>
public sealed record LocationAction : Action;

/// <summary>Copies <see cref="ClipboardText"/> to the user's clipboard (LINE 14.0.0+).</summary>
public sealed record ClipboardAction(
    [property: JsonPropertyName("clipboardText")] string ClipboardText) : Action;

/// <summary>Switches to the rich menu with this alias and sends a postback. Rich menus only.</summary>
public sealed record RichMenuSwitchAction(
    [property: JsonPropertyName("richMenuAliasId")] string RichMenuAliasId,
    [property: JsonPropertyName("data")] string Data) : Action;

/// <summary>The <c>mode</c> values of <see cref="DatetimePickerAction"/>.</summary>
public static class DatetimePickerMode
{
    /// <summary>A date, <c>yyyy-MM-dd</c>.</summary>
    public const string Date = "date";
    /// <summary>A time, <c>HH:mm</c>.</summary>
    public const string Time = "time";
    /// <summary>A date and time, <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public const string DateTime = "datetime";
}
