namespace ItaBot.Notifications;

/// <summary>
/// Every minute and at start: enqueues every notification that is due and not already waiting in Hangfire. This is what
/// makes Hangfire's in-memory queue safe to lose: a crash between commit and enqueue, a restart with retries still
/// scheduled, all end up here.
/// </summary>
internal sealed partial class NotificationSweep(
    INotificationStore notifications,
    NotificationDispatcher dispatcher,
    TimeProvider time,
    ILogger<NotificationSweep> logger,
    LineChannel.LineQuota quota,
    Agencies.AgencyDirectory? agencies = null)
{
    private const int MaxPerSweep = 5_000;

    /// <summary>For every agency (or the one the job was enqueued for).</summary>
    public Task<int> RunAsync() => agencies is null ? RunForAgencyAsync() : agencies.EachAgencyAsync(RunForAgencyAsync);

    private Task<int> RunForAgencyAsync()
    {
        var enqueued = 0;
        if (quota.PushesRefused)
        {
            return Task.FromResult(0);   // held at LINE's monthly limit; the quota's release runs this sweep again
        }

        foreach (var id in notifications.DueIds(time.GetUtcNow().UtcDateTime, MaxPerSweep))
        {
            if (!dispatcher.IsQueuedOrRunning(id) && dispatcher.Enqueue(id))
            {
                enqueued++;
            }
        }

        if (enqueued > 0)
        {
            LogSwept(logger, enqueued);
        }

        return Task.FromResult(enqueued);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep enqueued {Count} due notifications")]
    private static partial void LogSwept(ILogger logger, int count);
}
