using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ItaBot.Flex;

/// <summary>
/// One Flex template: LINE Flex JSON with placeholders (see <c>flex-templates/README.md</c>).
/// Rendering walks the JSON tree and builds a new tree: placeholders are replaced inside string VALUES only, so no
/// content (a quote, a brace, a newline in a service name) can ever change the JSON's shape.
/// Every rendered node remembers the template path it came from, so an error found after rendering names the
/// template's own JSON path.
/// </summary>
internal sealed partial class FlexTemplate
{
    public const string Each = "$each";
    public const string As = "$as";
    public const string Item = "$item";
    public const string Limit = "$limit";
    public const string If = "$if";
    public const string Unless = "$unless";

    private readonly JsonNode _root;

    public FlexTemplate(string name, string displayPath, JsonNode root)
    {
        Name = name;
        DisplayPath = displayPath;
        _root = root;
    }

    /// <summary>The file name without extension: <c>service</c>, <c>contact</c>…</summary>
    public string Name { get; }

    /// <summary>How errors name the file, e.g. <c>flex-templates/service.json</c>.</summary>
    public string DisplayPath { get; }

    /// <summary>Renders with <paramref name="model"/> as the root scope.</summary>
    /// <exception cref="FlexTemplateException">A placeholder or directive names data the model does not have.</exception>
    public RenderedTemplate Render(JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var origins = new Dictionary<JsonNode, string>(ReferenceEqualityComparer.Instance);
        var scope = new Scope(model, null, null);
        var rendered = RenderNode(_root, "$", scope, origins) ?? throw Error("$", "the template renders to nothing");
        return new RenderedTemplate(this, rendered, origins);
    }

    private JsonNode? RenderNode(JsonNode? node, string path, Scope scope, Dictionary<JsonNode, string> origins)
    {
        JsonNode? result;
        switch (node)
        {
            case JsonObject obj:
                if (!Included(obj, path, scope))
                {
                    return null;
                }

                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key is If or Unless)
                    {
                        continue;
                    }

                    if (key.StartsWith('$'))
                    {
                        throw Error(Child(path, key), $"'{key}' is not a directive here ({Each} belongs in an array; {If} and {Unless} on an object)");
                    }

                    var child = RenderNode(value, Child(path, key), scope, origins);
                    if (child is not null || value is null)
                    {
                        copy[key] = child;
                    }
                }

                result = copy;
                break;

            case JsonArray array:
                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var elementPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    if (array[i] is JsonObject each && each.ContainsKey(Each))
                    {
                        foreach (var expanded in Expand(each, elementPath, scope, origins))
                        {
                            items.Add(expanded);
                        }
                    }
                    else if (RenderNode(array[i], elementPath, scope, origins) is { } element)
                    {
                        items.Add(element);
                    }
                }

                result = items;
                break;

            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                result = JsonValue.Create(Substitute(value.GetValue<string>(), path, scope));
                break;

            case null:
                return null;

            default:
                result = node.DeepClone();
                break;
        }

        origins[result] = path;
        return result;
    }

    private IEnumerable<JsonNode> Expand(JsonObject each, string path, Scope scope, Dictionary<JsonNode, string> origins)
    {
        if (!Included(each, path, scope))
        {
            yield break;
        }

        var sourcePath = each[Each] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Error(Child(path, Each), "must be a string naming an array of the data");
        var name = each[As] is JsonValue a && a.GetValueKind() == JsonValueKind.String ? a.GetValue<string>() : "item";
        var template = each[Item] ?? throw Error(path, $"{Each} needs an {Item} to repeat");
        var limit = each[Limit] is JsonValue l && l.TryGetValue<int>(out var max) ? max : int.MaxValue;
        foreach (var key in each.Select(p => p.Key))
        {
            if (key is not (Each or As or Item or Limit or If or Unless))
            {
                throw Error(Child(path, key), $"unknown key beside {Each} (allowed: {As}, {Item}, {Limit}, {If}, {Unless})");
            }
        }

        if (scope.Resolve(sourcePath) is not (true, var source))
        {
            throw Error(Child(path, Each), $"'{sourcePath}' is not in the data");
        }

        if (source is null)
        {
            yield break;
        }

        if (source is not JsonArray list)
        {
            throw Error(Child(path, Each), $"'{sourcePath}' is not a list");
        }

        var count = Math.Min(list.Count, limit);
        for (var i = 0; i < count; i++)
        {
            var loop = new JsonObject { ["index"] = i, ["number"] = i + 1, ["first"] = i == 0, ["last"] = i == count - 1 };
            var inner = new Scope(new JsonObject(), scope, (name, list[i], loop));
            if (RenderNode(template, Child(path, Item), inner, origins) is { } rendered)
            {
                yield return rendered;
            }
        }
    }

    private bool Included(JsonObject obj, string path, Scope scope)
    {
        if (obj[If] is { } condition && !Truthy(condition, Child(path, If), scope))
        {
            return false;
        }

        return obj[Unless] is not { } negated || !Truthy(negated, Child(path, Unless), scope);
    }

    private bool Truthy(JsonNode condition, string path, Scope scope)
    {
        if (condition is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            throw Error(path, "must be a string naming a value of the data");
        }

        var name = v.GetValue<string>();
        if (scope.Resolve(name) is not (true, var value))
        {
            throw Error(path, $"'{name}' is not in the data");
        }

        return value switch
        {
            null => false,
            JsonArray list => list.Count > 0,
            JsonObject => true,
            JsonValue b when b.GetValueKind() is JsonValueKind.False => false,
            JsonValue s when s.GetValueKind() is JsonValueKind.String => s.GetValue<string>().Length > 0,
            _ => true,
        };
    }

    /// <summary>One pass over the template text: substituted values are never scanned again.</summary>
    private string Substitute(string text, string path, Scope scope)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        return Placeholder().Replace(text, match =>
        {
            var name = match.Groups["path"].Value;
            if (scope.Resolve(name) is not (true, var value))
            {
                throw Error(path, $"placeholder {{{{{name}}}}} is not in the data");
            }

            var plain = value switch
            {
                null => "",
                JsonValue s when s.GetValueKind() == JsonValueKind.String => s.GetValue<string>(),
                JsonValue n when n.GetValueKind() == JsonValueKind.Number => n.ToJsonString(),
                JsonValue b when b.GetValueKind() is JsonValueKind.True or JsonValueKind.False => b.ToJsonString(),
                _ => throw Error(path, $"placeholder {{{{{name}}}}} is a list or an object; use {Each} for lists"),
            };
            return match.Groups["filter"].Success ? ApplyFilter(match.Groups["filter"].Value, plain, path) : plain;
        });
    }

    private string ApplyFilter(string filter, string value, string path) => filter switch
    {
        "uri" => Uri.EscapeDataString(value),
        "tel" => TelDigits(value),
        _ => throw Error(path, $"unknown filter '|{filter}' (known: uri, tel)"),
    };

    /// <summary>"044-056-100 ต่อ 11" → "044056100": the digits a phone dials, before any extension words.</summary>
    private static string TelDigits(string value)
    {
        var digits = new StringBuilder();
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
            else if (c is not ('-' or ' ' or '(' or ')' or '.') && digits.Length > 0)
            {
                break;
            }
        }

        return digits.ToString();
    }

    private FlexTemplateException Error(string path, string problem) => new(DisplayPath, path, problem);

    private static string Child(string path, string key) =>
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') ? $"{path}.{key}" : $"{path}['{key}']";

    [GeneratedRegex(@"\{\{\s*(?<path>[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*)\s*(?:\|\s*(?<filter>[a-z]+)\s*)?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>The names visible while rendering: the model, and each enclosing loop's item and <c>$loop</c>.</summary>
    private sealed class Scope(JsonObject root, Scope? parent, (string Name, JsonNode? Item, JsonObject Loop)? binding)
    {
        private readonly JsonObject _root = root;
        private readonly Scope? _parent = parent;
        private readonly (string Name, JsonNode? Item, JsonObject Loop)? _binding = binding;

        public (bool Found, JsonNode? Value) Resolve(string dotted)
        {
            var parts = dotted.Split('.');
            if (!TryFirst(parts[0], out var current))
            {
                return (false, null);
            }

            for (var i = 1; i < parts.Length; i++)
            {
                if (current is not JsonObject obj || !obj.TryGetPropertyValue(parts[i], out current))
                {
                    return (false, null);
                }
            }

            return (true, current);
        }

        private bool TryFirst(string name, out JsonNode? value)
        {
            for (var s = this; s is not null; s = s._parent)
            {
                if (s._binding is { } b)
                {
                    if (string.Equals(name, b.Name, StringComparison.Ordinal))
                    {
                        value = b.Item;
                        return true;
                    }

                    if (string.Equals(name, "$loop", StringComparison.Ordinal))
                    {
                        value = b.Loop;
                        return true;
                    }
                }
                else if (s._root.TryGetPropertyValue(name, out value))
                {
                    return true;
                }
            }

            value = null;
            return false;
        }
    }
}

/// <summary>A rendered template and the map from its nodes back to the template's JSON paths.</summary>
internal sealed class RenderedTemplate(FlexTemplate template, JsonNode json, IReadOnlyDictionary<JsonNode, string> origins)
{
    public FlexTemplate Template { get; } = template;

    public JsonNode Json { get; } = json;

    /// <summary>
    /// The template path behind a path of the rendered JSON (<c>$.contents[3].footer</c> → <c>$.contents[0].$item.footer</c>):
    /// the deepest rendered node on the way that came from the template, plus the rest of the path.
    /// </summary>
    public string TemplatePathOf(string renderedPath)
    {
        var segments = JsonPathSegments.Split(renderedPath);
        JsonNode? node = Json;
        var known = origins.GetValueOrDefault(Json, "$");
        var rest = new StringBuilder();
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject o when segment.Name is { } name => o[name],
                JsonArray a when segment.Index is int i && i < a.Count => a[i],
                _ => null,
            };
            if (node is not null && origins.TryGetValue(node, out var origin))
            {
                known = origin;
                rest.Clear();
            }
            else
            {
                rest.Append(segment.Text);
            }
        }

        return known + rest;
    }
}

/// <summary>Splits <c>$.body.contents[2].action</c> into segments.</summary>
internal static partial class JsonPathSegments
{
    public static IReadOnlyList<(string? Name, int? Index, string Text)> Split(string path)
    {
        var result = new List<(string?, int?, string)>();
        foreach (Match m in Segment().Matches(path))
        {
            if (m.Groups["index"].Success)
            {
                result.Add((null, int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture), m.Value));
            }
            else
            {
                var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Value;
                result.Add((name, null, m.Value));
            }
        }

        return result;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
