using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Line.Messages;
using ItaBot.Line.Testing;
using Xunit;
using Action = ItaBot.Line.Messages.Action;

namespace ItaBot.Line.Tests.Messages;

/// <summary>Our serialised models checked against LINE's own OpenAPI schemas (messaging-api.yml).</summary>
public sealed class MessageContractTests
{
    public static TheoryData<string> MessageNames { get; } = [.. SampleMessages.All.Keys];

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Serialize_EachMessageModelInPushRequest_ValidatesAgainstPushMessageRequest(string name)
    {
        var request = PushRequest(SampleMessages.All[name]);

        AssertValid("PushMessageRequest", request);
    }

    [Theory]
    [MemberData(nameof(MessageNames))]
    public void Serialize_EachMessageModel_ValidatesAgainstMessageSchemaForItsType(string name)
    {
        var json = JsonSerializer.SerializeToElement<Message>(SampleMessages.All[name], LineJson.Options);
        var schema = json.GetProperty("type").GetString() switch
        {
            "text" => "TextMessage",
            "sticker" => "StickerMessage",
            "image" => "ImageMessage",
            "video" => "VideoMessage",
            "audio" => "AudioMessage",
            "location" => "LocationMessage",
            "template" => "TemplateMessage",
            "flex" => "FlexMessage",
            var other => throw new InvalidOperationException($"no schema mapped for {other}"),
        };

        AssertValid(schema, json);
    }

    [Fact]
    public void Serialize_FiveMessagesOfDifferentTypes_ValidatesAsOneRequest()
    {
        var request = PushRequest([.. SampleMessages.All.Values.Take(5)]);

        AssertValid("PushMessageRequest", request);
    }

    [Fact]
    public void Serialize_RichMenuSwitchAction_ValidatesAgainstActionSchema()
    {
        var json = JsonSerializer.SerializeToElement<Action>(SampleMessages.RichMenuSwitch, LineJson.Options);

        AssertValid("Action", json);
        Assert.Equal("richmenuswitch", json.GetProperty("type").GetString());
    }

    [Fact]
    public void Serialize_UriActionWithAltUri_WritesDesktopUnderAltUri()
    {
        var json = JsonSerializer.SerializeToElement<Action>(SampleMessages.UriWithDesktop, LineJson.Options);

        AssertValid("URIAction", json);
        Assert.Equal("https://example.com/form?desktop=1", json.GetProperty("altUri").GetProperty("desktop").GetString());
    }

    [Fact]
    public void Serialize_QuickReplyWithEveryActionType_WritesEachDiscriminator()
    {
        var json = JsonSerializer.SerializeToElement(SampleMessages.QuickReply, LineJson.Options);

        var types = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetProperty("type").GetString());
        Assert.Equal(["postback", "message", "uri", "datetimepicker", "camera", "cameraRoll", "location", "clipboard"], types);
        Assert.All(json.GetProperty("items").EnumerateArray(), i => Assert.Equal("action", i.GetProperty("type").GetString()));
        AssertValid("QuickReply", json);
    }

    [Fact]
    public void Serialize_MessageWithUnsetOptionalProperties_OmitsNulls()
    {
        var json = JsonSerializer.Serialize<Message>(new TextMessage("สวัสดี"), LineJson.Options);

        Assert.Equal("""{"type":"text","text":"สวัสดี"}""", json);
    }

    [Fact]
    public void Serialize_FlexBubbleWithEveryComponent_WritesLinePropertyNames()
    {
        var json = JsonSerializer.SerializeToNode<FlexContainer>(SampleMessages.BubbleWithEveryComponent, LineJson.Options)!;

        Assert.Equal("linearGradient", (string?)json["header"]!["background"]!["type"]);
        Assert.Equal("90deg", (string?)json["header"]!["background"]!["angle"]);
        Assert.Equal("video", (string?)json["hero"]!["type"]);
        Assert.Equal("image", (string?)json["hero"]!["altContent"]!["type"]);
        Assert.Equal("span", (string?)json["body"]!["contents"]![0]!["contents"]![1]!["type"]);
        Assert.Equal("light", (string?)json["body"]!["contents"]![2]!["borderWidth"]);
        Assert.Equal("12px", (string?)json["header"]!["paddingAll"]);
        Assert.Equal("filler", (string?)json["header"]!["contents"]![1]!["type"]);
        Assert.Equal("#EEEEEE", (string?)json["styles"]!["body"]!["separatorColor"]);
        Assert.Null(json["body"]!["contents"]![0]!["text"]);
    }

    // The negative cases prove the schema check bites: if these pass, the positive ones mean nothing.

    [Fact]
    public void Validate_TextMessageWithoutText_FailsSchema()
    {
        var request = JsonNode.Parse("""{"to":"U0123","messages":[{"type":"text"}]}""")!;

        AssertInvalid("PushMessageRequest", request, "text");
    }

    [Fact]
    public void Validate_UnknownMessageType_FailsSchema()
    {
        var request = JsonNode.Parse("""{"to":"U0123","messages":[{"type":"txet","text":"hi"}]}""")!;

        AssertInvalid("PushMessageRequest", request, "/messages/0/type (");
    }

    [Fact]
    public void Validate_SixMessages_FailsSchema()
    {
        var request = PushRequest([.. Enumerable.Repeat<Message>(new TextMessage("a"), 6)]);

        AssertInvalid("PushMessageRequest", request, "messages");
    }

    [Fact]
    public void Validate_FlexBoxWithoutLayoutDeepInBubble_FailsSchema()
    {
        var request = PushRequest(SampleMessages.All["flex bubble with every component"]);
        request["messages"]![0]!["contents"]!["body"]!["contents"]![2]!.AsObject().Remove("layout");

        AssertInvalid("PushMessageRequest", request, "layout");
    }

    [Fact]
    public void Validate_ImageUrlThatIsNotAUri_FailsSchema()
    {
        var request = PushRequest(new ImageMessage("not a uri", "https://example.com/p.png"));

        AssertInvalid("PushMessageRequest", request, "originalContentUrl");
    }

    [Fact]
    public void Validate_ClipboardActionWithoutTextInQuickReply_FailsSchema()
    {
        var request = PushRequest(SampleMessages.All["text with quick reply of every action and sender"]);
        request["messages"]![0]!["quickReply"]!["items"]![7]!["action"]!.AsObject().Remove("clipboardText");

        AssertInvalid("PushMessageRequest", request, "clipboardText");
    }

    /// <summary>The copy is LINE's spec at the commit SOURCE.txt names, byte for byte (hashes taken from that copy).</summary>
    [Theory]
    [InlineData("messaging-api.yml", "0227978ce1b3133e20da034fc33a9241000619ae4fea2fda7b61983abf79577a")]
    [InlineData("webhook.yml", "4ffdeb374d43acf7b59bf4f0191791ed421c8d366362d118784c036a3609ca88")]
    [InlineData("LICENSE", "1198fb985bd38d4433381cb67b8bbc360e88fb3f82b3cd04098669eb07a1a9a4")]
    [InlineData("SOURCE.txt", "e902d82f41636a1923873cab2f991b56dbd8fd95757360c5a123be8ed36187a7")]
    public void OpenApiCopy_EachFile_IsUnchangedFromLinesSpec(string file, string sha256)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "openapi", file));

        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }


    private static JsonObject PushRequest(params Message[] messages) => new JsonObject
    {
        ["to"] = "U4af4980629f0e6a3f3c1d6bb0c0c0c0c",
        ["messages"] = JsonSerializer.SerializeToNode<IReadOnlyList<Message>>(messages, LineJson.Options),
    };

    private static void AssertValid(string schema, JsonNode instance) =>
        AssertValid(schema, JsonSerializer.SerializeToElement(instance));

    private static void AssertValid(string schema, JsonElement instance)
    {
        var results = LineOpenApiSchemas.Evaluate(schema, instance);
        Assert.True(results.IsValid, $"{schema} rejected {instance}:{Environment.NewLine}{LineOpenApiSchemas.Describe(results)}");
    }

    private static void AssertInvalid(string schema, JsonNode instance, string expectedInErrors)
    {
        var results = LineOpenApiSchemas.Evaluate(schema, JsonSerializer.SerializeToElement(instance));
        Assert.False(results.IsValid, $"{schema} accepted {instance}");
        Assert.Contains(expectedInErrors, LineOpenApiSchemas.Describe(results), StringComparison.Ordinal);
    }
}
