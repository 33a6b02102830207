using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Content;
using ItaBot.Flex;
using ItaBot.Line;
using ItaBot.Line.Messages;

namespace ItaBot.Tests.Flex;

public sealed class FlexTemplatesTests
{
    internal static string RepoFolder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItaBot.sln")))
            {
                return Path.Combine(dir.FullName, name);
            }
        }

        throw new InvalidOperationException("The repository root (ItaBot.sln) was not found above the test binaries.");
    }

    internal static ContentPack ShippedContent() => ContentPackLoader.Load(RepoFolder("content"));

    /// <summary>The features' cards, registered with Flex as the service registers them.</summary>
    internal static readonly IReadOnlyList<ItaBot.Flex.IFlexSamples> Features = [new ItaBot.Complaints.CaseCardSamples(), new ItaBot.Reports.MonthlySummarySamples()];

    internal static FlexTemplates ShippedTemplates(ContentPack pack) => FlexTemplates.Load(RepoFolder("flex-templates"), pack, Features);

    /// <summary>A copy of the shipped templates in a fresh folder, with one file replaced.</summary>
    private static string CopyWith(string file, Func<string, string> change)
    {
        var directory = Path.Combine(Support.TempDirectory.Create(), "flex-templates");
        Directory.CreateDirectory(directory);
        foreach (var source in Directory.GetFiles(RepoFolder("flex-templates"), "*.json"))
        {
            var text = File.ReadAllText(source);
            File.WriteAllText(Path.Combine(directory, Path.GetFileName(source)), Path.GetFileName(source) == file ? change(text) : text);
        }

        return directory;
    }

    [Fact]
    public void Load_ShippedTemplatesWithShippedContent_EveryTemplateRendersWithinLineLimits()
    {
        var pack = ShippedContent();

        var (templates, errors) = FlexTemplates.TryLoad(RepoFolder("flex-templates"), pack, Features);

        Assert.Empty(errors.Select(e => e.Message));
        Assert.NotNull(templates);
        Assert.Superset(FlexTemplates.Core.Concat(Features.SelectMany(f => f.Templates)).ToHashSet(), templates.Names.ToHashSet());
    }

    [Fact]
    public void Render_EveryServiceCard_PassesMessageValidatorAndShowsFeeStepsAndCallButton()
    {
        var pack = ShippedContent();
        var templates = ShippedTemplates(pack);

        foreach (var service in pack.Services)
        {
            var bubble = Assert.IsType<FlexBubble>(templates.Render(FlexTemplates.ServiceCard, FlexCardModels.Service(pack, service), service.Name));
            MessageValidator.Validate([new FlexMessage(service.Name, bubble)]);
            var json = JsonSerializer.Serialize<FlexContainer>(bubble, LineJson.Options);
            Assert.Contains(service.Name.Replace("\"", "\\\"", StringComparison.Ordinal), json, StringComparison.Ordinal);
            Assert.Contains(service.Fee.IsFree ? "ไม่มีค่าธรรมเนียม" : "บาท", json, StringComparison.Ordinal);
            Assert.All(service.Steps, s => Assert.Contains(s.Time, json, StringComparison.Ordinal));
            var call = Assert.IsType<UriAction>(Assert.IsType<FlexButton>(bubble.Footer!.Contents[0]).Action);
            Assert.Matches("^tel:[0-9]{9,10}$", call.Uri);
        }
    }

    [Fact]
    public void Render_QuoteBraceAndNewlineInContent_StayTextAndNeverChangeTheJsonShape()
    {
        var pack = ShippedContent();
        var templates = ShippedTemplates(pack);
        var tricky = pack.Services[0] with { Name = "ชื่อ \"}, {\"type\":\"button\" {{service.id}}\nบรรทัดใหม่" };

        var bubble = Assert.IsType<FlexBubble>(templates.Render(FlexTemplates.ServiceCard, FlexCardModels.Service(pack, tricky), "alt"));

        var name = Assert.IsType<FlexText>(bubble.Header!.Contents[1]);
        Assert.Equal(tricky.Name, name.Text);
        Assert.Equal(3, bubble.Header.Contents.Count);
    }

    [Fact]
    public void Render_NewsWithMoreThanTwelveItems_CarouselKeepsTheNewestTwelve()
    {
        var pack = ShippedContent();
        var templates = ShippedTemplates(pack);
        var many = pack with
        {
            News = [.. Enumerable.Range(1, 20).Select(i => pack.News[0] with { Id = $"n{i}", Title = $"ข่าวที่ {i}", Date = new DateOnly(2025, 1, i) })],
        };

        var carousel = Assert.IsType<FlexCarousel>(templates.Render(FlexTemplates.NewsCarousel, FlexCardModels.News(many, 50), "ข่าว"));

        Assert.Equal(12, carousel.Contents.Count);
        var firstDate = Assert.IsType<FlexText>(carousel.Contents[0].Body!.Contents[0]);
        Assert.Equal("20 ม.ค. 2568", firstDate.Text);
        MessageValidator.Validate([new FlexMessage("ข่าว", carousel)]);
    }

    [Fact]
    public void ThaiDates_ChristianEraDate_IsShownInTheBuddhistEra()
    {
        Assert.Equal("3 ก.พ. 2568", ThaiDates.Short(new DateOnly(2025, 2, 3)));
        Assert.Equal("1 ตุลาคม 2567", ThaiDates.Long(new DateOnly(2024, 10, 1)));
    }

    [Fact]
    public void Render_ContactCard_HasTelAndMapButtons()
    {
        var pack = ShippedContent();

        var bubble = Assert.IsType<FlexBubble>(ShippedTemplates(pack).Render(FlexTemplates.ContactCard, FlexCardModels.Contact(pack), "ติดต่อ"));

        var actions = bubble.Footer!.Contents.OfType<FlexButton>().Select(b => Assert.IsType<UriAction>(b.Action).Uri).ToList();
        Assert.Equal("tel:044056100", actions[0]);
        Assert.StartsWith("https://www.google.com/maps/search/?api=1&query=16.2331%2C101.9954", actions[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_BadUriInTemplate_NamesFileAndTemplateJsonPath()
    {
        var directory = CopyWith("service.json", t => t.Replace("\"uri\": \"tel:{{service.unit.phone|tel}}\"", "\"uri\": \"ftp://{{service.unit.phone}}\"", StringComparison.Ordinal));

        var (templates, errors) = FlexTemplates.TryLoad(directory, ShippedContent(), Features);

        Assert.Null(templates);
        var error = Assert.Single(errors);
        Assert.StartsWith("flex-templates/service.json: $.footer.contents[0].action.uri: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_InvalidJson_NamesFileAndLine()
    {
        var directory = CopyWith("contact.json", t => t.Replace("\"size\": \"lg\",", "\"size\": \"lg\" ", StringComparison.Ordinal));

        var (_, errors) = FlexTemplates.TryLoad(directory, ShippedContent(), Features);

        var error = Assert.Single(errors);
        Assert.StartsWith("flex-templates/contact.json: $: invalid JSON at line 12,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_UnknownPlaceholderInsideALoop_NamesTheTemplatePathNotTheRenderedOne()
    {
        var directory = CopyWith("news.json", t => t.Replace("{{item.title}}", "{{item.headline}}", StringComparison.Ordinal));

        var (_, errors) = FlexTemplates.TryLoad(directory, ShippedContent(), Features);

        var error = Assert.Single(errors);
        Assert.StartsWith("flex-templates/news.json: $.contents[0].$item.body.contents[1].text: placeholder {{item.headline}} is not in the data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_LabelTooLongForLine_NamesTheTemplatePathOfTheLabel()
    {
        var directory = CopyWith("faq.json", t => t.Replace("\"label\": \"ดูคู่มือบริการ\"", "\"label\": \"ดูคู่มือบริการ {{faq.answer}}\"", StringComparison.Ordinal));

        var (_, errors) = FlexTemplates.TryLoad(directory, ShippedContent(), Features);

        var error = Assert.Single(errors);
        Assert.StartsWith("flex-templates/faq.json: $.footer.contents[0].action.label: at most 40 grapheme clusters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_UnknownComponentType_IsNamedWithItsTemplatePath()
    {
        var directory = CopyWith("executives.json", t => t.Replace("\"type\": \"image\"", "\"type\": \"picture\"", StringComparison.Ordinal));

        var (_, errors) = FlexTemplates.TryLoad(directory, ShippedContent(), Features);

        var error = Assert.Single(errors);
        Assert.StartsWith("flex-templates/executives.json: $.contents[0].$item.hero.type: \"picture\" is not a LINE Flex component type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_MissingTemplate_IsNamed()
    {
        var directory = CopyWith("faq.json", t => t);
        File.Delete(Path.Combine(directory, "faq.json"));

        var (_, errors) = FlexTemplates.TryLoad(directory, ShippedContent(), Features);

        Assert.Equal("flex-templates/faq.json: $: the template is missing", Assert.Single(errors).Message);
    }

    [Fact]
    public void Render_EachWithLimitAndLoopNumber_RepeatsAndNumbers()
    {
        var template = new FlexTemplate("t", "flex-templates/t.json", JsonNode.Parse("""
            { "items": [ { "$each": "list", "$as": "x", "$limit": 2, "$item": { "text": "{{$loop.number}}. {{x.name}} {{x.phone|tel}}" } },
                         { "$if": "flag", "text": "kept" }, { "$unless": "flag", "text": "dropped" } ] }
            """)!);
        var model = new JsonObject
        {
            ["flag"] = true,
            ["list"] = new JsonArray(new JsonObject { ["name"] = "ก", ["phone"] = "044-056-100 ต่อ 11" }, new JsonObject { ["name"] = "ข", ["phone"] = "+66 81" }, new JsonObject { ["name"] = "ค", ["phone"] = "" }),
        };

        var rendered = template.Render(model).Json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Equal("""{"items":[{"text":"1. ก 044056100"},{"text":"2. ข +6681"},{"text":"kept"}]}""", rendered);
    }
}
