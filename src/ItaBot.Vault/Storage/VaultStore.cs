using LiteDB;

namespace ItaBot.Vault.Storage;

/// <summary>
/// vault.db: one <see cref="LiteDatabase"/>, one writer thread, and a gate that keeps readers out while the file is
/// rebuilt. Indexes are made here, before the writer starts.
/// </summary>
internal sealed class VaultStore : IAsyncDisposable
{
    public const string FileName = "vault.db";
    public const string Reports = "reports";
    public const string Blobs = "blobs";
    public const string Keys = "keys";
    public const string Meta = "meta";
    public const string Audit = "audit";
    public const string Drafts = "drafts";
    public const string DraftBlobs = "draft_blobs";

    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);

    public VaultStore(string directory)
    {
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(Path.GetFullPath(directory), FileName);
        // One thread at a time inside the engine, as for the messaging store (ItaBot.LiteDb.OneAtATimeEngine).
        Database = new LiteDatabase(new ItaBot.LiteDb.OneAtATimeEngine(new LiteDB.Engine.LiteEngine(new LiteDB.Engine.EngineSettings { Filename = FilePath })), new BsonMapper { EnumAsInteger = false })
        {
            UtcDate = true,
        };
        var reports = Database.GetCollection<ReportDocument>(Reports);
        reports.EnsureIndex(r => r.ReceiptTag, unique: false);
        reports.EnsureIndex(r => r.CreatedAt);
        reports.EnsureIndex(r => r.RetainUntil);
        reports.EnsureIndex(r => r.Status);
        reports.EnsureIndex(r => r.PendingTag, unique: false);
        Database.GetCollection<BlobDocument>(Blobs).EnsureIndex(b => b.ReportId);
        Database.GetCollection<DraftDocument>(Drafts).EnsureIndex(d => d.TouchedAt);
        Database.GetCollection<BlobDocument>(DraftBlobs).EnsureIndex(b => b.ReportId);
        Writer = new VaultWriter(Database, _gate);
    }

    public string FilePath { get; }

    public string LogFilePath => Path.Combine(Path.GetDirectoryName(FilePath)!, Path.GetFileNameWithoutExtension(FilePath) + "-log" + Path.GetExtension(FilePath));

    public LiteDatabase Database { get; }

    public VaultWriter Writer { get; }

    /// <summary>Reads on the caller's thread, never while the writer rebuilds the file.</summary>
    public T Read<T>(Func<LiteDatabase, T> read)
    {
        _gate.EnterReadLock();
        try
        {
            return read(Database);
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public static ILiteCollection<ReportDocument> ReportsOf(LiteDatabase db) => db.GetCollection<ReportDocument>(Reports);

    public static ILiteCollection<BlobDocument> BlobsOf(LiteDatabase db) => db.GetCollection<BlobDocument>(Blobs);

    public static ILiteCollection<DraftDocument> DraftsOf(LiteDatabase db) => db.GetCollection<DraftDocument>(Drafts);

    /// <summary>The copies of drafts' evidence (<see cref="BlobDocument.ReportId"/> holds the draft's id).</summary>
    public static ILiteCollection<BlobDocument> DraftBlobsOf(LiteDatabase db) => db.GetCollection<BlobDocument>(DraftBlobs);

    public static ILiteCollection<AuditDocument> AuditOf(LiteDatabase db) => db.GetCollection<AuditDocument>(Audit);

    public static ILiteCollection<MetaDocument> MetaOf(LiteDatabase db) => db.GetCollection<MetaDocument>(Meta);

    public static ILiteCollection<VaultKeyDocument> KeysOf(LiteDatabase db) => db.GetCollection<VaultKeyDocument>(Keys);

    /// <summary>
    /// Rewrites vault.db with only its live documents (LiteDB's rebuild), then overwrites and deletes the copies the
    /// rebuild leaves behind (vault-backup.db, vault-log-backup.db), so freed pages of deleted reports are gone.
    /// Runs on the writer thread with readers held at the gate.
    /// </summary>
    public Task CompactAsync() => Writer.ExclusiveAsync(db =>
    {
        db.Checkpoint();
        db.Rebuild();
        db.Checkpoint();
        var directory = Path.GetDirectoryName(FilePath)!;
        var stem = Path.GetFileNameWithoutExtension(FilePath);
        foreach (var leftover in Directory.GetFiles(directory, stem + "*-backup*"))
        {
            Shred(leftover);
        }

        return true;
    });

    /// <summary>Overwrites a file with zeros, flushes it to disk, then deletes it.</summary>
    private static void Shred(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            var zeros = new byte[81920];
            var remaining = stream.Length;
            while (remaining > 0)
            {
                var count = (int)Math.Min(zeros.Length, remaining);
                stream.Write(zeros, 0, count);
                remaining -= count;
            }

            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        Database.Checkpoint();
        Database.Dispose();
        _gate.Dispose();
    }
}
