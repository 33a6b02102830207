using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItaBot.Content;
using ItaBot.Line.Messages;

namespace ItaBot.Flex;

/// <summary>
/// The Flex templates of <c>flex-templates/</c>, loaded once and checked at start: JSON syntax, placeholders and
/// directives, then every template rendered with the content pack (every service, FAQ entry, unit…), read as LINE
/// Flex by <see cref="FlexContainer.Parse(string)"/>, linted (links, image URLs, colours, empty texts) and checked
/// against LINE's limits by <see cref="MessageValidator"/>. Any failure names the template file and its JSON path.
/// </summary>
internal sealed partial class FlexTemplates
{
    public const string ServiceCard = "service";
    public const string ServiceList = "service-list";
    public const string ContactCard = "contact";
    public const string ExecutiveCards = "executives";
    public const string NewsCarousel = "news";
    public const string FaqAnswer = "faq";
    public const string CaseCard = "case";
    public const string CaseList = "case-list";
    public const string ReportSummary = "report-summary";

    /// <summary>LINE allows 12 bubbles in a carousel.</summary>
    public const int MaxBubbles = MessageLimits.FlexCarouselBubbles;

    /// <summary>The templates of the content pack's own cards; features add theirs through <see cref="IFlexSamples"/>.</summary>
    public static readonly IReadOnlyList<string> Core = [ServiceCard, ServiceList, ContactCard, ExecutiveCards, NewsCarousel, FaqAnswer];

    private static readonly string[] UriSchemes = ["http://", "https://", "line://", "tel:"];

    private static readonly HashSet<string> ComponentTypes = new(
        ["bubble", "carousel", "box", "button", "image", "video", "icon", "text", "span", "separator", "filler", "linearGradient"], StringComparer.Ordinal);

    private static readonly HashSet<string> ActionTypes = new(
        ["postback", "message", "uri", "datetimepicker", "clipboard"], StringComparer.Ordinal);

    private readonly Dictionary<string, FlexTemplate> _templates;
    private readonly IReadOnlyList<IFlexSamples> _features;

    private FlexTemplates(string directory, Dictionary<string, FlexTemplate> templates, IReadOnlyList<IFlexSamples> features)
    {
        Directory = directory;
        _templates = templates;
        _features = features;
    }

    public string Directory { get; }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>Loads and checks every template; throws the first problem.</summary>
    public static FlexTemplates Load(string directory, ContentPack sample, IEnumerable<IFlexSamples> features)
    {
        var (templates, errors) = TryLoad(directory, sample, features);
        return templates ?? throw errors[0];
    }

    /// <summary>
    /// Loads every <c>*.json</c> of <paramref name="directory"/> and renders each with <paramref name="sample"/> and the
    /// features' samples; the core templates and every feature's are required.
    /// </summary>
    public static (FlexTemplates? Templates, IReadOnlyList<FlexTemplateException> Errors) TryLoad(string directory, ContentPack? sample, IEnumerable<IFlexSamples> features)
    {
        var featureList = features.ToList();
        var errors = new List<FlexTemplateException>();
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var templates = new Dictionary<string, FlexTemplate>(StringComparer.Ordinal);
        IEnumerable<string> files = System.IO.Directory.Exists(directory) ? System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal) : [];
        foreach (var file in files)
        {
            var display = $"{folder}/{Path.GetFileName(file)}";
            try
            {
                var root = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
                    ?? throw new FlexTemplateException(display, "$", "the file holds null");
                templates[Path.GetFileNameWithoutExtension(file)] = new FlexTemplate(Path.GetFileNameWithoutExtension(file), display, root);
            }
            catch (JsonException ex)
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}");
                errors.Add(new FlexTemplateException(display, ex.Path ?? "$", $"invalid JSON at {where}: {FirstSentence(ex.Message)}", ex));
            }
        }

        foreach (var name in Core.Concat(featureList.SelectMany(f => f.Templates)).Where(n => !templates.ContainsKey(n) && !errors.Any(e => e.File.EndsWith("/" + n + ".json", StringComparison.Ordinal))))
        {
            errors.Add(new FlexTemplateException($"{folder}/{name}.json", "$", "the template is missing"));
        }

        var loaded = new FlexTemplates(directory, templates, featureList);
        if (errors.Count == 0 && sample is not null)
        {
            errors.AddRange(loaded.Validate(sample));
        }

        return errors.Count == 0 ? (loaded, []) : (null, errors);
    }

    /// <summary>Renders every template with every piece of <paramref name="pack"/> it can show; the first problem per template.</summary>
    public IReadOnlyList<FlexTemplateException> Validate(ContentPack pack)
    {
        var errors = new List<FlexTemplateException>();
        foreach (var (name, samples) in Samples(pack))
        {
            if (!_templates.ContainsKey(name))
            {
                continue;
            }

            foreach (var (what, model) in samples)
            {
                try
                {
                    Render(name, model, "ตรวจสอบแม่แบบ");
                }
                catch (FlexTemplateException ex)
                {
                    errors.Add(new FlexTemplateException(ex.File, ex.JsonPath, $"{ex.Problem} (with {what})", ex.InnerException));
                    break;
                }
            }
        }

        return errors;
    }

    /// <summary>Renders a template into a Flex container that LINE will accept.</summary>
    /// <exception cref="FlexTemplateException">The template, with this data, breaks a rule; the message names file and path.</exception>
    public FlexContainer Render(string name, JsonObject model, string altText)
    {
        var template = _templates.GetValueOrDefault(name)
            ?? throw new FlexTemplateException($"{Path.GetFileName(Directory)}/{name}.json", "$", "no such template");
        var rendered = template.Render(model);
        Lint(rendered);
        FlexContainer container;
        try
        {
            container = FlexContainer.Parse(rendered.Json.ToJsonString());
        }
        catch (JsonException ex)
        {
            throw new FlexTemplateException(template.DisplayPath, rendered.TemplatePathOf(ex.Path ?? "$"), "not LINE Flex: " + FirstSentence(ex.Message), ex);
        }
        catch (NotSupportedException ex)
        {
            throw new FlexTemplateException(template.DisplayPath, "$", "not LINE Flex: " + FirstSentence(ex.Message), ex);
        }

        try
        {
            MessageValidator.Validate([new FlexMessage(altText, container)]);
        }
        catch (LineMessageLimitException ex)
        {
            const string prefix = "messages[0].contents";
            var path = ex.Property.StartsWith(prefix, StringComparison.Ordinal) ? "$" + ex.Property[prefix.Length..] : "$";
            var problem = ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            throw new FlexTemplateException(template.DisplayPath, rendered.TemplatePathOf(path), problem, ex);
        }

        return container;
    }

    private IEnumerable<(string Name, IEnumerable<(string What, JsonObject Model)> Samples)> Samples(ContentPack pack)
    {
        yield return (ServiceCard, pack.Services.Select(s => ($"service '{s.Id}'", FlexCardModels.Service(pack, s))));
        yield return (ServiceList, pack.Units.Select(u => (u, pack.Services.Where(s => string.Equals(s.UnitId, u.Id, StringComparison.Ordinal)).ToList()))
            .Where(p => p.Item2.Count > 0)
            .Select(p => ($"unit '{p.u.Id}'", FlexCardModels.ServiceList(pack, p.u, p.Item2))));
        yield return (ContactCard, [("the agency", FlexCardModels.Contact(pack))]);
        yield return (ExecutiveCards, [("the executives", FlexCardModels.Executives(pack, MaxBubbles))]);
        yield return (NewsCarousel, [("the news", FlexCardModels.News(pack, MaxBubbles))]);
        yield return (FaqAnswer, pack.Faq.Select(f => ($"FAQ '{f.Id}'", FlexCardModels.Faq(pack, f))));
        foreach (var feature in _features)
        {
            foreach (var samples in feature.Samples(pack))
            {
                yield return samples;
            }
        }
    }

    /// <summary>What LINE refuses but the Flex model does not check: link schemes, image URLs, colours, empty texts, mixed bubble sizes.</summary>
    private static void Lint(RenderedTemplate rendered)
    {
        void Fail(string path, string problem) =>
            throw new FlexTemplateException(rendered.Template.DisplayPath, rendered.TemplatePathOf(path), problem);

        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    var type = obj["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
                    var isAction = path.EndsWith(".action", StringComparison.Ordinal) || path.EndsWith(".defaultAction", StringComparison.Ordinal);
                    if (type is not null && !(isAction ? ActionTypes : ComponentTypes).Contains(type))
                    {
                        Fail(path + ".type", $"\"{type}\" is not a LINE Flex {(isAction ? "action" : "component")} type");
                    }

                    if (isAction && type == "uri")
                    {
                        var uri = obj["uri"]?.GetValue<string>() ?? "";
                        if (!UriSchemes.Any(s => uri.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || uri.Length <= 6)
                        {
                            Fail(path + ".uri", $"\"{uri}\" is not an http, https, line or tel link");
                        }
                    }

                    if (!isAction && type is "image" or "icon" or "video")
                    {
                        var url = obj["url"]?.GetValue<string>() ?? "";
                        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.Length > 2000)
                        {
                            Fail(path + ".url", $"\"{url}\" is not an HTTPS URL of at most 2000 characters");
                        }
                    }

                    if (!isAction && type == "text" && obj["contents"] is null && string.IsNullOrEmpty(obj["text"]?.GetValue<string>()))
                    {
                        Fail(path + ".text", "a text component needs non-empty text (use $if to leave it out)");
                    }

                    if (type == "carousel" && obj["contents"] is JsonArray bubbles
                        && bubbles.Select(b => b?["size"]?.GetValue<string>() ?? "mega").Distinct(StringComparer.Ordinal).Count() > 1)
                    {
                        Fail(path + ".contents", "every bubble of a carousel must have the same size");
                    }

                    foreach (var (key, value) in obj)
                    {
                        var childPath = $"{path}.{key}";
                        if (key.EndsWith("olor", StringComparison.Ordinal) && value is JsonValue c && c.GetValueKind() == JsonValueKind.String
                            && !HexColour().IsMatch(c.GetValue<string>()))
                        {
                            Fail(childPath, $"\"{c.GetValue<string>()}\" is not a colour like #1B4F8C");
                        }

                        Walk(value, childPath);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
                    }

                    break;
                default:
                    break;
            }
        }

        Walk(rendered.Json, "$");
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).Trim();
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColour();
}
