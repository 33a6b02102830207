using ItaBot.Storage;

namespace ItaBot.Conversations;

/// <summary>
/// The storage keeps earlier versions of changed records for a while (LiteDB: every changed page in messaging-log.db until a
/// checkpoint copies the latest versions into messaging.db and empties the log): until then the protected flow's original
/// inbox events (user id, text) and its answers (the receipt) are still there, redacted or not. A protected turn requests a checkpoint in its own
/// commit; this service runs it a moment later, once the outbox has no unsent answer left (the answers hold the text
/// until LINE accepted them), on a thread of its own (LiteDB's locks belong to threads).
/// </summary>
internal sealed partial class ProtectedCheckpoint(IStoreMaintenance store, IOutboxStore outbox, TimeProvider time, ILogger<ProtectedCheckpoint> logger)
    : BackgroundService, IProtectedTurnSeal
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private int _requested;
    private int _running;
    private long _done;

    /// <summary>Checkpoints run so far (for tests and health).</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>
    /// No checkpoint is asked for or under way: every protected turn committed so far has been checkpointed. Writes that
    /// follow (a staff notice marked sent, say) may fill the log again; they carry nothing of the protected turns.
    /// </summary>
    public bool Settled => Volatile.Read(ref _requested) == 0 && Volatile.Read(ref _running) == 0;

    public void Request() => Interlocked.Exchange(ref _requested, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            // Running is raised before the request is taken, so Settled never reads true between the two.
            Volatile.Write(ref _running, 1);
            if (Interlocked.Exchange(ref _requested, 0) == 0)
            {
                Volatile.Write(ref _running, 0);
                continue;
            }

            if (outbox.Count(OutboxState.Pending) > 0)
            {
                Request();
                Volatile.Write(ref _running, 0);
                continue;
            }

            try
            {
                var failure = await Task.Factory.StartNew(() => store.TryForgetEarlierVersions(out var failed) ? null : failed, stoppingToken,
                    TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
                if (failure is null)
                {
                    Interlocked.Increment(ref _done);
                }
                else
                {
                    Request();
                    LogCheckpointFailed(logger, failure);
                }
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint after a protected-channel turn failed; retrying")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
