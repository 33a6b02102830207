using ItaBot.Cases.LiteDb;
using ItaBot.Cli;
using Microsoft.Extensions.Options;

namespace ItaBot.Cases;

internal static class CasesExtensions
{
    /// <summary>General complaint cases: the store, the rules over it, the working-day calendar and the "seed" command.</summary>
    public static void AddCases(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCasesLiteDb();
        builder.Services.AddOptions<CaseOptions>()
            .Bind(builder.Configuration.GetSection(CaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<CaseOptions>>().Value.HolidayDates()));
        builder.Services.AddSingleton<CaseService>();
        builder.Services.AddSingleton<ICliCommand, SeedCliCommand>();
        builder.Services.AddSingleton<SeedActivity>();
    }
}
