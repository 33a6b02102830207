using ItaBot.Line.Webhook;

namespace ItaBot.Line.Testing;

/// <summary>A webhook request exactly as LINE would post it: the body, its <c>X-Line-Signature</c>, and the reply token it carries (if any).</summary>
/// <param name="Body">The JSON body, byte for byte as signed.</param>
/// <param name="Signature">Base64 HMAC-SHA256 of the body's UTF-8 bytes with the channel secret.</param>
/// <param name="ReplyToken">The event's reply token; null for events LINE gives none (unfollow, unsend, leave, memberLeft).</param>
public sealed record LineWebhookRequest(string Body, string Signature, string? ReplyToken);

/// <summary>
/// Builds, signs and posts the webhook requests LINE would send a bot for what a user does: a fresh ULID-like
/// <c>webhookEventId</c>, a fresh reply token, the event time, a one-to-one user source, active mode and a delivery
/// context, with <c>destination</c> the stand-in's bot user id. Non-ASCII text stays UTF-8 except characters outside the
/// BMP (emoji), written as <c>\uD83D\uDE00</c> escapes as LINE does, so a bot must check the signature over the raw bytes.
/// </summary>
/// <param name="line">The stand-in whose bot the events are for (its <see cref="LineStandIn.BotUserId"/> and message ids).</param>
/// <param name="channelSecret">The channel secret the bot checks signatures with.</param>
/// <param name="time">The clock for event timestamps and ids; the system clock when null.</param>
public sealed class LineWebhookSender(LineStandIn line, string channelSecret, TimeProvider? time = null)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>A signed request with one event of <paramref name="type"/> from <paramref name="userId"/>; <paramref name="payload"/>'s properties (e.g. <c>message</c>) are moved into the event.</summary>
    public LineWebhookRequest Create(string userId, string type, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var replyable = type is not ("unfollow" or "unsend" or "leave" or "memberLeft");
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var evt = new JsonObject { ["type"] = type };
        foreach (var (name, value) in payload.ToList())
        {
            payload.Remove(name);
            evt[name] = value;
        }

        evt["webhookEventId"] = NewWebhookEventId(now);
        evt["deliveryContext"] = new JsonObject { ["isRedelivery"] = false };
        evt["timestamp"] = now;
        evt["source"] = new JsonObject { ["type"] = "user", ["userId"] = userId };
        string? replyToken = null;
        if (replyable)
        {
            replyToken = RandomNumberGenerator.GetHexString(32, lowercase: true);
            evt["replyToken"] = replyToken;
        }

        evt["mode"] = "active";
        var body = new JsonObject { ["destination"] = line.BotUserId, ["events"] = new JsonArray(evt) }.ToJsonString(Json);
        return new LineWebhookRequest(body, WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), channelSecret), replyToken);
    }

    /// <summary>A signed text message event from <paramref name="userId"/>.</summary>
    public LineWebhookRequest CreateText(string userId, string text)
    {
        var message = NewMessage("text");
        message["text"] = text;
        return Create(userId, "message", new JsonObject { ["message"] = message });
    }

    /// <summary>A message event's <c>message</c> object with a fresh id (and a quote token where LINE gives one).</summary>
    public JsonObject NewMessage(string type)
    {
        var message = new JsonObject { ["id"] = line.NewMessageId(), ["type"] = type };
        if (type is "text" or "image" or "video" or "sticker")
        {
            message["quoteToken"] = RandomNumberGenerator.GetHexString(32, lowercase: true);
        }

        return message;
    }

    /// <summary>Posts <paramref name="request"/> to the bot's webhook URL with its signature, as LINE does.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri webhookUrl, LineWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, webhookUrl)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("X-Line-Signature", request.Signature);
        return await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>48 bits of milliseconds and 80 random bits in Crockford base 32: 26 characters, sortable by time, as LINE's ids are.</summary>
    public static string NewWebhookEventId(long unixMilliseconds)
    {
        Span<char> chars = stackalloc char[26];
        var timePart = unixMilliseconds;
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(timePart & 31)];
            timePart >>= 5;
        }

        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        for (var i = 10; i < 26; i++)
        {
            chars[i] = Crockford[random[i - 10] & 31];
        }

        return new string(chars);
    }
}
