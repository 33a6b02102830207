using LiteDB;
using Microsoft.Extensions.Options;

namespace ItaBot.Storage;

/// <summary>
/// The LiteDB file that holds the conversation traffic: the webhook inbox and the outbox of sends.
/// One <see cref="LiteDatabase"/> per file, a singleton, with one group-committing writer.
/// </summary>
internal sealed class MessagingStore : IAsyncDisposable
{
    public const string FileName = "messaging.db";

    public MessagingStore(IOptions<StorageOptions> options, ILogger<MessagingStore> logger)
    {
        var directory = Path.GetFullPath(options.Value.DataDirectory);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, FileName);
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
        Writer = new StoreWriter(Database, options.Value.MaxBatch, logger);
    }

    public string FilePath { get; }

    public LiteDatabase Database { get; }

    public StoreWriter Writer { get; }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        Database.Checkpoint();
        Database.Dispose();
    }
}
