namespace ItaBot.Storage;

/// <summary>
/// One transaction that several slices' stores write into and that commits, or rolls back, as a whole: a turn's dialog
/// state, its event's completion and its answer; a case change and the notifications it causes. Opaque on purpose: each
/// storage provider's stores recognise their own kind and refuse another's.
/// </summary>
internal interface IUnitOfWork
{
}

/// <summary>
/// Group commit for the service's store: callers hand in small write functions; they run together inside one
/// transaction, and each caller's task completes only after the commit. A write that throws fails alone (see the
/// provider's writer for how the batch is retried without it).
/// </summary>
internal interface IStoreWriter
{
    /// <summary>Batches committed so far.</summary>
    long Batches { get; }

    /// <summary>Writes committed so far.</summary>
    long Writes { get; }

    /// <summary>
    /// Runs <paramref name="write"/> in the next committed batch; the task completes after the commit. If the batch is
    /// rolled back, <paramref name="onRollback"/> runs before the write is tried again alone. Priority writes (webhook
    /// acknowledgements) go first in every batch.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IUnitOfWork, T> write, Action? onRollback = null, bool priority = false);

    /// <summary>Runs <paramref name="write"/> in the next committed batch.</summary>
    Task WriteAsync(Action<IUnitOfWork> write);
}
