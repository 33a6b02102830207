using System.Net;
using System.Text.Json;
using Hangfire;
using ItaBot.Line;
using ItaBot.Line.Client;
using ItaBot.Line.Messages;
using Microsoft.Extensions.Options;

namespace ItaBot.Notifications;

/// <summary>
/// The Hangfire job that pushes one notification. Every push of a notification carries the same X-Line-Retry-Key
/// (derived from its id), so a repeat after a crash, a lost answer or a second job is answered 409 by LINE and counts as
/// sent, never as a second message. 429, 5xx and no answer are tried again with backoff for as long as it takes;
/// other refusals (403 for a blocked bot, 400) are recorded and tried <see cref="NotificationOptions.MaxRefusedAttempts"/>
/// times, then parked. Hangfire's own retries are off: the outbox state decides. At LINE's monthly limit the
/// notification is held (left due, not tried, no attempt counted) until <see cref="LineChannel.LineQuota"/> has room.
/// </summary>
internal sealed partial class NotificationDelivery(
    INotificationStore notifications,
    NotificationDispatcher dispatcher,
    ILineMessagingClient line,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDelivery> logger,
    LineChannel.LineQuota quota,
    IEnumerable<ISealedRecipients>? sealedRecipients = null)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task DeliverAsync(string notificationId, CancellationToken cancellationToken)
    {
        // One push at a time per notification in this process: a sweep and a scheduled retry may both fire.
        if (!dispatcher.TryBegin(notificationId))
        {
            return;
        }

        try
        {
            // Read after taking the guard: a push that finished just before has already recorded its outcome.
            var notification = notifications.Find(notificationId);
            if (notification is null or { State: NotificationState.Sent or NotificationState.Parked })
            {
                return;
            }

            if (quota.PushesRefused)
            {
                quota.Hold("notification:" + notificationId);
                return;
            }

            await PushAsync(notification, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            dispatcher.End(notificationId);
        }
    }

    private async Task PushAsync(Notification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int status;
        string error;
        bool transient;
        try
        {
            var messages = JsonSerializer.Deserialize<List<Message>>(notification.MessagesJson, LineJson.Options) ?? [];
            var to = notification.To;
            if (sealedRecipients?.FirstOrDefault(r => r.Owns(notification.To)) is { } sealedRecipient)
            {
                // Opened here, in memory, for this push only: the outbox never holds the address in clear.
                if (await sealedRecipient.OpenAsync(notification.To, cancellationToken).ConfigureAwait(false) is not { } opened)
                {
                    await notifications.MarkFailedAsync(notification.Id, 0, "no recipient any more (opted out or deleted)", Now(), park: true).ConfigureAwait(false);
                    LogNoRecipient(logger, notification.Id, notification.Kind);
                    return;
                }

                to = opened;
            }

            var response = await line.PushAsync(to, messages, notification.RetryKey, cancellationToken).ConfigureAwait(false);
            status = response.AlreadyAccepted ? (int)HttpStatusCode.Conflict : (int)HttpStatusCode.OK;
            await notifications.MarkSentAsync(notification.Id, status, Now()).ConfigureAwait(false);
            LogSent(logger, notification.Id, notification.Kind, status);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;     // shutting down: the notification stays as it was and is found again at the next start
        }
        catch (LineApiException ex) when (ex.IsMonthlyLimitReached)
        {
            quota.RefusedForTheMonth();
            quota.Hold("notification:" + notification.Id);
            LogHeld(logger, notification.Id, notification.Kind);
            return;
        }
        catch (LineApiException ex) when (ex.IsTransient)
        {
            (status, error, transient) = ((int)ex.StatusCode, Describe(ex), true);
        }
        catch (LineApiException ex)
        {
            (status, error, transient) = ((int)ex.StatusCode, Describe(ex), false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException)
        {
            (status, error, transient) = (0, $"no answer from LINE ({ex.GetType().Name})", true);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException or LineMessageLimitException)
        {
            // What we stored cannot be sent as it is: no point in trying it again and again.
            (status, error, transient) = (0, $"not sendable: {ex.GetType().Name}", false);
        }

        var attempts = notification.Attempts + 1;
        var park = !transient && attempts >= settings.MaxRefusedAttempts;
        var delay = DelayFor(attempts, settings);
        await notifications.MarkFailedAsync(notification.Id, status, error, Now() + delay, park).ConfigureAwait(false);
        if (park)
        {
            LogParked(logger, notification.Id, notification.Kind, status, attempts, error);
            return;
        }

        LogRetry(logger, notification.Id, notification.Kind, status, attempts, delay);
        dispatcher.Schedule(notification.Id, delay);
    }

    internal static TimeSpan DelayFor(int attempts, NotificationOptions settings)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    // LINE's words and request id only: the exception text never carries the recipient.
    private static string Describe(LineApiException ex) => ex.IsTransportFailure ? "no answer from LINE" : Truncate(ex.Message, 300);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} ({Kind}) held: LINE's monthly message limit is reached")]
    private static partial void LogHeld(ILogger logger, string notificationId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} ({Kind}) dropped: its sealed recipient is gone")]
    private static partial void LogNoRecipient(ILogger logger, string notificationId, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {NotificationId} ({Kind}) delivered: {Status}")]
    private static partial void LogSent(ILogger logger, string notificationId, string kind, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} ({Kind}) not delivered ({Status}, attempt {Attempt}); trying again in {Delay}")]
    private static partial void LogRetry(ILogger logger, string notificationId, string kind, int status, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {NotificationId} ({Kind}) parked after {Attempts} refusals (last {Status}: {Error})")]
    private static partial void LogParked(ILogger logger, string notificationId, string kind, int status, int attempts, string error);
}
