using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Prompts;

/// <summary>How a prompt asks, asks again and gives up. Kept in the dialog state, so it is plain JSON-able data.</summary>
public sealed record PromptOptions
{
    public Reply? Prompt { get; init; }

    /// <summary>Said after an answer that was not understood; by default a hint for the prompt's kind.</summary>
    public Reply? RetryPrompt { get; init; }

    /// <summary>Data for the prompt's validator (a maximum length, say).</summary>
    public JsonNode? Validations { get; init; }

    /// <summary>
    /// How many answers are accepted before the prompt gives up politely and ends the flow; null for no limit.
    /// </summary>
    public int? MaxAttempts { get; init; } = 3;

    /// <summary>Said on giving up; by default <see cref="DialogTexts.PromptGiveUp"/>.</summary>
    public Reply? GiveUpPrompt { get; init; }
}

/// <summary>The JSON contract of what the engine keeps in state.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PromptOptions))]
public sealed partial class DialogJsonContext : JsonSerializerContext;
