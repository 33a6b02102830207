using System.Diagnostics;
using System.Threading.Channels;

namespace ItaBot.Storage;

/// <summary>
/// Group commit, whatever the provider: callers hand in small write functions; one thread runs all that are waiting
/// inside a single transaction and completes their tasks only after the commit (a commit has a fixed price: LiteDB
/// commits about 4,600 single transactions a second here but 35,000 documents a second in batches; PostgreSQL waits for
/// its WAL flush). A write that throws fails alone: the batch is rolled back (each write hears of it through its rollback callback) and
/// its other writes are committed one by one without it. Priority writes (webhook acknowledgements) go first in every
/// batch, and a batch takes at most <see cref="MaxBackgroundPerBatch"/> other writes, so a processing backlog never
/// holds an acknowledgement for long.
/// </summary>
internal abstract partial class GroupCommitWriter : IStoreWriter, IAsyncDisposable
{
    public const int MaxBackgroundPerBatch = 16;

    private readonly Channel<IPendingWrite> _queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<IPendingWrite> _priority = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _signal = new(0);
    private readonly int _maxBatch;
    private readonly TimeSpan _gather;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private long _batches;
    private long _writes;
    private volatile bool _closed;
    private int _disposed;

    /// <summary>Acknowledgements a gathering commit waits for at most (<see cref="StorageOptions.GatherAcknowledgements"/>).</summary>
    public const int GatherTarget = 32;

    protected GroupCommitWriter(int maxBatch, ILogger logger, TimeSpan gather)
    {
        _maxBatch = maxBatch;
        _gather = gather;
        _logger = logger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public long Batches => Interlocked.Read(ref _batches);

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>
    /// Runs <paramref name="write"/> in the next committed batch; the task completes after the commit. If the batch is
    /// rolled back, <paramref name="onRollback"/> runs (on the writer thread) before the write is tried again alone.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<IUnitOfWork, T> write, System.Action? onRollback = null, bool priority = false)
    {
        var pending = new PendingWrite<T>(write, onRollback);
        ObjectDisposedException.ThrowIf(!(priority ? _priority : _queue).Writer.TryWrite(pending), this);
        _signal.Release();
        return pending.Completion.Task;
    }

    public Task WriteAsync(Action<IUnitOfWork> write) => WriteAsync<bool>(work =>
    {
        write(work);
        return true;
    });

    private async Task RunAsync()
    {
        var batch = new List<IPendingWrite>(_maxBatch);
        long? lastWithPriority = null;
        while (true)
        {
            if (!_closed)
            {
                await _signal.WaitAsync().ConfigureAwait(false);
            }

            var signals = 1;
            batch.Clear();
            var priority = TakePriority(batch);

            // A stream of acknowledgements (a commit carried some a moment ago too): wait a moment for more to share
            // this commit. A commit has a fixed price (the log write, the header page); on two busy cores a writer that
            // commits every one or two acknowledgements spends on commits the CPU that parses the next requests.
            // The first acknowledgement after a quiet spell is not held.
            if (priority > 0 && _gather > TimeSpan.Zero && !_closed && lastWithPriority is { } last && Stopwatch.GetElapsedTime(last) < 2 * _gather)
            {
                var deadline = Stopwatch.GetTimestamp() + (long)(_gather.TotalSeconds * Stopwatch.Frequency);
                while (priority < GatherTarget && batch.Count < _maxBatch)
                {
                    var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                    if (left <= TimeSpan.Zero || !await _signal.WaitAsync(left).ConfigureAwait(false))
                    {
                        break;
                    }

                    signals++;
                    priority += TakePriority(batch);
                }
            }

            var background = 0;
            while (batch.Count < _maxBatch && background < MaxBackgroundPerBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                background++;
            }

            if (batch.Count == 0)
            {
                if (_closed)
                {
                    return;
                }

                continue;
            }

            // One signal per write: take the ones this batch consumed beyond those awaited (a signal whose write
            // came later just wakes the loop once for nothing); give back any awaited for a write left queued.
            for (var i = signals; i < batch.Count && !_closed; i++)
            {
                _signal.Wait(0);
            }

            if (signals > batch.Count)
            {
                _signal.Release(signals - batch.Count);
            }

            if (priority > 0)
            {
                lastWithPriority = Stopwatch.GetTimestamp();
            }

            // Everything from here to the commit is synchronous: a LiteDB transaction belongs to its thread, and the
            // writes are plain functions the callers handed in.
            CommitBatch(batch);
        }
    }

    private int TakePriority(List<IPendingWrite> batch)
    {
        var taken = 0;
        while (batch.Count < _maxBatch && _priority.Reader.TryRead(out var urgent))
        {
            batch.Add(urgent);
            taken++;
        }

        return taken;
    }

    private void CommitBatch(List<IPendingWrite> batch)
    {
        try
        {
            var work = Begin();
            foreach (var write in batch)
            {
                write.Run(work);
            }

            Commit();
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, batch.Count);
            foreach (var write in batch)
            {
                write.Complete();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            SafeRollback();
            foreach (var write in batch)
            {
                write.RolledBack();
            }

            LogBatchRetriedAlone(_logger, batch.Count);
            foreach (var write in batch)
            {
                CommitBatch([write]);
            }
        }
        catch (Exception ex)
        {
            SafeRollback();
            batch[0].RolledBack();
            batch[0].Fail(ex);
        }
    }

    private void SafeRollback()
    {
        try
        {
            Rollback();
        }
        catch (Exception ex)
        {
            LogRollbackFailed(_logger, ex);
        }
    }

    /// <summary>Opens the transaction the next batch runs in; its unit of work is what the writes receive.</summary>
    protected abstract IUnitOfWork Begin();

    /// <summary>Commits the transaction <see cref="Begin"/> opened; throws when it could not.</summary>
    protected abstract void Commit();

    /// <summary>Rolls back the transaction <see cref="Begin"/> opened (it may already be broken).</summary>
    protected abstract void Rollback();

    /// <summary>Drains what is queued, then stops. Idempotent: the container (as <see cref="IStoreWriter"/>) and its owner may both dispose it.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _loop.ConfigureAwait(false);
            return;
        }

        _queue.Writer.TryComplete();
        _priority.Writer.TryComplete();
        _closed = true;     // from now on the loop drains what is queued without waiting, then ends
        _signal.Release();
        await _loop.ConfigureAwait(false);
        _signal.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write failed inside a batch of {Count}; committing the batch's writes one by one")]
    private static partial void LogBatchRetriedAlone(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rolling back a failed write failed")]
    private static partial void LogRollbackFailed(ILogger logger, Exception exception);

    private interface IPendingWrite
    {
        void Run(IUnitOfWork work);

        void Complete();

        void Fail(Exception exception);

        void RolledBack();
    }

    private sealed class PendingWrite<T>(Func<IUnitOfWork, T> write, System.Action? onRollback) : IPendingWrite
    {
        // The writer thread runs every caller's write: each runs under the agency of the caller that queued it.
        private readonly string? _agency = AgencyContext.Captured;
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(IUnitOfWork work)
        {
            using var agency = AgencyContext.Enter(_agency);
            _result = write(work);
        }

        public void Complete() => Completion.TrySetResult(_result!);

        public void Fail(Exception exception) => Completion.TrySetException(exception);

        public void RolledBack()
        {
            using var agency = AgencyContext.Enter(_agency);
            onRollback?.Invoke();
        }
    }
}
