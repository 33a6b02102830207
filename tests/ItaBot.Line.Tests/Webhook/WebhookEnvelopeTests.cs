using System.Text.Json;
using System.Text;
using ItaBot.Line.Webhook;
using Xunit;

namespace ItaBot.Line.Tests.Webhook;

public sealed class WebhookEnvelopeTests
{
    private static ReadOnlyMemory<byte> Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"events\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Split_BodyNotAnObject_Throws(string body)
    {
        Assert.ThrowsAny<JsonException>(() => WebhookEnvelope.Split(Utf8(body)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"events\":[}")]
    public void Split_NotJson_Throws(string body)
    {
        Assert.ThrowsAny<JsonException>(() => WebhookEnvelope.Split(Utf8(body)));
    }

    [Theory]
    [InlineData("""{"destination":"U1"}""")]
    [InlineData("""{"destination":"U1","events":null}""")]
    [InlineData("""{"destination":"U1","events":{}}""")]
    public void Split_NoEventsArray_Throws(string body)
    {
        Assert.ThrowsAny<JsonException>(() => WebhookEnvelope.Split(Utf8(body)));
    }

    [Fact]
    public void Split_EventNotAnObject_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => WebhookEnvelope.Split(Utf8("""{"events":[1]}""")));
    }

    [Fact]
    public void Split_EmptyEvents_IsAConnectivityCheck()
    {
        var (destination, events) = WebhookEnvelope.Split(Utf8("""{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}"""));

        Assert.Equal("U8e742f61d673b39c7fff3cecb7536ef0", destination);
        Assert.Empty(events);
    }

    [Fact]
    public void Split_EventWithoutWebhookEventId_GetsAStableDerivedId()
    {
        const string Body = """{"events":[{"type":"unfollow","timestamp":1,"source":{"type":"user","userId":"U1"}}]}""";

        var first = Assert.Single(WebhookEnvelope.Split(Utf8(Body)).Events);
        var again = Assert.Single(WebhookEnvelope.Split(Utf8(Body)).Events);

        Assert.StartsWith("sha256:", first.WebhookEventId, StringComparison.Ordinal);
        Assert.Equal(first.WebhookEventId, again.WebhookEventId);
    }

    [Fact]
    public void Split_GroupMessage_CutsRawJsonAndConversation()
    {
        const string Event = """{"replyToken":"r1","type":"message","mode":"active","timestamp":1462629479859,"source":{"type":"group","groupId":"Ca56f94","userId":"U4af"},"webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{"isRedelivery":true},"message":{"id":"444573844083572737","type":"text","text":"\uD83E\uDD28"}}""";

        var (destination, events) = WebhookEnvelope.Split(Utf8("{\"events\":[" + Event + "]}"));

        Assert.Null(destination);
        var e = Assert.Single(events);
        Assert.Equal(("01FZ74A0TDDPYRVKNK77XKC3ZR", "message", "active", 1462629479859L), (e.WebhookEventId, e.Type, e.Mode, e.Timestamp));
        Assert.Equal(("U4af", "Ca56f94", "r1", true), (e.UserId, e.ConversationId, e.ReplyToken, e.IsRedelivery));
        Assert.Equal(Event, e.Json); // escapes kept as received
    }

    [Fact]
    public void Split_EventWithoutSourceOrFields_HasNulls()
    {
        var e = Assert.Single(WebhookEnvelope.Split(Utf8("""{"events":[{"webhookEventId":"x","timestamp":"soon"}]}""")).Events);

        Assert.Equal(("x", "", 0L), (e.WebhookEventId, e.Type, e.Timestamp));
        Assert.Null(e.UserId);
        Assert.Null(e.ConversationId);
        Assert.False(e.IsRedelivery);
    }
}
