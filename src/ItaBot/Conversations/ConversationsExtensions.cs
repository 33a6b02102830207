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
        builder.Services.AddSingleton<ITurnHandler, MainMenuTurnHandler>();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnProcessor>());
    }
}
