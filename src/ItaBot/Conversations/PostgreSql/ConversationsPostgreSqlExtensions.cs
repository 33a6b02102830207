using ItaBot.Storage.PostgreSql;

namespace ItaBot.Conversations.PostgreSql;

internal static class ConversationsPostgreSqlExtensions
{
    /// <summary>The outbox and the dialog state in PostgreSQL.</summary>
    public static void AddConversationsPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, ConversationsPostgreSqlSchema>();
        services.AddSingleton<IOutboxStore, PgOutboxStore>();
        services.AddSingleton<IConversationStateStore, PgConversationStateStore>();
    }
}
