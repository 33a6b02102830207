using System.Globalization;
using System.Text.Json.Nodes;
using ItaBot.Content;

namespace ItaBot.Flex;

/// <summary>
/// The data the templates see, built from the content pack. Names here are the template contract documented in
/// <c>flex-templates/README.md</c>; every value is text already formatted for a Thai reader.
/// </summary>
internal static class FlexCardModels
{
    /// <summary>Postback data the information dialogs understand (see <c>Information/InformationRoutes</c>).</summary>
    public static string ServicePostback(string serviceId) => "info=service&id=" + serviceId;

    public static string UnitPostback(string unitId) => "info=services&unit=" + unitId;

    public static JsonObject Service(ContentPack pack, Service service)
    {
        var unit = pack.FindUnit(service.UnitId);
        return new JsonObject
        {
            ["agency"] = Agency(pack.Agency),
            ["service"] = new JsonObject
            {
                ["id"] = service.Id,
                ["name"] = service.Name,
                ["description"] = service.Description ?? "",
                ["steps"] = new JsonArray([.. service.Steps.Select(s => (JsonNode)new JsonObject { ["description"] = s.Description, ["time"] = s.Time })]),
                ["totalTime"] = service.TotalTime,
                ["fee"] = service.Fee.ToString(),
                ["isFree"] = service.Fee.IsFree,
                ["documents"] = Texts(service.Documents.Count > 0 ? service.Documents : ["ไม่ต้องใช้เอกสาร"]),
                ["channels"] = new JsonArray([.. service.Channels.Select(c => (JsonNode)new JsonObject { ["kind"] = ChannelName(c.Kind), ["detail"] = c.Detail })]),
                ["laws"] = Texts(service.Laws),
                ["note"] = service.Note ?? "",
                ["unit"] = Unit(unit, pack.Agency),
                ["unitPostback"] = UnitPostback(service.UnitId),
            },
        };
    }

    public static JsonObject ServiceList(ContentPack pack, Unit unit, IReadOnlyList<Service> services) => new()
    {
        ["agency"] = Agency(pack.Agency),
        ["unit"] = Unit(unit, pack.Agency),
        ["services"] = new JsonArray([.. services.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id,
            ["name"] = s.Name,
            ["totalTime"] = s.TotalTime,
            ["fee"] = s.Fee.IsFree ? ServiceFee.NoFeeText : "มีค่าธรรมเนียม",
            ["postback"] = ServicePostback(s.Id),
        })]),
    };

    public static JsonObject Contact(ContentPack pack) => new() { ["agency"] = Agency(pack.Agency) };

    public static JsonObject Executives(ContentPack pack, int max) => new()
    {
        ["agency"] = Agency(pack.Agency),
        ["executives"] = new JsonArray([.. pack.Executives.Take(max).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["name"] = e.Name,
            ["position"] = e.Position,
            ["group"] = GroupName(e.Group),
            ["photoUrl"] = e.PhotoUrl.AbsoluteUri,
            ["hasPhone"] = e.Phone is not null,
            ["phone"] = e.Phone ?? pack.Agency.Phones[0].Number,
            ["phoneLabel"] = e.Phone is null ? "โทร สำนักงาน" : "โทร " + e.Phone,
            ["email"] = e.Email ?? "",
        })]),
    };

    /// <summary>The newest items first, at most <paramref name="max"/>.</summary>
    public static JsonObject News(ContentPack pack, int max) => new()
    {
        ["agency"] = Agency(pack.Agency),
        ["news"] = new JsonArray([.. pack.News.OrderByDescending(n => n.Date).Take(max).Select(n => (JsonNode)new JsonObject
        {
            ["id"] = n.Id,
            ["title"] = n.Title,
            ["date"] = ThaiDates.Short(n.Date),
            ["summary"] = n.Summary,
            ["imageUrl"] = n.ImageUrl.AbsoluteUri,
            ["url"] = n.Url.AbsoluteUri,
        })]),
    };

    public static JsonObject Faq(ContentPack pack, FaqEntry faq)
    {
        var service = faq.ServiceId is null ? null : pack.FindService(faq.ServiceId);
        return new JsonObject
        {
            ["agency"] = Agency(pack.Agency),
            ["faq"] = new JsonObject
            {
                ["id"] = faq.Id,
                ["question"] = faq.Question,
                ["answer"] = faq.Answer,
                ["hasService"] = service is not null,
                ["servicePostback"] = service is null ? "" : ServicePostback(service.Id),
                ["serviceName"] = service?.Name ?? "",
                ["related"] = new JsonArray([.. faq.Related.Select(pack.FindFaq).OfType<FaqEntry>().Take(3)
                    .Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["question"] = r.Question })]),
            },
        };
    }

    private static JsonObject Agency(Agency agency)
    {
        var hours = agency.OfficeHours;
        var lunch = hours.LunchStart is { } ls && hours.LunchEnd is { } le ? $"พักกลางวัน {Time(ls)}–{Time(le)} น." : "";
        return new JsonObject
        {
            ["name"] = agency.Name,
            ["shortName"] = agency.ShortName,
            ["address"] = agency.Address.Full,
            ["days"] = hours.DaysText,
            ["hours"] = $"{Time(hours.Open)}–{Time(hours.Close)} น.",
            ["lunch"] = lunch,
            ["hoursNote"] = hours.Note ?? "",
            ["phone"] = agency.Phones.Count > 0 ? agency.Phones[0].Number : "",
            ["phones"] = new JsonArray([.. agency.Phones.Select(p => (JsonNode)new JsonObject { ["label"] = p.Label, ["number"] = p.Number })]),
            ["email"] = agency.Email,
            ["website"] = agency.Website.AbsoluteUri,
            ["websiteHost"] = agency.Website.Host,
            ["lineOaId"] = agency.LineOaId,
            ["latitude"] = agency.Location.Latitude.ToString("0.######", CultureInfo.InvariantCulture),
            ["longitude"] = agency.Location.Longitude.ToString("0.######", CultureInfo.InvariantCulture),
            ["sample"] = agency.Sample,
        };
    }

    private static JsonObject Unit(Unit? unit, Agency agency) => unit is null
        ? new JsonObject { ["id"] = "", ["name"] = agency.Name, ["phone"] = agency.Phones[0].Number, ["phoneText"] = agency.Phones[0].Number, ["email"] = agency.Email }
        : new JsonObject
        {
            ["id"] = unit.Id,
            ["name"] = unit.Name,
            ["phone"] = unit.Phone,
            ["phoneText"] = unit.Extension is null ? unit.Phone : $"{unit.Phone} ต่อ {unit.Extension}",
            ["email"] = unit.Email ?? agency.Email,
        };

    private static JsonArray Texts(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);

    private static string Time(TimeOnly t) => t.ToString("HH.mm", CultureInfo.InvariantCulture);

    private static string ChannelName(ChannelKind kind) => kind switch
    {
        ChannelKind.Office => "ณ สำนักงาน",
        ChannelKind.OneStopService => "One Stop Service",
        ChannelKind.EService => "E-Service",
        ChannelKind.Line => "LINE",
        ChannelKind.Phone => "โทรศัพท์",
        ChannelKind.Website => "เว็บไซต์",
        _ => kind.ToString(),
    };

    private static string GroupName(ExecutiveGroup group) => group switch
    {
        ExecutiveGroup.Executive => "ฝ่ายบริหาร",
        ExecutiveGroup.Council => "สภาเทศบาล",
        ExecutiveGroup.Staff => "ฝ่ายประจำ",
        _ => "",
    };
}
