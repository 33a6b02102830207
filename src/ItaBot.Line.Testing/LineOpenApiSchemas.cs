using System.Collections.Concurrent;
using ItaBot.Line.Client;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace ItaBot.Line.Testing;

/// <summary>
/// LINE's OpenAPI document (the copy in <c>openapi/</c>) turned into a JSON Schema 2020-12 document whose
/// <c>$defs</c> are its component schemas, so a payload can be validated against e.g. <c>PushMessageRequest</c>.
/// OpenAPI's <c>discriminator</c> is not a JSON Schema keyword; it becomes <c>if</c>/<c>then</c> per mapping, or
/// a text message missing its text would pass as a plain <c>Message</c>. The document is LINE's line-openapi
/// <c>messaging-api.yml</c> (Apache-2.0), embedded in this assembly.
/// </summary>
public static class LineOpenApiSchemas
{
    /// <summary>The embedded copy of LINE's <c>messaging-api.yml</c>, as a resource name of this assembly.</summary>
    internal const string MessagingApiResource = "ItaBot.Line.Testing.openapi.messaging-api.yml";

    private static readonly Uri DocumentUri = new("https://itabot.invalid/line-openapi/messaging-api.json");

    // JSON Schema formats the evaluator knows; OpenAPI's int32/int64/double/binary are type hints, not checks.
    private static readonly HashSet<string> KeptFormats = ["uri", "date-time", "uuid"];

    private static readonly HashSet<string> OpenApiOnlyKeywords = ["externalDocs", "example", "discriminator", "nullable"];

    private static readonly Lazy<BuildOptions> Build = new(CreateBuildOptions);

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Evaluation = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    /// <summary>Validates <paramref name="instance"/> against <c>#/components/schemas/{schemaName}</c>, e.g. <c>PushMessageRequest</c>.</summary>
    public static EvaluationResults Evaluate(string schemaName, JsonElement instance) =>
        Schemas.GetOrAdd(schemaName, static name =>
        {
            var reference = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$ref"] = $"{DocumentUri}#/$defs/{name}",
            };
            return JsonSchema.Build(JsonSerializer.SerializeToElement(reference), Build.Value);
        }).Evaluate(instance, Evaluation);

    /// <summary>
    /// Why <paramref name="instance"/> is not a valid <paramref name="schemaName"/>, as LINE words an error body's
    /// <c>details</c>: the property in LINE's path style (<c>messages[0].text</c>) and the problem; empty when valid.
    /// </summary>
    public static IReadOnlyList<LineErrorDetail> Problems(string schemaName, JsonElement instance)
    {
        var results = Evaluate(schemaName, instance);
        if (results.IsValid)
        {
            return [];
        }

        return [.. Failures(results)
            .Select(f => new LineErrorDetail(f.Message, LinePath(f.Location)))
            .Distinct()];
    }

    /// <summary>Builds the request schemas of the send operations now, so the first check is as quick as the others.</summary>
    internal static void Warm()
    {
        using var empty = JsonDocument.Parse("{}");
        foreach (var name in new[] { "ReplyMessageRequest", "PushMessageRequest", "MulticastRequest", "NarrowcastRequest", "BroadcastRequest", "ValidateMessageRequest" })
        {
            _ = Evaluate(name, empty.RootElement);
        }
    }

    /// <summary>The failing leaves of an evaluation, one line each, for assertion messages.</summary>
    public static string Describe(EvaluationResults results) =>
        string.Join(Environment.NewLine, Failures(results).Select(f => $"{f.Location} ({f.EvaluationPath}): {f.Keyword}: {f.Message}"));

    private static IEnumerable<(string Location, string EvaluationPath, string Keyword, string Message)> Failures(EvaluationResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return (results.Details ?? [])
            // A failing "if" only means "this branch does not apply"; it is not a reason the instance is invalid.
            .Where(d => d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
            .SelectMany(d => d.Errors!.Select(e => (d.InstanceLocation.ToString(), d.EvaluationPath.ToString(), e.Key, e.Value)));
    }

    /// <summary>A JSON pointer such as <c>/messages/0/text</c> in LINE's style, <c>messages[0].text</c>.</summary>
    internal static string LinePath(string pointer)
    {
        var path = new StringBuilder();
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                path.Append('[').Append(name).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(name);
            }
        }

        return path.ToString();
    }

    /// <summary>LINE's <c>messaging-api.yml</c> (paths, operations, schemas) as JSON, read from the embedded copy.</summary>
    public static JsonNode MessagingApiDocument()
    {
        using var stream = typeof(LineOpenApiSchemas).Assembly.GetManifestResourceStream(MessagingApiResource)!;
        return ReadYaml(stream);
    }

    private static BuildOptions CreateBuildOptions()
    {
        var document = ToJsonSchemaDocument(MessagingApiDocument());

        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        JsonSchema.Build(JsonSerializer.SerializeToElement(document), options, DocumentUri);
        return options;
    }

    internal static JsonObject ToJsonSchemaDocument(JsonNode openApi)
    {
        var schemas = openApi["components"]!["schemas"]!.AsObject();
        var defs = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            defs[name] = schema!.DeepClone();
        }

        foreach (var (name, schema) in defs.ToList())
        {
            if (schema!["discriminator"]?["mapping"] is JsonObject mapping)
            {
                AddDispatch(defs, name, mapping);
            }
        }

        foreach (var (_, schema) in defs)
        {
            Clean(schema!);
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = DocumentUri.ToString(),
            ["$defs"] = defs,
        };
    }

    /// <summary>
    /// Base schema <c>B</c> becomes <c>B__base</c>; <c>B</c> is then "<c>B__base</c>, a known <c>type</c>, and the
    /// mapped schema for that type". The mapped schemas' own <c>allOf: [$ref B]</c> now point at <c>B__base</c>,
    /// which keeps the dispatch from recursing into itself.
    /// </summary>
    private static void AddDispatch(JsonObject defs, string name, JsonObject mapping)
    {
        var property = (string)defs[name]!["discriminator"]!["propertyName"]!;
        var baseName = name + "__base";
        var baseRef = "#/components/schemas/" + name;
        defs[baseName] = defs[name]!.DeepClone();

        var branches = new JsonArray();
        var values = new JsonArray();
        foreach (var (value, target) in mapping)
        {
            var targetName = ((string)target!)["#/components/schemas/".Length..];
            if (defs[targetName]?["allOf"] is JsonArray allOf)
            {
                foreach (var part in allOf)
                {
                    if (part?["$ref"] is JsonValue r && (string)r! == baseRef)
                    {
                        part["$ref"] = "#/components/schemas/" + baseName;
                    }
                }
            }

            values.Add(value);
            branches.Add(new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["required"] = new JsonArray(property),
                    ["properties"] = new JsonObject { [property] = new JsonObject { ["const"] = value } },
                },
                ["then"] = new JsonObject { ["$ref"] = (string)target! },
            });
        }

        branches.Add(new JsonObject { ["$ref"] = "#/components/schemas/" + baseName });
        defs[name] = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray(property),
            ["properties"] = new JsonObject { [property] = new JsonObject { ["enum"] = values } },
            ["allOf"] = branches,
        };
    }

    private static void Clean(JsonNode node)
    {
        switch (node)
        {
            case JsonObject schema:
                CleanSchema(schema);
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Clean(child);
                    }
                }

                break;
            default:
                break;
        }
    }

    private static void CleanSchema(JsonObject schema)
    {
        if (schema["nullable"] is JsonValue nullable && (bool)nullable! && schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray((string)type!, "null");
        }

        if (schema["format"] is JsonValue format && format.GetValueKind() == JsonValueKind.String
            && !KeptFormats.Contains((string)format!))
        {
            schema.Remove("format");
        }

        foreach (var key in schema.Select(p => p.Key).Where(k => OpenApiOnlyKeywords.Contains(k) || k.StartsWith("x-", StringComparison.Ordinal)).ToList())
        {
            schema.Remove(key);
        }

        if (schema["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String)
        {
            schema["$ref"] = ((string)reference!).Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        }

        foreach (var (key, child) in schema.ToList())
        {
            switch (child)
            {
                // Under "properties" the keys are property names (which could be "format" or "example"), the values schemas.
                case JsonObject map when key == "properties":
                    foreach (var (_, propertySchema) in map)
                    {
                        if (propertySchema is not null)
                        {
                            Clean(propertySchema);
                        }
                    }

                    break;
                case JsonObject or JsonArray when key is not ("enum" or "const" or "default" or "required"):
                    Clean(child);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A YAML document (an OpenAPI file) as JSON; only plain scalars become numbers, booleans or null.</summary>
    public static JsonNode ReadYaml(Stream yaml)
    {
        using var reader = new StreamReader(yaml);
        var stream = new YamlStream();
        stream.Load(reader);
        return ToJson(stream.Documents[0].RootNode)!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new NotSupportedException($"YAML node {node.NodeType} at {node.Start}"),
    };

    // Only plain scalars are numbers, booleans or null; quoted ones ("5", "true") stay strings.
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "~" or "null" or "" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
