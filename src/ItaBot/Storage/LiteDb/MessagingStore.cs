using ItaBot.LiteDb;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ItaBot.Storage.LiteDb;

/// <summary>
/// The LiteDB file of the service (messaging.db): every slice's collections, each created by the slice's
/// <see cref="ILiteDbSchema"/>. One <see cref="LiteDatabase"/> per file, a singleton, with one group-committing writer.
/// </summary>
internal sealed partial class MessagingStore : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly IDisposable _openFile;

    public const string FileName = "messaging.db";

    public MessagingStore(IOptions<StorageOptions> options, IEnumerable<ILiteDbSchema> schemas, ILogger<MessagingStore> logger, LiteEngineTap? tap = null)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
        _openFile = OpenFiles.Claim(FilePath, TimeSpan.FromSeconds(60));
        // One thread at a time inside the engine: LiteDB 5's page cache leaks pages when threads miss the same page at once.
        LiteDB.Engine.ILiteEngine engine = new OneAtATimeEngine(new LiteDB.Engine.LiteEngine(new LiteDB.Engine.EngineSettings { Filename = FilePath }));
        Database = new LiteDatabase(tap?.Wrap(engine) ?? engine);
        // Schema first, on this thread, before the writer starts: LiteDB 5 corrupts pages when two threads write to
        // different collections at once, so after this point every write goes through the one writer.
        // Every collection exists before anyone reads: LiteDB 5 creates a collection on its first write, and a read on
        // another thread at that moment can meet the new collection page half made ("page type must be collection page"),
        // which marks the engine broken. Created here, on this thread, with nothing else running, that cannot happen.
        var all = schemas.ToList();
        foreach (var name in all.SelectMany(schema => schema.Collections))
        {
            var collection = Database.GetCollection(name);
            if (!Database.CollectionExists(name))
            {
                collection.Insert(new BsonDocument { ["_id"] = "collection-created" });
                collection.Delete("collection-created");
            }
        }

        foreach (var schema in all)
        {
            schema.Create(Database);
        }

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
