using ItaBot.Vault;
using Microsoft.Extensions.Options;

namespace ItaBot.Reports;

/// <summary>
/// The vault's aggregate statistics for the report sources, as actor "reports" (audited by the vault). The vault is built on
/// first use and needs its key: an agency whose vault was never opened (no key, no vault.db) has filed nothing, so the
/// figures are empty rather than the compile failing; a vault.db without a key fails with the vault's own clear message.
/// </summary>
internal sealed class ProtectedReportCounts(AgencyVaults vaults)
{
    public const string Actor = "reports";

    public async Task<IReadOnlyList<CountedReport>> CountAsync(ReportPeriod period, DateTime asOf)
    {
        var vaultOptions = vaults.OptionsOf(Storage.AgencyContext.CurrentId);
        if (string.IsNullOrWhiteSpace(vaultOptions.Kek) && string.IsNullOrWhiteSpace(vaultOptions.KekFile)
            && !File.Exists(Path.Combine(vaultOptions.DataDirectory, "vault.db")))
        {
            return [];
        }

        var vault = vaults.Current;
        var statistics = await vault.StatisticsAsync(
            new DateTimeOffset(period.StartUtc, TimeSpan.Zero),
            new DateTimeOffset(period.EndUtc, TimeSpan.Zero),
            new DateTimeOffset(DateTime.SpecifyKind(asOf, DateTimeKind.Utc)),
            Actor).ConfigureAwait(false);
        return statistics.Reports;
    }

    /// <summary>The Bangkok (year, month) a report was filed in.</summary>
    public static (int Year, int Month) MonthOf(DateTimeOffset createdAt)
    {
        var local = TimeZoneInfo.ConvertTime(createdAt, WorkingCalendar.Bangkok);
        return (local.Year, local.Month);
    }
}
