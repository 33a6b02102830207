using System.Threading.Channels;
using LiteDB;

namespace ItaBot.Vault.Storage.LiteDb;

/// <summary>
/// The one thread that writes vault.db (LiteDB 5 corrupts files with concurrent writers): the idea of
/// ItaBot's StoreWriter, simplified. Each write runs in its own transaction, in order; a write that throws is rolled
/// back and fails alone. An exclusive job (the rebuild that really deletes expired data) runs outside any transaction
/// while readers are held at the gate.
/// </summary>
internal sealed class VaultWriter : IAsyncDisposable
{
    private readonly LiteDatabase _database;
    private readonly ReaderWriterLockSlim _gate;
    private readonly Channel<IWork> _queue = Channel.CreateUnbounded<IWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public VaultWriter(LiteDatabase database, ReaderWriterLockSlim gate)
    {
        _database = database;
        _gate = gate;
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write) => Enqueue(new Work<T>(write, exclusive: false));

    public Task WriteAsync(Action<LiteDatabase> write) => WriteAsync(db =>
    {
        write(db);
        return true;
    });

    /// <summary>Runs <paramref name="job"/> with no transaction open and no reader inside (rebuild, checkpoint).</summary>
    public Task<T> ExclusiveAsync<T>(Func<LiteDatabase, T> job) => Enqueue(new Work<T>(job, exclusive: true));

    private Task<T> Enqueue<T>(Work<T> work)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(work), this);
        return work.Completion.Task;
    }

    private void Run()
    {
        // Synchronous on purpose: a LiteDB transaction belongs to its thread.
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_queue.Reader.TryRead(out var work))
            {
                if (work.Exclusive)
                {
                    _gate.EnterWriteLock();
                    try
                    {
                        work.Run(_database);
                    }
                    catch (Exception ex)
                    {
                        work.Fail(ex);
                    }
                    finally
                    {
                        _gate.ExitWriteLock();
                    }

                    continue;
                }

                try
                {
                    _database.BeginTrans();
                    work.Run(_database);
                    _database.Commit();
                    work.Complete();
                }
                catch (Exception ex)
                {
                    try
                    {
                        _database.Rollback();
                    }
                    catch (Exception)
                    {
                        // Nothing more to undo; the write's own exception is the one worth reporting.
                    }

                    work.Fail(ex);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private interface IWork
    {
        bool Exclusive { get; }

        void Run(LiteDatabase database);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Work<T>(Func<LiteDatabase, T> run, bool exclusive) : IWork
    {
        private T? _result;

        public bool Exclusive => exclusive;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(LiteDatabase database)
        {
            _result = run(database);
            if (exclusive)
            {
                Complete();
            }
        }

        public void Complete() => Completion.TrySetResult(_result!);

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
