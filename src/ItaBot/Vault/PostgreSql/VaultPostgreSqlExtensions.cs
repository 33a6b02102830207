using ItaBot.Storage.PostgreSql;
using ItaBot.Vault.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Vault.PostgreSql;

internal static class VaultPostgreSqlExtensions
{
    /// <summary>
    /// The vault's tables on the service's PostgreSQL database, migrated with the others; each agency's vault is opened on
    /// its rows by <see cref="AgencyVaults"/>: reports, drafts, evidence, receipt throttles and reporters' handles shared by every node.
    /// </summary>
    public static IServiceCollection AddVaultPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, VaultPostgreSqlSchema>();
        services.AddSingleton<IVaultOpener, PgVaultOpener>();
        return services;
    }
}

/// <summary>The vault library's tables (src/ItaBot.Vault/Storage/PostgreSql/PgVaultSchema.cs), applied by the service's migrator.</summary>
internal sealed class VaultPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => VaultPostgreSql.Slice;

    public IReadOnlyList<string> Migrations => VaultPostgreSql.Migrations;
}

/// <summary>An agency's vault on its own rows of the shared database (every node opens the same).</summary>
internal sealed class PgVaultOpener(NpgsqlDataSource dataSource, TimeProvider serviceTime, ILogger<ProtectedReports> logger) : IVaultOpener
{
    public ProtectedReports Open(VaultOptions options, string agencyId, TimeProvider? time = null) =>
        VaultPostgreSql.Open(options, time ?? serviceTime, logger, dataSource, agencyId);
}
