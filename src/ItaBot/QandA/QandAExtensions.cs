using ItaBot.QandA.LiteDb;
using ItaBot.Storage.LiteDb;
using ItaBot.Conversations;

namespace ItaBot.QandA;

internal static class QandAExtensions
{
    /// <summary>Citizen Q&amp;A: the matcher over the content pack, the "qa" dialogs, the Q&amp;A log and handovers.</summary>
    public static void AddQandA(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ILiteDbSchema, QandALiteDbSchema>();
        builder.Services.AddOptions<QaOptions>()
            .Bind(builder.Configuration.GetSection(QaOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Low <= o.High, $"{QaOptions.Section}: Low must not be above High.")
            .ValidateOnStart();
        builder.Services.AddSingleton<QaMatcher>();
        builder.Services.AddSingleton<QaStore>();
        builder.Services.AddSingleton<IDialogFeature, QaFeature>();
    }
}
