using ItaBot.Conversations.LiteDb;
using ItaBot.Conversations.PostgreSql;
using ItaBot.Storage;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Conversations;

internal static class ConversationsExtensions
{
    public static void AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddConversationsStores(builder.Configuration);
        builder.Services.AddOptions<ProcessingOptions>()
            .Bind(builder.Configuration.GetSection(ProcessingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddSingleton<BotDialogs>();
        builder.Services.AddSingleton<ICardRenderer, RawFlexCardRenderer>();
        builder.Services.AddSingleton<ReplyRenderer>();
        builder.Services.AddSingleton<TurnWrites>();
        // Dialogs' store writes (a Q&A log line, a new case) join the turn's commit with the state and the answer.
        builder.Services.AddSingleton<DialogTurnHandler>();
        // Then what waits for the citizen (a staff answer) rides the turn's free reply instead of a push.
        builder.Services.AddSingleton<ITurnHandler>(sp => new ReplyRidersTurnHandler(
            new TurnWritesTurnHandler(sp.GetRequiredService<DialogTurnHandler>(), sp.GetRequiredService<TurnWrites>(),
                sp.GetRequiredService<IInboxStore>(), sp.GetRequiredService<IConversationStateStore>(), sp.GetRequiredService<IProtectedTurnSeal>()),
            sp.GetServices<IReplyRider>()));
        builder.Services.TryAddSingleton<WebhookPressure>();
        // A protected turn's redaction must not survive in the store's earlier record versions (LiteDB: its log).
        builder.Services.AddSingleton<ProtectedCheckpoint>();
        builder.Services.AddSingleton<IProtectedTurnSeal>(sp => sp.GetRequiredService<ProtectedCheckpoint>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProtectedCheckpoint>());
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddSingleton<IInboxListener>(sp => sp.GetRequiredService<TurnProcessor>());
        // Handled events and delivered sends are deleted after ItaBot:Storage:RetentionDays.
        builder.Services.AddSingleton<MessagingRetention>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MessagingRetention>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnProcessor>());
    }

    /// <summary>The outbox and the dialog state of the configured storage provider.</summary>
    public static void AddConversationsStores(this IServiceCollection services, IConfiguration configuration)
    {
        if (StorageOptions.IsPostgreSql(configuration))
        {
            services.AddConversationsPostgreSql();
        }
        else
        {
            services.AddConversationsLiteDb();
        }
    }
}
