namespace ItaBot.Conversations;

internal static class ConversationsExtensions
{
    public static void AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProcessingOptions>()
            .Bind(builder.Configuration.GetSection(ProcessingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddSingleton<ConversationStateStore>();
        builder.Services.AddSingleton<BotDialogs>();
        builder.Services.AddSingleton<ICardRenderer, RawFlexCardRenderer>();
        builder.Services.AddSingleton<ReplyRenderer>();
        builder.Services.AddSingleton<ITurnHandler, DialogTurnHandler>();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnProcessor>());
    }
}
