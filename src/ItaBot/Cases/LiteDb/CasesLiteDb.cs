using ItaBot.Storage.LiteDb;

namespace ItaBot.Cases.LiteDb;

internal static class CasesLiteDbExtensions
{
    /// <summary>Cases in the messaging LiteDB file: the schema, the store and the start-up backfill of case facts.</summary>
    public static IServiceCollection AddCasesLiteDb(this IServiceCollection services)
    {
        services.AddSingleton<ILiteDbSchema, CasesLiteDbSchema>();
        services.AddSingleton<ICaseStore, LiteDbCaseStore>();
        services.AddSingleton<CaseFactsBackfill>();
        services.AddHostedService(provider => provider.GetRequiredService<CaseFactsBackfill>());
        return services;
    }
}
