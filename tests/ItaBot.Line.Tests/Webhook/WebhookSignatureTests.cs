using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text;
using ItaBot.Line.Webhook;
using Xunit;

namespace ItaBot.Line.Tests.Webhook;

public sealed class WebhookSignatureTests
{
    // LINE's published test vector.
    private const string VectorBody = """{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}""";
    private const string VectorSecret = "8c570fa6dd201bb328f1c1eac23a96d8";
    private const string VectorSignature = "GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(VectorBody);

    [Fact]
    public void IsValid_LinesPublishedVector_IsTrue()
    {
        Assert.True(WebhookSignature.IsValid(Body, VectorSignature, VectorSecret));
        Assert.True(WebhookSignature.IsValid(Body, VectorSignature, Encoding.UTF8.GetBytes(VectorSecret)));
        Assert.Equal(VectorSignature, WebhookSignature.Compute(Body, VectorSecret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("GhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs")] // padding cut off
    [InlineData("HhRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=")] // first character changed
    [InlineData("hRKmvmHys4Pi8DxkF4+EayaH0OqtJtaZxgTD9fMDLs=")] // one character short
    [InlineData("AAAA")] // valid Base64, 3 bytes
    public void IsValid_WrongMissingOrGarbageSignature_IsFalse(string? signature)
    {
        Assert.False(WebhookSignature.IsValid(Body, signature, VectorSecret));
    }

    [Fact]
    public void IsValid_OverLongSignatures_AreFalse()
    {
        // The right digest followed by one more byte, and a very long header.
        var digest = Convert.FromBase64String(VectorSignature);
        Assert.False(WebhookSignature.IsValid(Body, Convert.ToBase64String([.. digest, 0]), VectorSecret));
        Assert.False(WebhookSignature.IsValid(Body, VectorSignature + VectorSignature, VectorSecret));
        Assert.False(WebhookSignature.IsValid(Body, new string('A', 100_000), VectorSecret));
    }

    [Fact]
    public void IsValid_WrongSecretOrTamperedBody_IsFalse()
    {
        Assert.False(WebhookSignature.IsValid(Body, VectorSignature, "8c570fa6dd201bb328f1c1eac23a96d9"));
        var tampered = Encoding.UTF8.GetBytes(VectorBody.Replace("[]", "[ ]", StringComparison.Ordinal));
        Assert.False(WebhookSignature.IsValid(tampered, VectorSignature, VectorSecret));
    }

    [Fact]
    public void IsValid_BodyWithEscapedEmoji_VerifiesOverRawBytesOnly()
    {
        var raw = Encoding.UTF8.GetBytes(
            """{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[{"type":"message","message":{"type":"text","id":"1","text":"\uD83E\uDD28 ok"}}]}""");
        // Computed independently of WebhookSignature, as LINE does.
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(VectorSecret), raw));

        Assert.True(WebhookSignature.IsValid(raw, signature, VectorSecret));

        // What a parse-and-stringify middleware hands on (line-bot-sdk-nodejs#922): the same JSON, the emoji unescaped.
        var reserialised = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(raw).Replace("\\uD83E\\uDD28", "\U0001F928", StringComparison.Ordinal));
        Assert.NotEqual(raw, reserialised);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(raw), JsonNode.Parse(reserialised)));
        Assert.False(WebhookSignature.IsValid(reserialised, signature, VectorSecret));
    }
}
