using ItaBot.Storage.LiteDb;

namespace ItaBot.Notifications.LiteDb;

internal static class NotificationsLiteDbExtensions
{
    /// <summary>The notification outbox in the messaging LiteDB file: the schema and the store.</summary>
    public static IServiceCollection AddNotificationsLiteDb(this IServiceCollection services)
    {
        services.AddSingleton<ILiteDbSchema, NotificationsLiteDbSchema>();
        services.AddSingleton<INotificationStore, LiteDbNotificationStore>();
        return services;
    }
}
