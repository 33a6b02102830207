using ItaBot.Conversations.LiteDb;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Conversations;

internal static class ConversationsExtensions
{
    public static void AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddConversationsLiteDb();
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
                sp.GetRequiredService<IInboxStore>(), sp.GetRequiredService<IConversationStateStore>()),
            sp.GetServices<IReplyRider>()));
        builder.Services.TryAddSingleton<WebhookPressure>();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnProcessor>());
    }
}
