using System.Text.Json.Serialization;

namespace ItaBot.Line.Messages;

/// <summary>What happens when a user taps a button, quick reply item or rich-menu area.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(PostbackAction), "postback")]
[JsonDerivedType(typeof(MessageAction), "message")]
[JsonDerivedType(typeof(UriAction), "uri")]
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
    [JsonPropertyName("displayText")]
    public string? DisplayText { get; init; }

    [JsonPropertyName("inputOption")]
    public string? InputOption { get; init; }

    [JsonPropertyName("fillInText")]
    public string? FillInText { get; init; }
}

/// <summary>Sends <see cref="Text"/> as if the user had typed it.</summary>
public sealed record MessageAction(
    [property: JsonPropertyName("text")] string Text) : Action;

/// <summary>Opens a link (http, https, line, tel).</summary>
public sealed record UriAction(
    [property: JsonPropertyName("uri")] string Uri) : Action;
