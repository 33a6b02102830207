using Microsoft.Extensions.Logging;
using Npgsql;

namespace ItaBot.Vault.Storage.PostgreSql;

/// <summary>The vault on PostgreSQL, for the service's wiring: its tables' migrations and a vault on one agency's rows.</summary>
public static class VaultPostgreSql
{
    /// <summary>The slice name of the vault's tables in the service's schema_versions.</summary>
    public const string Slice = PgVaultSchema.Slice;

    /// <summary>The SQL scripts that make the vault's tables, applied in order, each once (never edit a landed one).</summary>
    public static IReadOnlyList<string> Migrations => PgVaultSchema.Migrations;

    /// <summary>
    /// The vault of <paramref name="agencyId"/> on the database of <paramref name="dataSource"/> (migrated already), which
    /// every node of the deployment opens alike: reports, drafts, evidence, receipt throttles and reporters' handles shared.
    /// </summary>
    public static ProtectedReports Open(VaultOptions options, TimeProvider timeProvider, ILogger<ProtectedReports>? logger, NpgsqlDataSource dataSource, string agencyId) =>
        new(options, timeProvider, logger, () => new PgVaultStorage(dataSource, agencyId));
}
