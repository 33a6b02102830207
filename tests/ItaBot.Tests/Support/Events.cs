using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItaBot.Tests.Support;

/// <summary>Webhook bodies shaped exactly like LINE's.</summary>
internal static class Events
{
    private static long _counter;

    public static string NewUserId() => "U" + Guid.NewGuid().ToString("N");

    public static string NewId() => "01J" + Interlocked.Increment(ref _counter).ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..13].ToUpperInvariant();

    public static JsonObject Text(string userId, string text, string? replyToken = null, string? eventId = null, long? timestamp = null) => Event("message", userId, replyToken, eventId, timestamp,
        ("message", new JsonObject { ["id"] = "5" + Interlocked.Increment(ref _counter).ToString("D17", System.Globalization.CultureInfo.InvariantCulture), ["type"] = "text", ["quoteToken"] = "q", ["text"] = text }));

    public static JsonObject Follow(string userId, string? replyToken = null) =>
        Event("follow", userId, replyToken, null, null, ("follow", new JsonObject { ["isUnblocked"] = false }));

    public static JsonObject Postback(string userId, string data, string? replyToken = null) =>
        Event("postback", userId, replyToken, null, null, ("postback", new JsonObject { ["data"] = data }));

    public static JsonObject Event(string type, string userId, string? replyToken, string? eventId, long? timestamp, params (string Name, JsonNode Value)[] extra)
    {
        var e = new JsonObject
        {
            ["replyToken"] = replyToken ?? Guid.NewGuid().ToString("N"),
            ["type"] = type,
            ["mode"] = "active",
            ["timestamp"] = timestamp ?? TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(),
            ["source"] = new JsonObject { ["type"] = "user", ["userId"] = userId },
            ["webhookEventId"] = eventId ?? NewId(),
            ["deliveryContext"] = new JsonObject { ["isRedelivery"] = false },
        };
        foreach (var (name, value) in extra)
        {
            e[name] = value;
        }

        return e;
    }

    private static readonly JsonSerializerOptions Raw = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A webhook body with Thai and emoji as raw UTF-8, as LINE sends them.</summary>
    public static string Body(params JsonObject[] events) =>
        new JsonObject { ["destination"] = "U" + new string('a', 32), ["events"] = new JsonArray([.. events.Select(e => e.DeepClone())]) }.ToJsonString(Raw);

    public static string ReplyToken(JsonObject e) => e["replyToken"]!.GetValue<string>();

    public static string EventId(JsonObject e) => e["webhookEventId"]!.GetValue<string>();

    /// <summary>The "text" of the first message of a recorded send.</summary>
    public static string FirstText(string messagesJson)
    {
        using var document = JsonDocument.Parse(messagesJson);
        return document.RootElement[0].GetProperty("text").GetString()!;
    }
}
