using ItaBot.Line.Client;
using ItaBot.Line.Messages;
using ItaBot.Line.Webhook;

namespace EchoBot;

/// <summary>A LINE bot that answers every text with the same text, as a reply.</summary>
public static class EchoBotApp
{
    /// <summary>
    /// The bot's web application. Settings under <c>Line:</c>: <c>ChannelSecret</c> (webhook signatures),
    /// <c>ChannelAccessToken</c>, and optionally <c>ApiBaseUrl</c>/<c>DataApiBaseUrl</c> (a stand-in in tests).
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var line = builder.Configuration.GetSection("Line");
        var secret = line["ChannelSecret"];
        if (string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException("Line:ChannelSecret is missing (the LINE channel secret).");
        }

        builder.Services.AddLineMessagingClient(line);
        var app = builder.Build();
        app.MapPost("/webhook", (HttpRequest request, ILineMessagingClient client, CancellationToken cancellationToken) =>
            HandleWebhookAsync(request, client, secret, cancellationToken));
        return app;
    }

    private static async Task<IResult> HandleWebhookAsync(HttpRequest request, ILineMessagingClient client, string secret, CancellationToken cancellationToken)
    {
        // The signature is over the raw bytes: read them before anything parses the body.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var body = buffer.ToArray();
        if (!WebhookSignature.IsValid(body, request.Headers["X-Line-Signature"], secret))
        {
            return Results.Unauthorized();
        }

        foreach (var webhookEvent in WebhookParser.Parse(body))
        {
            if (webhookEvent is MessageEvent { Message: TextMessageContent text, ReplyToken: { } replyToken, IsStandby: false })
            {
                await client.ReplyAsync(replyToken, [new TextMessage(text.Text)], cancellationToken).ConfigureAwait(false);
            }
        }

        return Results.Ok();
    }
}
