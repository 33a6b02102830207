using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Content;
using ItaBot.Dialogs.Turns;

namespace ItaBot.QandA;

/// <summary>
/// The bot's answer for an entry: complete text (it is also the alt text of the card), a card the Flex templates
/// render (<c>{"template":"faq","faqId":…}</c> or <c>{"template":"service","serviceId":…}</c>), and a way onward:
/// up to three related topics and the menu.
/// </summary>
internal static class QaAnswers
{
    public const string ChoicePrefix = "qa:";
    public const string MenuData = "menu=main";
    public const int MaxRelated = 3;

    public static Choice MenuChoice { get; } = new("เมนู", MenuData);

    public static string ChoiceValue(QaEntry entry) => ChoicePrefix + entry.Id;

    /// <summary>Sends the answer to <paramref name="entry"/> (one or two messages; see <see cref="For"/>).</summary>
    public static async Task SendAsync(ITurnContext turn, QaEntry entry, ContentPack pack, Func<string, QaEntry?> find, CancellationToken cancellationToken)
    {
        foreach (var reply in For(entry, pack, find))
        {
            await turn.SendAsync(reply, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The answer, then the card its FAQ entry names (<c>template:</c> executives, contact or news) as a message of its
    /// own, since a card's text is only its alternative text; a <c>location</c> entry carries the office's map pin.
    /// An answer that says "ในการ์ดนี้" or "ดูแผนที่" therefore always comes with the card or the pin.
    /// </summary>
    public static IReadOnlyList<Reply> For(QaEntry entry, ContentPack pack, Func<string, QaEntry?> find)
    {
        var (text, card, related) = entry.Id switch
        {
            var id when id.StartsWith(QaCatalog.FaqPrefix, StringComparison.Ordinal) && pack.FindFaq(id[QaCatalog.FaqPrefix.Length..]) is { } faq =>
                (faq.Answer, (JsonNode?)Card("faq", "faqId", faq.Id), Related(faq, pack)),
            var id when id.StartsWith(QaCatalog.ServicePrefix, StringComparison.Ordinal) && pack.FindService(id[QaCatalog.ServicePrefix.Length..]) is { } service =>
                (Summary(service, pack), (JsonNode?)Card("service", "serviceId", service.Id), pack.Faq.Where(f => f.ServiceId == service.Id).Select(f => QaCatalog.FaqPrefix + f.Id)),
            var id when id.StartsWith(QaCatalog.ExecutivePrefix, StringComparison.Ordinal)
                && pack.Executives.FirstOrDefault(e => QaCatalog.ExecutivePrefix + e.Id == id) is { } executive =>
                (Describe(executive), (JsonNode?)Card("executive", "executiveId", executive.Id), [QaCatalog.FaqPrefix + "executives"]),
            var id when id.StartsWith(QaCatalog.UnitPrefix, StringComparison.Ordinal) && pack.FindUnit(id[QaCatalog.UnitPrefix.Length..]) is { } unit =>
                (Describe(unit), (JsonNode?)null, [QaCatalog.FaqPrefix + "department-phones", QaCatalog.FaqPrefix + "org-structure"]),
            _ => (entry.Title, (JsonNode?)null, Enumerable.Empty<string>()),
        };

        List<Choice> choices = [.. related.Where(r => r != entry.Id).Select(find).OfType<QaEntry>().Take(MaxRelated)
            .Select(r => new Choice(r.Title, ChoiceValue(r))), MenuChoice];
        var faqEntry = entry.Id.StartsWith(QaCatalog.FaqPrefix, StringComparison.Ordinal) ? pack.FindFaq(entry.Id[QaCatalog.FaqPrefix.Length..]) : null;
        var answer = new Reply { Text = text, Card = card, Location = faqEntry?.Template == LocationTemplate ? OfficePin(pack.Agency) : null };
        if (faqEntry?.Template is { } template && SeparateCards.Contains(template))
        {
            return [answer, new Reply { Text = text, Card = new JsonObject { ["template"] = template }, Choices = choices }];
        }

        return [answer with { Choices = choices }];
    }

    /// <summary>FAQ templates that are cards of their own (the Flex templates of the same names), sent after the answer.</summary>
    public static readonly IReadOnlySet<string> SeparateCards = new HashSet<string>(StringComparer.Ordinal) { "executives", "contact", "news" };

    /// <summary>The FAQ template that sends the office's map pin with the answer.</summary>
    public const string LocationTemplate = "location";

    private static Dialogs.Turns.GeoLocation OfficePin(Agency agency) =>
        new(agency.Location.Latitude, agency.Location.Longitude, agency.Name, agency.Address.Full);

    /// <summary>The service in a few lines: name, fee (or "ไม่มีค่าธรรมเนียม"), total time, documents, where.</summary>
    public static string Summary(Service service, ContentPack pack)
    {
        var text = new StringBuilder();
        text.Append(service.Name).Append('\n');
        text.Append("ค่าธรรมเนียม: ").Append(service.Fee.ToString()).Append('\n');
        text.Append("ใช้เวลา: ").Append(service.TotalTime).Append('\n');
        if (service.Documents.Count > 0)
        {
            text.Append("เอกสารที่ใช้:\n");
            foreach (var document in service.Documents)
            {
                text.Append("• ").Append(document).Append('\n');
            }
        }

        var where = service.Channels.FirstOrDefault(c => c.Kind == ChannelKind.Office) ?? (service.Channels.Count > 0 ? service.Channels[0] : null);
        if (where is not null)
        {
            text.Append("ติดต่อ: ").Append(where.Detail).Append('\n');
        }

        if (pack.FindUnit(service.UnitId) is { } unit)
        {
            text.Append("โทร ").Append(unit.Phone);
            if (unit.Extension is { } extension)
            {
                text.Append(" ต่อ ").Append(extension);
            }

            text.Append(" (").Append(unit.Name).Append(')');
        }

        return text.ToString().TrimEnd();
    }

    private static IEnumerable<string> Related(FaqEntry faq, ContentPack pack) =>
        [.. faq.Related.Select(r => QaCatalog.FaqPrefix + r), .. faq.ServiceId is { } s && pack.FindService(s) is not null ? [QaCatalog.ServicePrefix + s] : Array.Empty<string>()];

    private static string Describe(Executive executive)
    {
        var text = new StringBuilder($"{executive.Position}: {executive.Name}");
        if (executive.Phone is { } phone)
        {
            text.Append("\nโทร ").Append(phone);
        }

        if (executive.Email is { } email)
        {
            text.Append("\nอีเมล ").Append(email);
        }

        return text.ToString();
    }

    private static string Describe(Unit unit)
    {
        var text = new StringBuilder(unit.Name);
        text.Append(CultureInfo.InvariantCulture, $"\n{unit.HeadPosition}: {unit.Head}\nโทร {unit.Phone}");
        if (unit.Extension is { } extension)
        {
            text.Append(" ต่อ ").Append(extension);
        }

        if (unit.Duties.Count > 0)
        {
            text.Append("\nงานที่รับผิดชอบ:");
            foreach (var duty in unit.Duties.Take(6))
            {
                text.Append("\n• ").Append(duty);
            }
        }

        return text.ToString();
    }

    private static JsonObject Card(string template, string key, string id) => new JsonObject { ["template"] = template, [key] = id };
}
