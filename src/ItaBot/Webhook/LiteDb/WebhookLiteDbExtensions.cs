using ItaBot.Storage.LiteDb;

namespace ItaBot.Webhook.LiteDb;

internal static class WebhookLiteDbExtensions
{
    /// <summary>The inbox in the LiteDB file.</summary>
    public static IServiceCollection AddWebhookLiteDb(this IServiceCollection services)
    {
        services.AddSingleton<ILiteDbSchema, WebhookLiteDbSchema>();
        services.AddSingleton<IInboxStore, LiteDbInboxStore>();
        return services;
    }
}
