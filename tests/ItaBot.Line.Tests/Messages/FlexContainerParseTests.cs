using System.Text.Json;
using ItaBot.Line.Messages;
using ItaBot.Line.Testing;
using Xunit;

namespace ItaBot.Line.Tests.Messages;

public sealed class FlexContainerParseTests
{
    [Fact]
    public void Parse_SerialisedBubbleWithEveryComponent_RoundTripsToTheSameJson()
    {
        var json = JsonSerializer.Serialize<FlexContainer>(SampleMessages.BubbleWithEveryComponent, LineJson.Options);

        var parsed = FlexContainer.Parse(json);

        Assert.Equal(json, JsonSerializer.Serialize(parsed, LineJson.Options));
    }

    [Fact]
    public void Parse_TemplateWithTypeAfterOtherProperties_ReadsTypedCarousel()
    {
        const string json = """
            {
              "contents": [
                {
                  "body": { "layout": "vertical", "type": "box", "contents": [
                    { "text": "แจ้งเรื่อง", "type": "text", "wrap": true,
                      "contents": [ { "text": "ด่วน", "type": "span", "weight": "bold" } ] } ] },
                  "type": "bubble",
                  "footer": { "type": "box", "layout": "vertical", "contents": [
                    { "type": "button", "action": { "data": "a=1", "type": "postback", "label": "ส่ง" } } ] }
                }
              ],
              "type": "carousel"
            }
            """;

        var carousel = Assert.IsType<FlexCarousel>(FlexContainer.Parse(json));

        var bubble = Assert.Single(carousel.Contents);
        var text = Assert.IsType<FlexText>(Assert.Single(bubble.Body!.Contents));
        Assert.Equal("ด่วน", Assert.Single(text.Contents!).Text);
        var button = Assert.IsType<FlexButton>(Assert.Single(bubble.Footer!.Contents));
        Assert.Equal("a=1", Assert.IsType<PostbackAction>(button.Action).Data);
    }

    [Fact]
    public void Parse_UnknownComponentType_ThrowsJsonExceptionNamingIt()
    {
        const string json = """{"type":"bubble","body":{"type":"box","layout":"vertical","contents":[{"type":"hologram"}]}}""";

        var ex = Assert.Throws<JsonException>(() => FlexContainer.Parse(json));

        Assert.Contains("hologram", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BodyThatIsNotABox_ThrowsJsonException()
    {
        const string json = """{"type":"bubble","body":{"type":"text","text":"ไม่ใช่กล่อง"}}""";

        Assert.Throws<JsonException>(() => FlexContainer.Parse(json));
    }

    [Fact]
    public void Serialize_BubblesInCarouselAndBlocksAndSpans_CarryTheirTypeDiscriminator()
    {
        // STJ writes "type" only through the polymorphic base; these members are declared as the concrete types.
        var carousel = new FlexCarousel([SampleMessages.BubbleWithEveryComponent]);

        var json = JsonSerializer.SerializeToNode<FlexContainer>(carousel, LineJson.Options)!;

        var bubble = json["contents"]![0]!;
        Assert.Equal("bubble", (string?)bubble["type"]);
        Assert.Equal("box", (string?)bubble["header"]!["type"]);
        Assert.Equal("box", (string?)bubble["body"]!["type"]);
        Assert.Equal("box", (string?)bubble["footer"]!["type"]);
        Assert.Equal("span", (string?)bubble["body"]!["contents"]![0]!["contents"]![0]!["type"]);
        Assert.Single(bubble.AsObject(), p => p.Key == "type");
    }

    [Fact]
    public void FlexMessage_FromParsedTemplate_ValidatesAgainstLineSchema()
    {
        var container = FlexContainer.Parse(JsonSerializer.SerializeToElement<FlexContainer>(SampleMessages.SmallBubble("ข่าว"), LineJson.Options));
        var message = new FlexMessage("ข่าว", container);

        MessageValidator.Validate([message]);
        var results = LineOpenApiSchemas.Evaluate("FlexMessage", JsonSerializer.SerializeToElement<Message>(message, LineJson.Options));
        Assert.True(results.IsValid, LineOpenApiSchemas.Describe(results));
    }
}
