using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ItaBot.Dialogs.Turns;

/// <summary>An option the user can pick: shown as a button, recognised by label, value, number or synonym.</summary>
/// <param name="Label">What the user sees (and, on a plain-text button, what the user sends).</param>
/// <param name="Value">What the dialog receives; a postback button carries it as data.</param>
public sealed record Choice(string Label, string Value)
{
    [JsonConstructor]
    public Choice(string label, string value, IReadOnlyList<string>? synonyms)
        : this(label, value) => Synonyms = synonyms ?? [];

    public Choice(string label)
        : this(label, label)
    {
    }

    /// <summary>Other words that pick this choice ("ถนน" for "ถนน/ทางเท้าชำรุด").</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];

    /// <summary>
    /// What tapping does. <see cref="ChoiceKind.Pick"/> sends <see cref="Value"/> back; the others open the phone's
    /// location picker, camera or photo library, and what the user then shares arrives as its own activity.
    /// </summary>
    public ChoiceKind Kind { get; init; } = ChoiceKind.Pick;

    /// <summary>A button that opens the location picker.</summary>
    public static Choice ShareLocation(string label) => new(label, "") { Kind = ChoiceKind.ShareLocation };

    /// <summary>A button that opens the camera.</summary>
    public static Choice Camera(string label) => new(label, "") { Kind = ChoiceKind.Camera };

    /// <summary>A button that opens the photo library.</summary>
    public static Choice PhotoLibrary(string label) => new(label, "") { Kind = ChoiceKind.PhotoLibrary };
}

/// <summary>What tapping a <see cref="Choice"/> does.</summary>
public enum ChoiceKind
{
    /// <summary>Sends the choice's value back to the bot.</summary>
    Pick,

    /// <summary>Opens the location picker; the shared location comes back as a location activity.</summary>
    ShareLocation,

    /// <summary>Opens the camera; the photo comes back as an attachment activity.</summary>
    Camera,

    /// <summary>Opens the photo library; the photo comes back as an attachment activity.</summary>
    PhotoLibrary,
}

/// <summary>
/// One outgoing message, channel-neutral. The host renders it: text with quick-reply buttons for
/// <see cref="Choices"/>, a card from <see cref="Card"/>, a map pin from <see cref="Location"/>.
/// </summary>
public sealed record Reply
{
    public string? Text { get; init; }

    /// <summary>Suggested actions (quick replies).</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>
    /// A card the host renders (a Flex template name and data, say); <see cref="Text"/> is then its alternative text.
    /// JSON rather than any object because prompts keep their replies in the stored state to ask again on a later turn.
    /// </summary>
    public JsonNode? Card { get; init; }

    public GeoLocation? Location { get; init; }

    public static Reply FromText(string text) => new() { Text = text };

    public static Reply FromText(string text, IReadOnlyList<Choice> choices) => new() { Text = text, Choices = choices };

    public static implicit operator Reply(string text) => FromText(text);
}
