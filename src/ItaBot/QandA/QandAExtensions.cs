using ItaBot.Conversations;
using ItaBot.QandA.LiteDb;
using ItaBot.QandA.PostgreSql;
using ItaBot.Storage;

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
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddQandAPostgreSql();
        }
        else
        {
            builder.Services.AddQandALiteDb();
        }

        builder.Services.AddSingleton<IDialogFeature, QaFeature>();
    }
}
