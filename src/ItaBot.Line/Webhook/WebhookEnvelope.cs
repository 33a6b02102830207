using System.Security.Cryptography;
using System.Text.Json;

namespace ItaBot.Line.Webhook;

/// <summary>
/// The few facts about each event that a durable inbox needs before any typed parsing: its id (for de-duplication),
/// its conversation (for ordering), and its raw JSON, cut from the body without re-serialising.
/// </summary>
public sealed record RawWebhookEvent(
    string WebhookEventId,
    string Type,
    string? Mode,
    long Timestamp,
    string? UserId,
    string? ConversationId,
    string? ReplyToken,
    bool IsRedelivery,
    string Json);

/// <summary>A webhook body split into its events' raw JSON without parsing them, so each can be stored as it came.</summary>
public static class WebhookEnvelope
{
    /// <summary>
    /// Splits a webhook body into its events. Throws <see cref="JsonException"/> when the body is not a JSON object
    /// with an <c>events</c> array of objects, or when a field read here (ids, type, source) is not valid text. An event without <c>webhookEventId</c> gets one derived from its bytes,
    /// so that a repeat of the same bytes is still recognised.
    /// </summary>
    public static (string? Destination, IReadOnlyList<RawWebhookEvent> Events) Split(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The webhook body is not a JSON object.");
        }

        var destination = String(root, "destination");
        if (!root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The webhook body has no events array.");
        }

        var result = new List<RawWebhookEvent>(events.GetArrayLength());
        foreach (var e in events.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("A webhook event is not a JSON object.");
            }

            var json = e.GetRawText();
            var id = String(e, "webhookEventId") ?? DerivedId(json);
            var type = String(e, "type") ?? "";
            long timestamp = e.TryGetProperty("timestamp", out var ts) && ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var t) ? t : 0;
            string? userId = null, conversationId = null;
            if (e.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
            {
                userId = String(source, "userId");
                conversationId = String(source, "groupId") ?? String(source, "roomId") ?? userId;
            }

            var redelivery = e.TryGetProperty("deliveryContext", out var dc) && dc.ValueKind == JsonValueKind.Object
                && dc.TryGetProperty("isRedelivery", out var r) && r.ValueKind == JsonValueKind.True;
            result.Add(new RawWebhookEvent(id, type, String(e, "mode"), timestamp, userId, conversationId, String(e, "replyToken"), redelivery, json));
        }

        return (destination, result);
    }

    /// <exception cref="JsonException">The value is not valid text (a lone surrogate such as <c>\ud800</c>): the envelope is refused.</exception>
    private static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException($"The webhook field {name} is not valid text.", ex);
        }
    }

    private static string DerivedId(string json) =>
        "sha256:" + Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
}
