namespace ItaBot.Line.Testing;

/// <summary>The channel's webhook URL, and LINE's test of it: an empty, signed event list posted to the bot.</summary>
public sealed partial class LineStandIn
{
    private const int MaxEndpointLength = 500;

    private readonly HttpClient _webhookTester = new() { Timeout = TimeSpan.FromSeconds(10) };
    private string _webhookEndpoint = "";

    private void MapWebhookSettings(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/bot/channel/webhook/endpoint", Authorized(GetWebhookEndpoint));
        app.MapPut("/v2/bot/channel/webhook/endpoint", Authorized(SetWebhookEndpointAsync));
        app.MapPost("/v2/bot/channel/webhook/test", Authorized(TestWebhookEndpointAsync));
    }

    /// <summary>The channel secret the webhook test signs with (the bot checks signatures with it); empty by default.</summary>
    public string ChannelSecret { get; set; } = "";

    /// <summary>The webhook URL set through the API; empty when none is.</summary>
    public string WebhookEndpoint
    {
        get { lock (_gate) { return _webhookEndpoint; } }
    }

    private Task GetWebhookEndpoint(HttpContext context) =>
        WriteAsync(context, 200, new { endpoint = WebhookEndpoint, active = WebhookEndpoint.Length > 0 });

    private async Task SetWebhookEndpointAsync(HttpContext context)
    {
        var endpoint = (await ReadJsonAsync(context).ConfigureAwait(false))?["endpoint"]?.ToString();
        if (!IsEndpoint(endpoint))
        {
            await WriteAsync(context, 400, new { message = "Invalid webhook endpoint URL" }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _webhookEndpoint = endpoint!;
        }

        await WriteAsync(context, 200, new { }).ConfigureAwait(false);
    }

    private async Task TestWebhookEndpointAsync(HttpContext context)
    {
        var given = (await ReadJsonAsync(context).ConfigureAwait(false))?["endpoint"]?.ToString();
        var endpoint = given ?? WebhookEndpoint;
        if (!IsEndpoint(endpoint))
        {
            await WriteAsync(context, 400, new { message = "Invalid webhook endpoint URL" }).ConfigureAwait(false);
            return;
        }

        var body = new JsonObject { ["destination"] = BotUserId, ["events"] = new JsonArray() }.ToJsonString(Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Line-Signature", ItaBot.Line.Webhook.WebhookSignature.Compute(Encoding.UTF8.GetBytes(body), ChannelSecret));
        int status;
        string reason;
        try
        {
            using var response = await _webhookTester.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            status = (int)response.StatusCode;
            reason = response.IsSuccessStatusCode ? "OK" : "ERROR";
        }
        catch (HttpRequestException)
        {
            (status, reason) = (0, "COULD_NOT_CONNECT");
        }

        await WriteAsync(context, 200, new
        {
            success = status == 200,
            timestamp = _time.GetUtcNow(),
            statusCode = status,
            reason,
            detail = status == 0 ? "" : status.ToString(CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
    }

    // LINE wants HTTPS; the stand-in also takes http so that a bot under test on loopback can be tested.
    private static bool IsEndpoint(string? endpoint) =>
        endpoint is { Length: > 0 and <= MaxEndpointLength }
        && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
