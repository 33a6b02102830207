using ItaBot.Storage.PostgreSql;

namespace ItaBot.Cases.PostgreSql;

internal static class CasesPostgreSql
{
    /// <summary>Cases in PostgreSQL: the schema and the store (facts are written with every case: no backfill).</summary>
    public static void AddCasesPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, CasesPostgreSqlSchema>();
        services.AddSingleton<ICaseStore, PostgreSqlCaseStore>();
    }
}
