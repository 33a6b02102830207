namespace ItaBot.Webhook;

/// <summary>
/// Webhook requests in flight, so that turn processing can step aside for them: LINE gives an acknowledgement two
/// seconds, while an answer has the reply token's minute (and a push after that). Counting costs two interlocked
/// operations per request; <see cref="WaitForQuietAsync"/> completes when none is in flight.
/// </summary>
internal sealed class WebhookPressure
{
    private readonly object _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _quiet;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _quiet) is not null)
        {
            TaskCompletionSource? waiting;
            lock (_gate)
            {
                waiting = _quiet;
                _quiet = null;
            }

            waiting?.TrySetResult();
        }
    }

    /// <summary>Completes when no webhook request is in flight, or after <paramref name="limit"/> at the latest.</summary>
    public Task WaitForQuietAsync(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _inFlight) == 0)
        {
            return Task.CompletedTask;
        }

        Task quiet;
        lock (_gate)
        {
            _quiet ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            quiet = _quiet.Task;
        }

        // Re-check after publishing the waiter: the last request may have left in between.
        if (Volatile.Read(ref _inFlight) == 0)
        {
            return Task.CompletedTask;
        }

        return WaitAsync(quiet, limit, time, cancellationToken);
    }

    private static async Task WaitAsync(Task quiet, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await quiet.WaitAsync(limit, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Waited long enough: the turn goes ahead, so answers keep flowing under a sustained flood.
        }
    }
}
