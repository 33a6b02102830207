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

    public const string FileName = "messaging.db";

    public MessagingStore(IOptions<StorageOptions> options, ILogger<MessagingStore> logger)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
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
        Writer = new StoreWriter(Database, options.Value.MaxBatch, logger);
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
            Database.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint at shutdown failed; the log is applied at the next start")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
