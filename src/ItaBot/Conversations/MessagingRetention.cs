using ItaBot.Storage;
using ItaBot.Webhook;
using Microsoft.Extensions.Options;

namespace ItaBot.Conversations;

/// <summary>
/// Handled events and delivered sends hold what citizens wrote; they are kept for
/// <see cref="StorageOptions.RetentionDays"/> (long past any LINE redelivery) and then deleted. Parked and pending
/// entries are never deleted here: they still need someone.
/// </summary>
internal sealed partial class MessagingRetention(
    IInboxStore inbox,
    IOutboxStore outbox,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<MessagingRetention> logger) : BackgroundService
{
    public async Task<(int Events, int Sends)> PurgeAsync()
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays);
        var events = await inbox.PurgeHandledAsync(cutoff).ConfigureAwait(false);
        var sends = await outbox.PurgeSentAsync(cutoff).ConfigureAwait(false);
        if (events + sends > 0)
        {
            LogPurged(logger, events, sends, options.Value.RetentionDays);
        }

        return (events, sends);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await PurgeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Events} handled events and {Sends} delivered sends older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int events, int sends, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention clean-up failed; it runs again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
