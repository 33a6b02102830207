using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Webhook;

internal static class WebhookExtensions
{
    public static void AddWebhook(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InboxStore>();
        builder.Services.TryAddSingleton<WebhookPressure>();
        builder.Services.AddSingleton<WebhookIngest>();
    }

    public static void MapWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhook", (HttpContext http, WebhookIngest ingest) => ingest.HandleAsync(http))
            .DisableAntiforgery()
            .WithName("LineWebhook");
}
