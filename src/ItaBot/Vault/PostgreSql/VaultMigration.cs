using ItaBot.Storage;
using ItaBot.Vault.Storage.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Vault.PostgreSql;

/// <summary>The vault's part of <c>migrate --from-litedb DIR --agency ID</c>: the copy itself is the vault library's (its storage is internal).</summary>
internal static class VaultMigration
{
    /// <summary>
    /// Copies DIR's vault.db into the agency's vault rows under the agency's own vault options (its KEK: the same KEK that
    /// sealed vault.db, or the copy is refused before anything is written). Null when DIR has no vault.db.
    /// </summary>
    public static Task<VaultCopyResult?> CopyFromLiteDbAsync(IServiceProvider services, string directory, string agencyId)
    {
        var options = string.Equals(agencyId, AgencyContext.DefaultId, StringComparison.Ordinal)
            ? services.GetRequiredService<IOptions<VaultOptions>>().Value
            : services.GetRequiredService<IOptionsMonitor<VaultOptions>>().Get(agencyId);
        return VaultPostgreSql.CopyFromLiteDbAsync(directory, options, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<NpgsqlDataSource>(), agencyId, "migrate");
    }
}
