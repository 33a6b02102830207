using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItaBot.Line;

/// <summary>The one set of JSON options for LINE payloads: nulls omitted, discriminators accepted in any position.</summary>
public static class LineJson
{
    /// <summary>The JSON options of LINE's wire format (camelCase, nulls omitted, UTF-8 kept) for messages and rich menus.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // LINE does not promise that "type" comes first.
            AllowOutOfOrderMetadataProperties = true,
            // Thai stays readable in stored JSON and logs of shapes; LINE accepts either form.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
