using ItaBot.Storage.PostgreSql;

namespace ItaBot.Conversations.PostgreSql;

internal static class ConversationsPostgreSqlExtensions
{
    /// <summary>The outbox, the dialog state and the lane leases in PostgreSQL.</summary>
    public static IServiceCollection AddConversationsPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, ConversationsPostgreSqlSchema>();
        services.AddSingleton<IOutboxStore, PgOutboxStore>();
        services.AddSingleton<IConversationStateStore, PgConversationStateStore>();
        // Several nodes may share this database: conversations are worked under leases.
        services.AddSingleton<ILaneLeases, PgLaneLeases>();
        services.AddSingleton(new PgSealedColumn("outbox", "messages"));
        services.AddSingleton(new PgSealedColumn("conversations", "json"));
        return services;
    }
}
