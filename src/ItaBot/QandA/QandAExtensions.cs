using ItaBot.Conversations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.QandA;

internal static class QandAExtensions
{
    /// <summary>Citizen Q&amp;A: the matcher over the content pack, the "qa" dialogs, the Q&amp;A log and handovers.</summary>
    public static void AddQandA(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QaOptions>()
            .Bind(builder.Configuration.GetSection(QaOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Low <= o.High, $"{QaOptions.Section}: Low must not be above High.")
            .ValidateOnStart();
        builder.Services.AddSingleton<QaMatcher>();
        builder.Services.AddSingleton<QaStore>();
        builder.Services.AddSingleton<TurnWrites>();
        builder.Services.AddSingleton<IDialogFeature, QaFeature>();

        // The dialogs' store writes join the turn's commit: wrap whichever turn handler the pipeline registered.
        var inner = builder.Services.LastOrDefault(d => d.ServiceType == typeof(ITurnHandler))
            ?? throw new InvalidOperationException("AddQandA must come after AddConversations.");
        builder.Services.Replace(ServiceDescriptor.Singleton<ITurnHandler>(sp => new TurnWritesTurnHandler(
            (ITurnHandler)(inner.ImplementationInstance ?? inner.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)),
            sp.GetRequiredService<TurnWrites>())));
    }
}
