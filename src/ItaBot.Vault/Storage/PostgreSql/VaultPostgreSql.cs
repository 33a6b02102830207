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

    /// <summary>
    /// Copies the vault of a LiteDB data directory (its vault.db: protected reports, evidence, drafts, counters, keys and the
    /// audit chain) into <paramref name="agencyId"/>'s vault rows as they are, still sealed under the same KEK, once
    /// <paramref name="options"/>' KEK is seen to open it; then verifies the audit chain on the copy through the facade (an
    /// audited "audit.verify", as <c>vault verify</c> does). Null when the directory has no vault.db. Refused (nothing
    /// copied) when the agency's vault already holds reports, drafts or an audit chain. Run it with the nodes stopped or
    /// restart them after: a node that opened the empty vault before holds the keys the copy replaced.
    /// </summary>
    public static async Task<VaultCopyResult?> CopyFromLiteDbAsync(string directory, VaultOptions options, TimeProvider timeProvider, NpgsqlDataSource dataSource,
        string agencyId, string actor)
    {
        ArgumentNullException.ThrowIfNull(options);
        var full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, LiteDb.LiteDbVaultStorage.FileName)))
        {
            return null;
        }

        // The KEK must open the source's keys: opened as a node opens it (a vault that has its keys is not written to).
        await using (new ProtectedReports(options.For(full), timeProvider))
        {
        }

        await using (var source = new LiteDb.LiteDbVaultStorage(full))
        await using (var target = new PgVaultStorage(dataSource, agencyId))
        {
            if (VaultCopy.Refusal(target) is { } refusal)
            {
                return new VaultCopyResult([], null, refusal);
            }

            var expected = VaultCopy.Count(source);
            await VaultCopy.CopyAsync(source, target).ConfigureAwait(false);
            var copied = VaultCopy.Count(target);
            await using var vault = Open(options, timeProvider, null, dataSource, agencyId);
            var audit = await vault.VerifyAuditAsync(actor).ConfigureAwait(false);
            return new VaultCopyResult([.. VaultCopy.Kinds.Select((kind, i) => new VaultCopyCount(kind, expected[i], copied[i]))], audit, null);
        }
    }
}

/// <summary>What <see cref="VaultPostgreSql.CopyFromLiteDbAsync"/> did: counts on both sides, the copy's audit verification, or why nothing was copied.</summary>
public sealed record VaultCopyResult(IReadOnlyList<VaultCopyCount> Counts, AuditVerification? Audit, string? Refused)
{
    public bool Equal => Refused is null && Counts.All(c => c.Source == c.Copied) && Audit is { IsIntact: true };
}

/// <summary>One kind of vault record: how many the source held and the copy holds.</summary>
public sealed record VaultCopyCount(string Records, long Source, long Copied);
