using ItaBot.Storage.PostgreSql;

namespace ItaBot.Webhook.PostgreSql;

internal static class WebhookPostgreSqlExtensions
{
    /// <summary>The inbox in PostgreSQL.</summary>
    public static IServiceCollection AddWebhookPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, WebhookPostgreSqlSchema>();
        services.AddSingleton<IInboxStore, PgInboxStore>();
        services.AddSingleton(new PgSealedColumn("inbox", "json"));
        return services;
    }
}
