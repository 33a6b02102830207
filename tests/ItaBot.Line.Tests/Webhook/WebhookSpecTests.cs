using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using ItaBot.Line.Webhook;
using Xunit;
using YamlDotNet.Serialization;

namespace ItaBot.Line.Tests.Webhook;

/// <summary>
/// LINE's webhook.yml (the copy in <c>openapi/</c>) drives these tests. The spec carries no event examples at the
/// copied commit, so one instance per discriminator mapping is built from the schemas: every property, distinct
/// values. Each must parse to the record of the same name and surface every value it was given. A new event type
/// in a future copy of the spec makes the test fail until the parser knows it.
/// </summary>
public sealed class WebhookSpecTests
{
    private static readonly Lazy<Dictionary<object, object>> Schemas = new(LoadSchemas);

    public static TheoryData<string, string> EventMappings => Mappings("Event");

    public static TheoryData<string, string> MessageMappings => Mappings("MessageContent");

    public static TheoryData<string, string> SourceMappings => Mappings("Source");

    [Theory]
    [MemberData(nameof(EventMappings))]
    public void ParseEvent_EveryEventTypeInTheSpec_IsItsTypedRecordWithEveryValue(string type, string schema)
    {
        var instance = new Generator().Object(schema, type);

        var parsed = WebhookParser.ParseEvent(instance.ToJsonString());

        Assert.Equal(schema, parsed.GetType().Name);
        Assert.Equal(type, parsed.Type);
        AssertEveryValueSurfaces(instance, parsed);
    }

    [Theory]
    [MemberData(nameof(MessageMappings))]
    public void ParseEvent_EveryMessageTypeInTheSpec_IsItsTypedContentWithEveryValue(string type, string schema)
    {
        var generator = new Generator();
        var instance = generator.Object("MessageEvent", "message");
        instance["message"] = generator.Object(schema, type);

        var parsed = Assert.IsType<MessageEvent>(WebhookParser.ParseEvent(instance.ToJsonString()));

        Assert.Equal(schema, parsed.Message.GetType().Name);
        AssertEveryValueSurfaces(instance, parsed);
    }

    [Theory]
    [MemberData(nameof(SourceMappings))]
    public void ParseEvent_EverySourceTypeInTheSpec_IsItsTypedSource(string type, string schema)
    {
        var generator = new Generator();
        var instance = generator.Object("FollowEvent", "follow");
        instance["source"] = generator.Object(schema, type);

        var parsed = WebhookParser.ParseEvent(instance.ToJsonString());

        Assert.Equal(schema, parsed.Source!.GetType().Name);
        AssertEveryValueSurfaces(instance, parsed);
    }

    [Fact]
    public void Spec_EventMappings_AreTheNineteenWeKnow()
    {
        // Guards the theory above against an empty or unreadable spec copy.
        Assert.Equal(19, EventMappings.Count);
        Assert.Equal(7, MessageMappings.Count);
        Assert.Equal(3, SourceMappings.Count);
    }

    /// <summary>Every string and number put into the JSON must be readable somewhere on the typed record.</summary>
    private static void AssertEveryValueSurfaces(JsonNode instance, object parsed)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        CollectJson(instance, given);
        var surfaced = new HashSet<string>(StringComparer.Ordinal);
        CollectModel(parsed, surfaced);

        Assert.Empty(given.Except(surfaced).Order(StringComparer.Ordinal));
    }

    private static void CollectJson(JsonNode? node, HashSet<string> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key.StartsWith("key:", StringComparison.Ordinal))
                    {
                        into.Add(key);
                    }

                    CollectJson(value, into);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    CollectJson(item, into);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                into.Add(s);
                break;
            case JsonValue v when v.TryGetValue<long>(out var n):
                into.Add(n.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValue v when v.TryGetValue<double>(out var d):
                into.Add(d.ToString("R", CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void CollectModel(object? value, HashSet<string> into)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                into.Add(s);
                return;
            case int or long:
                into.Add(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                return;
            case double d:
                into.Add(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case IReadOnlyDictionary<string, string> map:
                foreach (var (k, v) in map)
                {
                    into.Add(k);
                    into.Add(v);
                }

                return;
            case IEnumerable items:
                foreach (var item in items)
                {
                    CollectModel(item, into);
                }

                return;
        }

        if (value.GetType().Namespace != typeof(WebhookEvent).Namespace)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties())
        {
            // The raw JSON would trivially contain everything.
            if (property.Name != nameof(WebhookEvent.Json) && property.GetIndexParameters().Length == 0)
            {
                CollectModel(property.GetValue(value), into);
            }
        }
    }

    private static TheoryData<string, string> Mappings(string schema)
    {
        var data = new TheoryData<string, string>();
        foreach (var (key, target) in Map(Map(Map(Schemas.Value[schema])["discriminator"])["mapping"]))
        {
            data.Add((string)key, RefName((string)target));
        }

        return data;
    }

    private static Dictionary<object, object> LoadSchemas()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", "webhook.yml");
        var document = Map(new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(path))!);
        return Map(Map(document["components"])["schemas"]);
    }

    private static Dictionary<object, object> Map(object node) => (Dictionary<object, object>)node;

    private static string RefName(string reference) => reference["#/components/schemas/".Length..];

    /// <summary>Builds an instance of a schema with every property, each string and number distinct.</summary>
    private sealed class Generator
    {
        private long _next = 1000;

        /// <summary>An instance of <paramref name="schema"/> whose discriminator is <paramref name="discriminatorValue"/>.</summary>
        public JsonObject Object(string schema, string discriminatorValue)
        {
            var result = new JsonObject();
            Fill(Map(Schemas.Value[schema]), result, schema);
            result["type"] = discriminatorValue;
            return result;
        }

        private void Fill(Dictionary<object, object> schema, JsonObject into, string path)
        {
            if (schema.TryGetValue("$ref", out var reference))
            {
                Fill(Map(Schemas.Value[RefName((string)reference)]), into, path);
                return;
            }

            if (schema.TryGetValue("allOf", out var allOf))
            {
                foreach (var part in (List<object>)allOf)
                {
                    Fill(Map(part), into, path);
                }
            }

            if (schema.TryGetValue("properties", out var properties))
            {
                foreach (var (name, property) in Map(properties))
                {
                    into[(string)name] = Value(Map(property), $"{path}.{name}");
                }
            }
        }

        private JsonNode Value(Dictionary<object, object> schema, string path)
        {
            if (schema.TryGetValue("$ref", out var reference))
            {
                var name = RefName((string)reference);
                var target = Map(Schemas.Value[name]);
                // A reference to a polymorphic base: build its first variant.
                if (target.TryGetValue("discriminator", out var discriminator))
                {
                    var (key, variant) = Map(Map(discriminator)["mapping"]).First();
                    return Object(RefName((string)variant), (string)key);
                }

                var result = new JsonObject();
                Fill(target, result, path);
                // A variant referenced directly (UserSource in joined.members) still carries its discriminator value.
                foreach (var baseSchema in Schemas.Value.Values)
                {
                    if (Map(baseSchema).TryGetValue("discriminator", out var d)
                        && Map(Map(d)["mapping"]).FirstOrDefault(m => RefName((string)m.Value) == name) is { Key: string key })
                    {
                        result[(string)Map(d)["propertyName"]] = key;
                    }
                }

                return result;
            }

            if (schema.TryGetValue("enum", out var values))
            {
                return JsonValue.Create((string)((List<object>)values)[0]);
            }

            return (schema.TryGetValue("type", out var type) ? (string)type : "object") switch
            {
                "string" => JsonValue.Create("v:" + path),
                "integer" => JsonValue.Create(_next++),
                "number" => JsonValue.Create(_next++ + 0.25),
                "boolean" => JsonValue.Create(true),
                "array" => new JsonArray(Value(Map(schema["items"]), path + "[]")),
                _ when schema.TryGetValue("additionalProperties", out var additional) =>
                    new JsonObject { ["key:" + path] = Value(Map(additional), path + "{}") },
                _ => ObjectOf(schema, path),
            };
        }

        private JsonObject ObjectOf(Dictionary<object, object> schema, string path)
        {
            var result = new JsonObject();
            Fill(schema, result, path);
            return result;
        }
    }
}
