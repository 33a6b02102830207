using ItaBot.Cases.LiteDb;
using ItaBot.Cases.PostgreSql;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Cases;

internal static class CasesExtensions
{
    /// <summary>General complaint cases: the store, the rules over it and the working-day calendar.</summary>
    public static void AddCases(this IHostApplicationBuilder builder)
    {
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddCasesPostgreSql();
        }
        else
        {
            builder.Services.AddCasesLiteDb();
        }

        builder.Services.AddOptions<CaseOptions>()
            .Bind(builder.Configuration.GetSection(CaseOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<CaseOptions>>().Value.HolidayDates()));
        builder.Services.AddSingleton<CaseService>();
    }
}
