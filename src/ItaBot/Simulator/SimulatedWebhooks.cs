using System.Text.Json.Nodes;
using ItaBot.Line.Testing;

namespace ItaBot.Simulator;

/// <summary>A webhook body exactly as LINE would post it, and its <c>X-Line-Signature</c>.</summary>
internal sealed record SignedWebhook(string Body, string Signature);

/// <summary>
/// The webhook requests LINE would send for what a simulated user does, built and signed by the stand-in package's
/// <see cref="LineWebhookSender"/>; each reply token is remembered so the reply lands in the right chat.
/// </summary>
internal sealed class SimulatedWebhooks(LineStandIn line, SimulatorChats chats, IConfiguration configuration, TimeProvider time)
{
    private readonly LineWebhookSender _sender = new(line, configuration["ItaBot:Line:ChannelSecret"] ?? "", time);

    public SignedWebhook Create(string userId, string type, JsonObject payload)
    {
        var request = _sender.Create(userId, type, payload);
        if (request.ReplyToken is { } replyToken)
        {
            chats.IssuedReplyToken(replyToken, userId);
        }

        return new SignedWebhook(request.Body, request.Signature);
    }

    /// <summary>A message event's <c>message</c> object with a fresh id (and quote token where LINE gives one).</summary>
    public JsonObject NewMessage(string type) => _sender.NewMessage(type);
}
