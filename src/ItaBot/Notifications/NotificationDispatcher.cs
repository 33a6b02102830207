using System.Collections.Concurrent;
using Hangfire;
using ItaBot.Storage;

namespace ItaBot.Notifications;

/// <summary>
/// Hands committed notifications to Hangfire. Notifications written inside someone else's store write (a case change)
/// are announced with <see cref="AfterCommit"/> from inside that write; a no-op write queued behind it is the barrier:
/// when it completes, the announcing write was committed or rolled back, and only notifications found pending in the
/// store are enqueued. A crash between commit and enqueue loses nothing: the sweep finds them.
/// </summary>
internal sealed partial class NotificationDispatcher(
    IStoreWriter writer,
    INotificationStore notifications,
    IBackgroundJobClient jobs,
    ILogger<NotificationDispatcher> logger)
{
    private readonly Lock _gate = new();
    // With the agency each was announced for: one barrier may carry several agencies' notifications.
    private List<(string? Agency, string Id)> _announced = [];
    private bool _barrierQueued;

    // Ids handed to Hangfire and not yet started: the sweep does not enqueue them again. Keyed by agency and id (Key):
    // agencies' notifications may share an id (a month's summary), and each is delivered in its own agency.
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Called inside a store write that added <paramref name="notificationId"/>; never blocks.</summary>
    public void AfterCommit(string notificationId)
    {
        lock (_gate)
        {
            _announced.Add((AgencyContext.Captured, notificationId));
            if (_barrierQueued)
            {
                return;
            }

            _barrierQueued = true;
        }

        // Off the writer thread, so that the ids of the rest of the current batch join this barrier.
        _ = Task.Run(AfterBarrierAsync);
    }

    private async Task AfterBarrierAsync()
    {
        List<(string? Agency, string Id)> ids;
        lock (_gate)
        {
            ids = _announced;
            _announced = [];
            _barrierQueued = false;
        }

        try
        {
            // Queued after every write that announced these ids: when it completes, they are committed or gone.
            await writer.WriteAsync(static _ => true).ConfigureAwait(false);
            foreach (var (agency, id) in ids.Distinct())
            {
                // Found in, and delivered for, the agency whose outbox holds it (its channel sends it).
                using var scope = AgencyContext.Enter(agency);
                if (notifications.Find(id) is { State: NotificationState.Pending })
                {
                    Enqueue(id);
                }
            }
        }
        catch (Exception ex)
        {
            // The store is closing or Hangfire refused: the sweep at the next start or minute picks them up.
            LogKickFailed(logger, ids.Count, ex);
        }
    }

    /// <summary>Enqueues delivery of committed notifications.</summary>
    public void EnqueueCommitted(IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Enqueue(id);
        }
    }

    /// <summary>Enqueues a delivery unless one is already waiting in Hangfire.</summary>
    public bool Enqueue(string id)
    {
        var key = Key(id);
        if (!_queued.TryAdd(key, 0))
        {
            return false;
        }

        try
        {
            jobs.Enqueue<NotificationDelivery>(d => d.DeliverAsync(id, CancellationToken.None));
            return true;
        }
        catch
        {
            _queued.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>Schedules the next attempt after a failure.</summary>
    public void Schedule(string id, TimeSpan delay)
    {
        var key = Key(id);
        _queued.TryAdd(key, 0);
        try
        {
            jobs.Schedule<NotificationDelivery>(d => d.DeliverAsync(id, CancellationToken.None), delay);
        }
        catch
        {
            _queued.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>
    /// A delivery job for <paramref name="id"/> starts: a later sweep may enqueue it again if it stays due. False when
    /// another job of this process is pushing it right now.
    /// </summary>
    public bool TryBegin(string id)
    {
        var key = Key(id);
        _queued.TryRemove(key, out _);
        return _inFlight.TryAdd(key, 0);
    }

    public void End(string id) => _inFlight.TryRemove(Key(id), out _);

    public bool IsQueuedOrRunning(string id) => _queued.ContainsKey(Key(id)) || _inFlight.ContainsKey(Key(id));

    /// <summary>The notification <paramref name="id"/> of the agency in context.</summary>
    private static string Key(string id) => string.Concat(AgencyContext.CurrentId, "\n", id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} committed notifications were not handed to Hangfire; the sweep will")]
    private static partial void LogKickFailed(ILogger logger, int count, Exception exception);
}
