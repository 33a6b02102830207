using System.Text.Json.Nodes;
using ItaBot.Content;
using ItaBot.Flex;
using ItaBot.Line.Messages;
using ItaBot.Tests.Content;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Tests.Flex;

public sealed class FlexCardRendererTests
{
    private readonly ContentPack _pack = FlexTemplatesTests.ShippedContent();
    private readonly FlexCardRenderer _renderer;

    public FlexCardRendererTests()
    {
        var content = new ContentPackProvider(FlexTemplatesTests.RepoFolder("content"), _pack, TimeProvider.System, NullLogger<ContentPackProvider>.Instance);
        _renderer = new FlexCardRenderer(FlexTemplatesTests.ShippedTemplates(_pack), content, NullLogger<FlexCardRenderer>.Instance);
    }

    private FlexContainer? Render(string json) => _renderer.Render(JsonNode.Parse(json)!);

    [Fact]
    public void Render_ServiceCard_IsABubbleNamedForTheService()
    {
        var service = _pack.Services.First(s => s.Id == "birth-registration");

        var bubble = Assert.IsType<FlexBubble>(Render("""{"template":"service","serviceId":"birth-registration"}"""));

        Assert.Equal(service.Name, Assert.IsType<FlexText>(bubble.Header!.Contents[1]).Text);
        MessageValidator.Validate([new FlexMessage("alt", bubble)]);
    }

    [Fact]
    public void Render_SameCardTwice_IsDrawnOnce_AndAfterAContentReloadShowsTheNewContent()
    {
        using var temp = new TempContentPack();
        var content = new ContentPackProvider(temp.Directory, ContentPackLoader.Load(temp.Directory), TimeProvider.System, NullLogger<ContentPackProvider>.Instance);
        var renderer = new FlexCardRenderer(FlexTemplatesTests.ShippedTemplates(content.Current), content, NullLogger<FlexCardRenderer>.Instance);
        var card = JsonNode.Parse("""{"template":"service","serviceId":"birth-registration"}""")!;
        var name = content.Current.Services.First(s => s.Id == "birth-registration").Name;

        var first = Assert.IsType<FlexBubble>(renderer.Render(card));
        Assert.Same(first, renderer.Render(card));
        temp.Replace("services.yaml", "name: " + name, "name: " + name + " (ฉบับปรับปรุง)");
        Assert.True(content.Reload().Swapped);
        var reloaded = Assert.IsType<FlexBubble>(renderer.Render(card));

        Assert.Equal(name, Assert.IsType<FlexText>(first.Header!.Contents[1]).Text);
        Assert.Equal(name + " (ฉบับปรับปรุง)", Assert.IsType<FlexText>(reloaded.Header!.Contents[1]).Text);
    }

    [Fact]
    public void Render_FaqCardWithService_HasAButtonToTheServiceManual()
    {
        var faq = _pack.Faq.First(f => f.ServiceId is not null);

        var bubble = Assert.IsType<FlexBubble>(Render($$"""{"template":"faq","faqId":"{{faq.Id}}"}"""));

        Assert.Equal(faq.Question, Assert.IsType<FlexText>(bubble.Header!.Contents[1]).Text);
        var button = Assert.IsType<PostbackAction>(Assert.IsType<FlexButton>(Assert.Single(bubble.Footer!.Contents)).Action);
        Assert.Equal("info=service&id=" + faq.ServiceId, button.Data);
    }

    [Fact]
    public void Render_FaqCardWithoutService_HasNoFooter()
    {
        var faq = _pack.Faq.First(f => f.ServiceId is null);

        var bubble = Assert.IsType<FlexBubble>(Render($$"""{"template":"faq","faqId":"{{faq.Id}}"}"""));

        Assert.Null(bubble.Footer);
    }

    [Fact]
    public void Render_ContactCard_IsABubble() =>
        Assert.IsType<FlexBubble>(Render("""{"template":"contact"}"""));

    [Fact]
    public void Render_ExecutivesCard_IsACarouselOfOneBubblePerExecutiveWithPhoto()
    {
        var carousel = Assert.IsType<FlexCarousel>(Render("""{"template":"executives"}"""));

        Assert.Equal(Math.Min(12, _pack.Executives.Count), carousel.Contents.Count);
        Assert.All(carousel.Contents, b => Assert.StartsWith("https://", Assert.IsType<FlexImage>(b.Hero).Url, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NewsCard_IsACarouselOfAtMostTwelveBubbles()
    {
        var carousel = Assert.IsType<FlexCarousel>(Render("""{"template":"news"}"""));

        Assert.InRange(carousel.Contents.Count, 1, 12);
        Assert.All(carousel.Contents, b => Assert.Equal("อ่านต่อ", Assert.IsType<FlexButton>(b.Footer!.Contents[0]).Action.Label));
    }

    [Fact]
    public void Render_ServiceListOfAUnit_ListsItsServices()
    {
        var carouselOrBubble = Assert.IsType<FlexBubble>(Render("""{"template":"service-list","unitId":"palad"}"""));

        Assert.Equal(_pack.Services.Count(s => s.UnitId == "palad"), carouselOrBubble.Body!.Contents.Count);
    }

    [Theory]
    [InlineData("""{"template":"service","serviceId":"no-such-service"}""")]
    [InlineData("""{"template":"faq"}""")]
    [InlineData("""{"template":"weather"}""")]
    [InlineData("""{"flex":{"type":"bubble"}}""")]
    public void Render_UnknownIdOrTemplate_IsNullSoTheTextIsSent(string card) =>
        Assert.Null(Render(card));
}
