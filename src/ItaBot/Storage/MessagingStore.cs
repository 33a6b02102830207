using LiteDB;
using Microsoft.Extensions.Options;

namespace ItaBot.Storage;

/// <summary>
/// The LiteDB file that holds the conversation traffic: the webhook inbox and the outbox of sends.
/// One <see cref="LiteDatabase"/> per file, a singleton, with one group-committing writer.
/// </summary>
internal sealed partial class MessagingStore : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly IDisposable _openFile;

    public const string FileName = "messaging.db";

    public MessagingStore(IOptions<StorageOptions> options, ILogger<MessagingStore> logger)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
        _openFile = OpenFiles.Claim(FilePath, TimeSpan.FromSeconds(60));
        // One thread at a time inside the engine: LiteDB 5's page cache leaks pages when threads miss the same page at once.
        Database = new LiteDatabase(new OneAtATimeEngine(new LiteDB.Engine.LiteEngine(new LiteDB.Engine.EngineSettings { Filename = FilePath })));
        // Schema first, on this thread, before the writer starts: LiteDB 5 corrupts pages when two threads write to
        // different collections at once, so after this point every write goes through the one writer.
        // The inbox is append-only with its _id index alone (the cheapest insert); outcomes live in "turns".
        Database.GetCollection("turns").EnsureIndex("State");
        Database.GetCollection("outbox").EnsureIndex("State");
        Database.GetCollection("qa_log").EnsureIndex("At");
        Database.GetCollection("qa_log").EnsureIndex("Outcome");
        Database.GetCollection("handovers").EnsureIndex("Status");
        Database.GetCollection("handovers").EnsureIndex("LineUserId");
        // Cases (Cases/CaseStore.cs): the fields staff filter and deadline jobs scan, plus the "K…" list keys that give
        // each filter its newest-first walk (Cases/CaseDocuments.cs) and OpenDue for overdue cases.
        var cases = Database.GetCollection("cases");
        cases.EnsureIndex("Number", unique: true);
        foreach (var field in (string[])["Status", "Department", "CategoryId", "CreatedAt", "AnswerBy", "AcknowledgeBy",
            "CitizenLineUserId", "AssigneeId", "Channel", "OpenDue", "KStatus", "KDepartment", "KCategory", "KChannel", "KAssignee", "KDepartmentStatus", "KOpen"])
        {
            cases.EnsureIndex(field);
        }

        Database.GetCollection("staff").EnsureIndex("UserName", unique: true);
        Database.GetCollection("staff").EnsureIndex("Department");
        Database.GetCollection("staff").EnsureIndex("LineUserId");
        Database.GetCollection("notifications").EnsureIndex("State");
        Database.GetCollection("notifications").EnsureIndex("CaseId");
        // Reports (Reports/ReportCompiler.cs): snapshots by period and newest first. "case_facts" needs only its _id.
        Database.GetCollection("report_snapshots").EnsureIndex("Slug");
        Database.GetCollection("report_snapshots").EnsureIndex("CompiledAt");
        // The walk-in register (Reports/ServiceVisits.cs); making its indexes here creates the collection too.
        Database.GetCollection("service_visits").EnsureIndex("Day");
        Database.GetCollection("service_visits").EnsureIndex("Corrects");
        // PDPA (Privacy/): requests by person and status, the access audit and the purge log by time; closed cases by closing.
        Database.GetCollection("privacy_requests").EnsureIndex("LineUserId");
        Database.GetCollection("privacy_requests").EnsureIndex("Status");
        Database.GetCollection("privacy_requests").EnsureIndex("Year");
        Database.GetCollection("privacy_requests").EnsureIndex("ReceivedAt");
        Database.GetCollection("privacy_requests").EnsureIndex("DecidedAt");
        Database.GetCollection("privacy_copies").EnsureIndex("ExpiresAt");
        Database.GetCollection("access_audit").EnsureIndex("At");
        Database.GetCollection("purge_log").EnsureIndex("At");
        cases.EnsureIndex("ClosedAt");
        Database.GetCollection("conversations").EnsureIndex("UpdatedAt");
        Database.GetCollection("notifications").EnsureIndex("SentAt");
        // Every collection exists before anyone reads: LiteDB 5 creates a collection on its first write, and a read on
        // another thread at that moment can meet the new collection page half made ("page type must be collection page"),
        // which marks the engine broken. Created here, on this thread, with nothing else running, that cannot happen.
        foreach (var name in (string[])["inbox", "turns", "outbox", "conversations", "qa_log", "handovers", "cases", "counters",
            "staff", "departments", "notifications", "case_facts", "report_snapshots", "privacy_requests", "privacy_copies", "access_audit", "purge_log"])
        {
            var collection = Database.GetCollection(name);
            if (!Database.CollectionExists(name))
            {
                collection.Insert(new BsonDocument { ["_id"] = "collection-created" });
                collection.Delete("collection-created");
            }
        }

        ItaBot.Cases.CaseFacts.MarkCompleteIfNoCases(Database);
        Writer = new StoreWriter(Database, options.Value.MaxBatch, logger, options.Value.GatherAcknowledgements);
        _logger = logger;
    }

    public string FilePath { get; }

    public LiteDatabase Database { get; }

    public StoreWriter Writer { get; }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);

        // On a thread of its own: LiteDB's locks belong to threads, and the thread that disposes the host may be one that
        // read from the file a moment ago (LiteDB then refuses the checkpoint's write lock). The file must be closed
        // whatever happens here: a second LiteDatabase on a file still open in this process corrupts it.
        await Task.Factory.StartNew(Close, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }

    private void Close()
    {
        try
        {
            Database.Checkpoint();
        }
        catch (Exception ex) when (ex is LiteException or LockRecursionException or SynchronizationLockException or IOException)
        {
            // The log file is replayed at the next start; nothing committed is lost.
            LogCheckpointFailed(_logger, ex);
        }
        finally
        {
            try
            {
                Database.Dispose();
            }
            finally
            {
                _openFile.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint at shutdown failed; the log is applied at the next start")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}

/// <summary>
/// The LiteDB files this process has open. LiteDB's direct mode assumes one <see cref="LiteDatabase"/> per file: a second
/// one on the same file (a new host started in the same process before the old one let go — tests, an in-process
/// restart) corrupts it silently. So a second claim waits for the first to be released, and fails loudly if it never is.
/// </summary>
internal static class OpenFiles
{
    private static readonly Dictionary<string, TaskCompletionSource> Open = new(StringComparer.Ordinal);

    public static IDisposable Claim(string path, TimeSpan wait)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Task previous;
            lock (Open)
            {
                if (!Open.TryGetValue(path, out var holder))
                {
                    var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    Open[path] = released;
                    return new Release(path, released);
                }

                previous = holder.Task;
            }

            var left = wait - waited.Elapsed;
            if (left <= TimeSpan.Zero || !previous.Wait(left))
            {
                throw new InvalidOperationException($"{path} is still open in this process; a second LiteDatabase on it would corrupt it.");
            }
        }
    }

    private sealed class Release(string path, TaskCompletionSource released) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                lock (Open)
                {
                    Open.Remove(path);
                }

                released.TrySetResult();
            }
        }
    }
}
