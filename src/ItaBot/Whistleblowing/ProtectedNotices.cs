using Hangfire;
using ItaBot.Conversations;
using ItaBot.Notifications;
using ItaBot.Storage;
using ItaBot.Vault;
using Microsoft.Extensions.Options;

namespace ItaBot.Whistleblowing;

/// <summary>
/// The sealed recipients of <see cref="ProtectedReporterNotices"/>: <c>vault-report:{id}</c> opens, at send time and in
/// memory only, the LINE id the reporter let the vault seal (<see cref="ProtectedReports.OpenNotifierAddressAsync"/>,
/// audited as the notifier). Null when they opted out or the report is gone.
/// </summary>
internal sealed class VaultNotifierAddresses(AgencyVaults vaults) : ISealedRecipients
{
    public bool Owns(string to) => to.StartsWith(ProtectedReporterNotices.SealedPrefix, StringComparison.Ordinal);

    public async Task<string?> OpenAsync(string to, CancellationToken cancellationToken)
    {
        try
        {
            return await vaults.Current
                .OpenNotifierAddressAsync(to[ProtectedReporterNotices.SealedPrefix.Length..]).ConfigureAwait(false);
        }
        catch (ReportNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>What an officer's action tells an opted-in reporter: the fixed sentence, once per change; never fails the action.</summary>
internal sealed partial class ReporterNoticeSender(ProtectedReporterNotices notices, IStoreMaintenance store, ILogger<ReporterNoticeSender> logger)
{
    public async Task SendAsync(ProtectedReports vault, string reportId, string cause)
    {
        if (!vault.HasNotifierAddress(reportId))
        {
            return;
        }

        try
        {
            await notices.NotifyReporterAsync(reportId, cause, WhistleTexts.StatusNotice).ConfigureAwait(false);
        }
        catch (Exception ex) when (store.IsStoreFailure(ex) || ex is ObjectDisposedException or IOException)
        {
            // The change is in the vault; the reporter sees it with the receipt even without the notice.
            LogNoticeFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A status notice to a protected reporter was not queued ({Error})")]
    private static partial void LogNoticeFailed(ILogger logger, string error);
}

/// <summary>
/// After a submit turn: the vault keeps the receipt sealed until the answer that carries it is committed (then the
/// outbox holds it until LINE accepts it). The write this gives joins the turn's commit; it cannot know whether that
/// commit holds, so it queues a no-op behind it (the store's one writer runs in order) and then looks: the submit
/// turn forgets the conversation state, so a state that no longer names the draft means the commit held, and the
/// vault's copy is wiped. A commit that failed leaves the state as it was; the retried turn comes here again.
/// </summary>
internal sealed partial class PendingReceiptRelease(
    IStoreWriter writer, IConversationStateStore states, IStoreMaintenance store, WhistleSessions sessions, AgencyVaults vaults,
    ILogger<PendingReceiptRelease> logger)
{
    private int _released;

    /// <summary>Receipts released so far (tests, health).</summary>
    public int Released => Volatile.Read(ref _released);

    public Action<IUnitOfWork> AfterCommit(string conversationKey, string draftKey, string reportId) => db => Release(conversationKey, draftKey, reportId);

    private void Release(string conversationKey, string draftKey, string reportId) =>
        _ = Task.Run(async () =>
        {
            ProtectedReports? vault = null;
            try
            {
                await writer.WriteAsync(static _ => true).ConfigureAwait(false);
                if (states.ReadJson(conversationKey) is { } state && state.Contains(draftKey, StringComparison.Ordinal))
                {
                    return;
                }

                sessions.Remove(draftKey);
                vault = vaults.Current;
                if (await vault.ReleasePendingReceiptAsync(reportId).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref _released);
                }
            }
            catch (Exception ex) when (store.IsStoreFailure(ex) || vault?.IsStorageFailure(ex) == true
                || ex is ObjectDisposedException or InvalidOperationException or IOException)
            {
                // Shutting down: the daily vault job wipes it after ProtectedReports.PendingReceiptHold.
                LogReleaseFailed(logger, ex.GetType().Name);
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pending receipt was not released after its turn ({Error}); the daily vault job will")]
    private static partial void LogReleaseFailed(ILogger logger, string error);
}

/// <summary>
/// Daily (08:30 Bangkok): integrity officers hear, in a fixed sentence with a link, that protected reports will be
/// deleted within <see cref="WhistleblowingOptions.RetentionWarning"/>; once per report and retention date. Skipped
/// while the vault has no key.
/// </summary>
internal sealed partial class RetentionWarningJob(
    AgencyVaults vaults, Agencies.AgencyDirectory agencies, ProtectedReporterNotices notices, IOptions<WhistleblowingOptions> options,
    ILogger<RetentionWarningJob> logger)
{
    public const string JobId = "vault-retention-warning";
    public const string Cron = "30 8 * * *";

    public static string Sentence(TimeSpan within) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"มีเบาะแสการทุจริตที่จะครบกำหนดลบตามระยะเวลาเก็บรักษาภายใน {(int)Math.Ceiling(within.TotalDays)} วันค่ะ กรุณาตรวจสอบและขยายระยะเวลาหากยังต้องใช้ ในระบบเจ้าหน้าที่ ส่วนงานคุ้มครองผู้แจ้ง");

    /// <summary>Once per agency: its vault, its integrity officers.</summary>
    public Task<int> RunAsync() => agencies.EachAgencyAsync(RunForAgencyAsync);

    private async Task<int> RunForAgencyAsync()
    {
        if (!vaults.CurrentHasKey)
        {
            return 0;
        }

        var within = options.Value.RetentionWarning;
        var expiring = await vaults.Current.ExpiringSoonAsync(within, ProtectedReports.SystemActor).ConfigureAwait(false);
        var added = expiring.Count == 0 ? 0 : await notices.WarnExpiringAsync(expiring.Select(r => (r.ReportId, r.RetainUntil)), Sentence(within)).ConfigureAwait(false);
        LogWarned(logger, expiring.Count, added);
        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vault retention warning: {Count} reports expire soon, {Added} new notices")]
    private static partial void LogWarned(ILogger logger, int count, int added);
}

/// <summary>Registers the daily retention warning as the service starts.</summary>
internal sealed class ProtectedNoticesStartup(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<RetentionWarningJob>(RetentionWarningJob.JobId, j => j.RunAsync(), RetentionWarningJob.Cron,
            new RecurringJobOptions { TimeZone = WorkingCalendar.Bangkok });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
