using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using ItaBot.Vault.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Vault.PostgreSql;

internal static class VaultPostgreSqlExtensions
{
    /// <summary>
    /// The vault on the service's PostgreSQL database, the agency's rows (<see cref="AgencyContext"/>): reports, drafts,
    /// evidence, receipt throttles and reporters' handles shared by every node; its tables migrated with the others.
    /// </summary>
    public static IServiceCollection AddVaultPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, VaultPostgreSqlSchema>();
        services.AddSingleton(sp => VaultPostgreSql.Open(
            sp.GetRequiredService<IOptions<VaultOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ProtectedReports>>(),
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<AgencyContext>().Id));
        return services;
    }
}

/// <summary>The vault library's tables (src/ItaBot.Vault/Storage/PostgreSql/PgVaultSchema.cs), applied by the service's migrator.</summary>
internal sealed class VaultPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => VaultPostgreSql.Slice;

    public IReadOnlyList<string> Migrations => VaultPostgreSql.Migrations;
}
