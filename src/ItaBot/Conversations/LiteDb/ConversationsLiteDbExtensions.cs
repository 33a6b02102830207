using ItaBot.Storage.LiteDb;

namespace ItaBot.Conversations.LiteDb;

internal static class ConversationsLiteDbExtensions
{
    /// <summary>The outbox and the dialog state in the LiteDB file.</summary>
    public static IServiceCollection AddConversationsLiteDb(this IServiceCollection services)
    {
        services.AddSingleton<ILiteDbSchema, ConversationsLiteDbSchema>();
        services.AddSingleton<IOutboxStore, LiteDbOutboxStore>();
        services.AddSingleton<IConversationStateStore, LiteDbConversationStateStore>();
        return services;
    }
}
