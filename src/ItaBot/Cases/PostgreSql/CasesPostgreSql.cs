using ItaBot.Storage.PostgreSql;

namespace ItaBot.Cases.PostgreSql;

internal static class CasesPostgreSqlExtensions
{
    /// <summary>Cases in PostgreSQL: the schema and the store (facts are written with every case: no backfill).</summary>
    public static IServiceCollection AddCasesPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, CasesPostgreSqlSchema>();
        services.AddSingleton<ICaseStore, PostgreSqlCaseStore>();
        return services;
    }
}
