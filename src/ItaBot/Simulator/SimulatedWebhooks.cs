using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Line.Webhook;

namespace ItaBot.Simulator;

/// <summary>A webhook body exactly as LINE would post it, and its <c>X-Line-Signature</c>.</summary>
internal sealed record SignedWebhook(string Body, string Signature);

/// <summary>
/// Builds and signs the webhook requests LINE would send for what a simulated user does: a fresh ULID-like
/// <c>webhookEventId</c>, a fresh reply token (remembered so the reply lands in the right chat), the event time,
/// a one-to-one user source, active mode and a delivery context.
/// </summary>
internal sealed class SimulatedWebhooks(LineStandIn line, SimulatorChats chats, IConfiguration configuration, TimeProvider time)
{
    // Like LINE, non-ASCII stays as UTF-8 except characters outside the BMP (emoji), which are written as \uD83D\uDE00
    // escapes: the signature must then be checked over the raw bytes, never a re-serialised body.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public SignedWebhook Create(string userId, string type, JsonObject payload)
    {
        var replyable = type is not ("unfollow" or "unsend" or "leave" or "memberLeft");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var evt = new JsonObject { ["type"] = type };
        foreach (var (name, value) in payload.ToList())
        {
            payload.Remove(name);
            evt[name] = value;
        }

        evt["webhookEventId"] = NewUlid(now);
        evt["deliveryContext"] = new JsonObject { ["isRedelivery"] = false };
        evt["timestamp"] = now;
        evt["source"] = new JsonObject { ["type"] = "user", ["userId"] = userId };
        if (replyable)
        {
            var replyToken = RandomNumberGenerator.GetHexString(32, lowercase: true);
            chats.IssuedReplyToken(replyToken, userId);
            evt["replyToken"] = replyToken;
        }

        evt["mode"] = "active";
        var body = new JsonObject { ["destination"] = line.BotUserId, ["events"] = new JsonArray(evt) }.ToJsonString(Json);
        var secret = configuration["ItaBot:Line:ChannelSecret"] ?? "";
        return new SignedWebhook(body, WebhookSignature.Compute(System.Text.Encoding.UTF8.GetBytes(body), secret));
    }

    /// <summary>A message event's <c>message</c> object with a fresh id (and quote token where LINE gives one).</summary>
    public JsonObject NewMessage(string type)
    {
        var message = new JsonObject { ["id"] = line.NewMessageId(), ["type"] = type };
        if (type is "text" or "image" or "video" or "sticker")
        {
            message["quoteToken"] = RandomNumberGenerator.GetHexString(32, lowercase: true);
        }

        return message;
    }

    /// <summary>48 bits of milliseconds and 80 random bits in Crockford base 32: 26 characters, sortable by time.</summary>
    internal static string NewUlid(long unixMilliseconds)
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
