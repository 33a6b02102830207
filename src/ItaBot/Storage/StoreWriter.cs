using System.Threading.Channels;
using LiteDB;

namespace ItaBot.Storage;

/// <summary>
/// Group commit for one LiteDB file. Callers hand in small write functions; one thread runs all that are waiting
/// inside a single transaction and completes their tasks only after the commit. LiteDB commits about 4,600 single
/// transactions a second here but 35,000 documents a second in batches, so concurrent webhook requests share commits.
/// A write that throws fails alone: the batch is rolled back and its other writes are committed without it.
/// </summary>
internal sealed partial class StoreWriter : IAsyncDisposable
{
    private readonly LiteDatabase _database;
    private readonly Channel<IPendingWrite> _queue = Channel.CreateUnbounded<IPendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxBatch;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private long _batches;
    private long _writes;

    public StoreWriter(LiteDatabase database, int maxBatch, ILogger logger)
    {
        _database = database;
        _maxBatch = maxBatch;
        _logger = logger;
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public long Batches => Interlocked.Read(ref _batches);

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Runs <paramref name="write"/> in the next committed batch. The task completes after the commit.</summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write)
    {
        var pending = new PendingWrite<T>(write);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);

        return pending.Completion.Task;
    }

    public Task WriteAsync(Action<LiteDatabase> write) => WriteAsync<bool>(db =>
    {
        write(db);
        return true;
    });

    private async Task RunAsync()
    {
        var batch = new List<IPendingWrite>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Everything from here to the commit is synchronous: a LiteDB transaction belongs to its thread.
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            CommitBatch(batch);
        }
    }

    private void CommitBatch(List<IPendingWrite> batch)
    {
        try
        {
            _database.BeginTrans();
            foreach (var write in batch)
            {
                write.Run(_database);
            }

            _database.Commit();
            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _writes, batch.Count);
            foreach (var write in batch)
            {
                write.Complete();
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            _database.Rollback();
            LogBatchRetriedAlone(_logger, batch.Count);
            foreach (var write in batch)
            {
                CommitBatch([write]);
            }
        }
        catch (Exception ex)
        {
            SafeRollback();
            batch[0].Fail(ex);
        }
    }

    private void SafeRollback()
    {
        try
        {
            _database.Rollback();
        }
        catch (Exception ex)
        {
            LogRollbackFailed(_logger, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A write failed inside a batch of {Count}; committing the batch's writes one by one")]
    private static partial void LogBatchRetriedAlone(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rolling back a failed write failed")]
    private static partial void LogRollbackFailed(ILogger logger, Exception exception);

    private interface IPendingWrite
    {
        void Run(LiteDatabase database);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<LiteDatabase, T> write) : IPendingWrite
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(LiteDatabase database) => _result = write(database);

        public void Complete() => Completion.TrySetResult(_result!);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
