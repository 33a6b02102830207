using System.Text.Json.Nodes;
using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Line.Messages;

namespace ItaBot.Flex;

/// <summary>
/// Draws the cards dialogs put on replies, from the current content pack:
/// <c>{"template":"service","serviceId":…}</c>, <c>{"template":"faq","faqId":…}</c>, <c>{"template":"contact"}</c>,
/// <c>{"template":"executives"}</c>, <c>{"template":"news"}</c>, <c>{"template":"service-list","unitId":…}</c>,
/// <c>{"template":"case","case":{…}}</c> and <c>{"template":"case-list","cases":[…]}</c> (see <c>Complaints/CaseCards</c>).
/// Null for other cards, unknown ids, or a card that breaks LINE's rules with this content (after a content reload,
/// say): the reply's text is then sent instead, and the problem is logged without the content.
/// </summary>
internal sealed partial class FlexCardRenderer(FlexTemplates templates, ContentPackProvider content, ILogger<FlexCardRenderer> logger) : ICardRenderer
{
    /// <summary>
    /// Cards drawn from the content pack alone (a service, an FAQ answer, a unit's services, the contact card, the
    /// executives, the news) are the same every time for one pack, and Flex containers are immutable: each is drawn
    /// once per pack (a reloaded pack is a new instance and starts empty) instead of on every answer.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ContentPack, System.Collections.Concurrent.ConcurrentDictionary<(string, string), FlexContainer>> _drawn = new();

    public FlexContainer? Render(JsonNode card)
    {
        if (card is not JsonObject o || o["template"] is not JsonValue t || !t.TryGetValue<string>(out var template))
        {
            return null;
        }

        var pack = content.Current;
        var packId = template switch
        {
            FlexTemplates.ServiceCard => Id(o, "serviceId"),
            FlexTemplates.FaqAnswer => Id(o, "faqId"),
            FlexTemplates.ServiceList => Id(o, "unitId"),
            FlexTemplates.ContactCard or FlexTemplates.ExecutiveCards or FlexTemplates.NewsCarousel => "",
            _ => null,
        };
        var drawn = packId is null ? null : _drawn.GetValue(pack, static _ => new(EqualityComparer<(string, string)>.Default));
        if (drawn is not null && drawn.TryGetValue((template, packId!), out var known))
        {
            return known;
        }

        var container = Draw(o, template, pack);
        if (drawn is not null && container is not null)
        {
            drawn.TryAdd((template, packId!), container);
        }

        return container;
    }

    private FlexContainer? Draw(JsonObject o, string template, ContentPack pack)
    {
        var model = template switch
        {
            FlexTemplates.ServiceCard => Id(o, "serviceId") is { } id && pack.FindService(id) is { } service ? FlexCardModels.Service(pack, service) : null,
            FlexTemplates.FaqAnswer => Id(o, "faqId") is { } id && pack.FindFaq(id) is { } faq ? FlexCardModels.Faq(pack, faq) : null,
            FlexTemplates.ContactCard => FlexCardModels.Contact(pack),
            FlexTemplates.ExecutiveCards => pack.Executives.Count > 0 ? FlexCardModels.Executives(pack, FlexTemplates.MaxBubbles) : null,
            FlexTemplates.NewsCarousel => pack.News.Count > 0 ? FlexCardModels.News(pack, FlexTemplates.MaxBubbles) : null,
            FlexTemplates.ServiceList => Id(o, "unitId") is { } id && pack.FindUnit(id) is { } unit
                && pack.Services.Where(s => string.Equals(s.UnitId, id, StringComparison.Ordinal)).ToList() is { Count: > 0 } list
                    ? FlexCardModels.ServiceList(pack, unit, list)
                    : null,
            // Case cards carry their own data (the case is not in the content pack); the agency comes from the pack.
            FlexTemplates.CaseCard => o["case"] is JsonObject data
                ? new JsonObject { ["case"] = data.DeepClone(), ["agency"] = FlexCardModels.Contact(pack)["agency"]!.DeepClone() }
                : null,
            FlexTemplates.CaseList => o["cases"] is JsonArray { Count: > 0 } cases ? new JsonObject { ["cases"] = cases.DeepClone() } : null,
            _ => null,
        };
        if (model is null)
        {
            return null;
        }

        try
        {
            return templates.Render(template, model, "ข้อมูลจากเทศบาล");
        }
        catch (FlexTemplateException ex)
        {
            LogCardRefused(logger, template, ex.File, ex.JsonPath);
            return null;
        }
    }

    private static string? Id(JsonObject card, string key) =>
        card[key] is JsonValue v && v.TryGetValue<string>(out var id) && id.Length > 0 ? id : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card '{Template}' not drawn: {File} at {JsonPath} breaks a LINE rule with the current content; the text answer is sent instead")]
    private static partial void LogCardRefused(ILogger logger, string template, string file, string jsonPath);
}
