using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ItaBot.Content;

/// <summary>One file of the pack being read: its display name and the shared error list.</summary>
internal sealed class ContentFile(string name, List<ContentError> errors)
{
    public string Name { get; } = name;

    public void Error(YamlNode? node, string field, string message) =>
        errors.Add(new ContentError(Name, node is null ? 0 : LineOf(node), field, message));

    public void Error(int line, string field, string message) => errors.Add(new ContentError(Name, line, field, message));

    public static int LineOf(YamlNode node) => checked((int)node.Start.Line);
}

/// <summary>
/// Reads the fields of one YAML mapping, recording a located error for every missing, malformed or unknown field
/// and returning a harmless default so that reading goes on and every mistake is reported in one pass.
/// </summary>
internal sealed partial class YamlFields
{
    private readonly ContentFile _file;
    private readonly YamlMappingNode _map;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private YamlFields(ContentFile file, YamlMappingNode map, string path)
    {
        _file = file;
        _map = map;
        Path = path;
    }

    public string Path { get; }

    public int Line => ContentFile.LineOf(_map);

    public ContentFile File => _file;

    /// <summary>The fields of <paramref name="node"/>, or null (with an error) when it is not a mapping.</summary>
    public static YamlFields? Of(ContentFile file, YamlNode? node, string path, int fallbackLine)
    {
        if (node is YamlMappingNode map)
        {
            return new YamlFields(file, map, path);
        }

        if (node is null)
        {
            file.Error(fallbackLine, path, "is required");
        }
        else
        {
            file.Error(node, path, "must be a mapping of fields (key: value)");
        }

        return null;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The value node of <paramref name="key"/>, or null when absent, empty or null.</summary>
    public YamlNode? Node(string key)
    {
        _read.Add(key);
        if (!_map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node is YamlScalarNode scalar && IsNull(scalar) ? null : node;
    }

    public bool Has(string key) => Node(key) is not null;

    public string Text(string key, int maxLength = 0) => OptionalText(key, maxLength) ?? Missing(key, string.Empty);

    public string? OptionalText(string key, int maxLength = 0)
    {
        var node = Node(key);
        return node is null ? null : Scalar(node, PathOf(key), maxLength);
    }

    /// <summary>A list of text; a single text counts as a one-item list.</summary>
    public IReadOnlyList<string> TextList(string key, bool required = false, int maxItemLength = 0)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return required ? Missing(key, Array.Empty<string>()) : [];
            case YamlScalarNode:
                return Scalar(node, PathOf(key), maxItemLength) is { } one ? [one] : [];
            case YamlSequenceNode sequence:
                var items = new List<string>(sequence.Children.Count);
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    var itemPath = $"{PathOf(key)}[{i.ToString(CultureInfo.InvariantCulture)}]";
                    if (item is YamlScalarNode s && IsNull(s))
                    {
                        _file.Error(item, itemPath, "is empty");
                    }
                    else if (Scalar(item, itemPath, maxItemLength) is { } text)
                    {
                        items.Add(text);
                    }
                }

                if (required && items.Count == 0 && sequence.Children.Count == 0)
                {
                    _file.Error(node, PathOf(key), "must list at least one item");
                }

                return items;
            default:
                _file.Error(node, PathOf(key), "must be a list of text");
                return [];
        }
    }

    /// <summary>A list of mappings, each read by <paramref name="read"/>.</summary>
    public IReadOnlyList<T> Items<T>(string key, Func<YamlFields, T> read, bool required = true)
    {
        var node = Node(key);
        if (node is null)
        {
            return required ? Missing(key, Array.Empty<T>()) : [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            _file.Error(node, PathOf(key), "must be a list (items starting with \"- \")");
            return [];
        }

        if (required && sequence.Children.Count == 0)
        {
            _file.Error(node, PathOf(key), "must list at least one item");
        }

        var items = new List<T>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = $"{PathOf(key)}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (Of(_file, sequence.Children[i], itemPath, ContentFile.LineOf(sequence.Children[i])) is { } fields)
            {
                items.Add(read(fields));
                fields.ReportUnknown();
            }
        }

        return items;
    }

    /// <summary>A nested mapping read by <paramref name="read"/>; null (with an error) when absent or not a mapping.</summary>
    public T? Child<T>(string key, Func<YamlFields, T> read)
        where T : class
    {
        var fields = Of(_file, Node(key), PathOf(key), Line);
        if (fields is null)
        {
            return null;
        }

        var value = read(fields);
        fields.ReportUnknown();
        return value;
    }

    /// <summary>An identifier: lower-case letters, digits, '-', '_' or '.', the way other files refer to it.</summary>
    public string Id(string key = "id")
    {
        var node = Node(key);
        var text = node is null ? null : Scalar(node, PathOf(key), 64);
        if (text is null)
        {
            return Missing(key, string.Empty);
        }

        if (!IdPattern().IsMatch(text))
        {
            _file.Error(node, PathOf(key), $"\"{text}\" is not a valid id (use a-z, 0-9, '-', '_' or '.', starting with a letter or digit)");
        }

        return text;
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var node = Node(key);
        if (node is null)
        {
            return fallback;
        }

        var text = Scalar(node, PathOf(key), 0);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            _file.Error(node, PathOf(key), $"must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return fallback;
        }

        return value;
    }

    public double Double(string key, double min, double max)
    {
        var node = Node(key);
        if (node is null)
        {
            return Missing(key, 0d);
        }

        var text = Scalar(node, PathOf(key), 0);
        if (text is null)
        {
            return 0d;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            _file.Error(node, PathOf(key), $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return 0d;
        }

        return value;
    }

    public bool Bool(string key, bool fallback)
    {
        var node = Node(key);
        if (node is null)
        {
            return fallback;
        }

        var text = Scalar(node, PathOf(key), 0);
        if (text is null)
        {
            return fallback;
        }

        if (!bool.TryParse(text, out var value))
        {
            _file.Error(node, PathOf(key), "must be true or false");
            return fallback;
        }

        return value;
    }

    /// <summary>A calendar date written as ISO yyyy-MM-dd (Common Era, as YAML tools expect).</summary>
    public DateOnly Date(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            return Missing(key, default(DateOnly));
        }

        var text = Scalar(node, PathOf(key), 0);
        if (text is null)
        {
            return default;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            _file.Error(node, PathOf(key), $"\"{text}\" is not a valid date; write it as yyyy-MM-dd in the Common Era (e.g. 2025-01-31)");
            return default;
        }

        return date;
    }

    public TimeOnly Time(string key) => OptionalTime(key) ?? Missing(key, default(TimeOnly));

    public TimeOnly? OptionalTime(string key)
    {
        var node = Node(key);
        var text = node is null ? null : Scalar(node, PathOf(key), 0);
        if (text is null)
        {
            return null;
        }

        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            _file.Error(node, PathOf(key), $"\"{text}\" is not a time; write it as HH:mm (e.g. 08:30)");
            return null;
        }

        return time;
    }

    /// <summary>An absolute https URL no longer than <paramref name="maxLength"/> (LINE refuses http and long URLs).</summary>
    public Uri Https(string key, int maxLength = 1000) =>
        OptionalHttps(key, maxLength) ?? Missing(key, new Uri("https://invalid.invalid/"));

    public Uri? OptionalHttps(string key, int maxLength = 1000)
    {
        var node = Node(key);
        var text = node is null ? null : Scalar(node, PathOf(key), 0);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
        {
            _file.Error(node, PathOf(key), $"\"{text}\" must be an absolute https:// URL (LINE accepts no other scheme)");
            return new Uri("https://invalid.invalid/");
        }

        if (text.Length > maxLength)
        {
            _file.Error(node, PathOf(key), $"is {text.Length.ToString(CultureInfo.InvariantCulture)} characters; LINE accepts at most {maxLength.ToString(CultureInfo.InvariantCulture)}");
        }

        return uri;
    }

    /// <summary>A Thai phone number usable in a tel: link: digits, spaces and dashes, optionally a leading +.</summary>
    public string Phone(string key) => OptionalPhone(key) ?? Missing(key, string.Empty);

    public string? OptionalPhone(string key)
    {
        var node = Node(key);
        var text = node is null ? null : Scalar(node, PathOf(key), 0);
        if (text is not null && !PhonePattern().IsMatch(text))
        {
            _file.Error(node, PathOf(key), $"\"{text}\" is not a phone number (digits, spaces and dashes only, e.g. 044-056-123; put extensions in their own field)");
        }

        return text;
    }

    public string Email(string key) => OptionalEmail(key) ?? Missing(key, string.Empty);

    public string? OptionalEmail(string key)
    {
        var node = Node(key);
        var text = node is null ? null : Scalar(node, PathOf(key), 0);
        if (text is not null && !EmailPattern().IsMatch(text))
        {
            _file.Error(node, PathOf(key), $"\"{text}\" is not an e-mail address");
        }

        return text;
    }

    /// <summary>One of a fixed set of words, mapped to <typeparamref name="T"/>.</summary>
    public T Choice<T>(string key, IReadOnlyDictionary<string, T> choices, T fallback)
    {
        var node = Node(key);
        var text = node is null ? null : Scalar(node, PathOf(key), 0);
        if (text is null)
        {
            return Missing(key, fallback);
        }

        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        _file.Error(node, PathOf(key), $"\"{text}\" is not one of: {string.Join(", ", choices.Keys)}");
        return fallback;
    }

    /// <summary>Names fields that nothing read: usually a typo such as "fees:" for "fee:".</summary>
    public void ReportUnknown()
    {
        foreach (var (keyNode, _) in _map.Children)
        {
            var key = keyNode is YamlScalarNode s ? s.Value ?? string.Empty : string.Empty;
            if (!_read.Contains(key))
            {
                _file.Error(keyNode, PathOf(key), $"unknown field (known fields here: {string.Join(", ", _read)})");
            }
        }
    }

    public void Error(YamlNode? node, string key, string message) => _file.Error(node ?? _map, PathOf(key), message);

    public void Error(string key, string message) => Error(null, key, message);

    private string? Scalar(YamlNode node, string path, int maxLength)
    {
        if (node is not YamlScalarNode scalar)
        {
            _file.Error(node, path, "must be a single value, not a list or mapping");
            return null;
        }

        var text = scalar.Value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return null;
        }

        if (maxLength > 0 && text.Length > maxLength)
        {
            _file.Error(node, path, $"is {text.Length.ToString(CultureInfo.InvariantCulture)} characters; at most {maxLength.ToString(CultureInfo.InvariantCulture)} allowed");
        }

        return text;
    }

    private T Missing<T>(string key, T fallback)
    {
        _file.Error(Line, PathOf(key), "is required");
        return fallback;
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
            ? scalar.Value is null or "" or "~" or "null" or "Null" or "NULL"
            : string.IsNullOrWhiteSpace(scalar.Value);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{4,18}[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
