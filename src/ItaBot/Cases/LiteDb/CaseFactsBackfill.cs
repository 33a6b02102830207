using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Cases.LiteDb;

/// <summary>
/// Gives every case its <see cref="CaseFact"/> once, for LiteDB files written before facts existed: at start-up, in the
/// background, a chunk of cases per store write, then a marker in "counters" so that it never runs again. A chunk's write
/// adds facts only where none exist: a case changed meanwhile got its (newer) facts in the change's own write. Report
/// compiles wait for <see cref="EnsureAsync"/>. A new data file is marked complete at once (see
/// <see cref="CaseFactDocuments.MarkCompleteIfNoCases"/>), so seeding and compiling from the command line never backfill.
/// </summary>
internal sealed partial class CaseFactsBackfill(MessagingStore store, ILogger<CaseFactsBackfill> logger) : IHostedService, IDisposable
{
    private const int Chunk = 500;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _run;

    /// <summary>Completes once every case has its facts (at once when the marker is there).</summary>
    public Task EnsureAsync()
    {
        if (CaseFactDocuments.IsComplete(store.Database))
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            return _run ??= Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = EnsureAsync();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The container let go of this singleton before the host stopped it: nothing is running any more.
            return;
        }

        Task? run;
        lock (_lock)
        {
            run = _run;
        }

        if (run is not null)
        {
            try
            {
                await run.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped halfway: facts written so far stay; the next start carries on (the marker is not written).
            }
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var cases = store.Database.GetCollection(LiteDbCaseStore.CollectionName);
            var last = BsonValue.MinValue;
            var added = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var documents = cases.Find(Query.GT("_id", last), 0, Chunk).ToList();
                if (documents.Count == 0)
                {
                    break;
                }

                var facts = documents.Select(d => CaseFactDocuments.ToBson(CaseFacts.From(CaseDocuments.FromBson(d)))).ToList();
                added += await store.Writer.WriteAsync(work =>
                {
                    var collection = work.LiteDb().GetCollection(CaseFactDocuments.CollectionName);
                    var inserted = 0;
                    foreach (var fact in facts.Where(f => collection.FindById(f["_id"]) is null))
                    {
                        collection.Insert(fact);
                        inserted++;
                    }

                    return inserted;
                }).ConfigureAwait(false);
                last = documents[^1]["_id"];
            }

            await store.Writer.WriteAsync(work => CaseFactDocuments.MarkComplete(work.LiteDb())).ConfigureAwait(false);
            LogBackfilled(logger, added);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBackfillFailed(logger, ex);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case facts backfilled: {Added} cases had none")]
    private static partial void LogBackfilled(ILogger logger, int added);

    [LoggerMessage(Level = LogLevel.Error, Message = "Case facts backfill failed; reports wait for it, the next start tries again")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception);
}
