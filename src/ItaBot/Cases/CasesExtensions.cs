using ItaBot.Cases.LiteDb;
using ItaBot.Storage.LiteDb;
using ItaBot.Cli;
using Microsoft.Extensions.Options;

namespace ItaBot.Cases;

internal static class CasesExtensions
{
    /// <summary>General complaint cases: the store, the working-day calendar and the "seed" command.</summary>
    public static void AddCases(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ILiteDbSchema, CasesLiteDbSchema>();
        builder.Services.AddOptions<CaseOptions>()
            .Bind(builder.Configuration.GetSection(CaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<CaseOptions>>().Value.HolidayDates()));
        builder.Services.AddSingleton<CaseStore>();
        builder.Services.AddSingleton<ICliCommand, SeedCliCommand>();
        builder.Services.AddSingleton<SeedActivity>();
        builder.Services.AddSingleton<CaseFactsBackfill>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CaseFactsBackfill>());
    }
}
