using Hangfire;
using Microsoft.Extensions.Options;

namespace ItaBot.Vault;

/// <summary>
/// Daily (03:15 Bangkok): deletes protected reports past their retention date for real (<see cref="ProtectedReports.PurgeExpiredAsync"/>).
/// Skipped, with one log line, while the vault has no key configured.
/// </summary>
internal sealed partial class VaultRetentionJob(AgencyVaults vaults, Agencies.AgencyDirectory agencies, ILogger<VaultRetentionJob> logger)
{
    public const string JobId = "vault-retention";
    public const string Cron = "15 3 * * *";

    /// <summary>Once per agency (each its own vault); the reports deleted in all.</summary>
    public Task<int> RunAsync() => agencies.EachAgencyAsync(RunForAgencyAsync);

    private async Task<int> RunForAgencyAsync()
    {
        if (!vaults.CurrentHasKey)
        {
            LogNotConfigured(logger);
            return 0;
        }

        var vault = vaults.Current;
        // Receipts whose submit turn died before releasing them (see ProtectedReports.SubmitOnceAsync).
        await vault.ReleaseStalePendingReceiptsAsync().ConfigureAwait(false);
        var deleted = await vault.PurgeExpiredAsync().ConfigureAwait(false);
        LogDone(logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vault retention skipped: no ItaBot:Vault:Kek or KekFile configured")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vault retention: {Count} expired protected reports deleted")]
    private static partial void LogDone(ILogger logger, int count);
}

/// <summary>Registers the daily retention job as the service starts.</summary>
internal sealed class VaultStartup(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<VaultRetentionJob>(VaultRetentionJob.JobId, j => j.RunAsync(), VaultRetentionJob.Cron,
            new RecurringJobOptions { TimeZone = WorkingCalendar.Bangkok });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
