using LiteDB;

namespace ItaBot.Vault.Storage.LiteDb;

/// <summary>
/// vault.db: one <see cref="LiteDatabase"/>, one writer thread, and a gate that keeps readers out while the file is
/// rebuilt. Indexes are made here, before the writer starts.
/// </summary>
internal sealed class LiteDbVaultStorage : IVaultStorage
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
    private readonly VaultWriter _writer;

    public LiteDbVaultStorage(string directory)
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
        _writer = new VaultWriter(Database, _gate);
    }

    public string FilePath { get; }

    /// <summary>The raw database, for tests that tamper with the file the way an attacker would.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Reads on the caller's thread, never while the writer rebuilds the file.</summary>
    public T Read<T>(Func<IVaultReads, T> read)
    {
        _gate.EnterReadLock();
        try
        {
            return read(new Transaction(Database));
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public Task<T> WriteAsync<T>(Func<IVaultTransaction, T> write) => _writer.WriteAsync(db => write(new Transaction(db)));

    public Task WriteAsync(Action<IVaultTransaction> write) => _writer.WriteAsync(db => write(new Transaction(db)));

    /// <summary>
    /// Rewrites vault.db with only its live documents (LiteDB's rebuild), then overwrites and deletes the copies the
    /// rebuild leaves behind (vault-backup.db, vault-log-backup.db), so freed pages of deleted reports are gone.
    /// Runs on the writer thread with readers held at the gate.
    /// </summary>
    public Task CompactAsync() => _writer.ExclusiveAsync(db =>
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

    /// <summary>A checkpoint, then a plain copy of the file, on the writer with no transaction open and readers held at the gate.</summary>
    public Task CopyToAsync(string path) => _writer.ExclusiveAsync(db =>
    {
        db.Checkpoint();
        using var source = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        source.CopyTo(target);
        target.Flush(flushToDisk: true);
        return true;
    });

    public bool IsFailure(Exception exception) => exception is LiteException;

    /// <summary>In memory: vault.db serves one node, and the counts need not outlive the process.</summary>
    public IReceiptFailureLedger ReceiptFailures { get; } = new Receipts.MemoryReceiptFailures();

    /// <summary>In memory: a restart forgets the handles (the reporter types the receipt again).</summary>
    public IReporterGrants Grants { get; } = new Receipts.MemoryReporterGrants();

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
        await _writer.DisposeAsync().ConfigureAwait(false);
        Database.Checkpoint();
        Database.Dispose();
        _gate.Dispose();
    }

    /// <summary>Reads and writes on one database: the writer's open transaction, or a reader's thread.</summary>
    private sealed class Transaction(LiteDatabase db) : IVaultTransaction
    {
        private static readonly BsonExpression PlainFields = BsonExpression.Create(
            "{ i: $._id, c: $.CreatedAt, ch: $.Channel, o: $.Outcome, ha: $.History[*].At, ht: $.History[*].To }");

        private ILiteCollection<ReportDocument> ReportsOf => db.GetCollection<ReportDocument>(Reports);

        private ILiteCollection<BlobDocument> BlobsOf => db.GetCollection<BlobDocument>(Blobs);

        private ILiteCollection<DraftDocument> DraftsOf => db.GetCollection<DraftDocument>(Drafts);

        private ILiteCollection<BlobDocument> DraftBlobsOf => db.GetCollection<BlobDocument>(DraftBlobs);

        private ILiteCollection<AuditDocument> AuditOf => db.GetCollection<AuditDocument>(Audit);

        private ILiteCollection<MetaDocument> MetaOf => db.GetCollection<MetaDocument>(Meta);

        private ILiteCollection<VaultKeyDocument> KeysOf => db.GetCollection<VaultKeyDocument>(Keys);

        public ReportDocument? FindReport(string id) => ReportsOf.FindById(id);

        public ReportDocument? FindReportByReceiptTag(string tag) => ReportsOf.FindOne(r => r.ReceiptTag == tag);

        public ReportDocument? FindReportByPendingTag(string tag) => ReportsOf.FindOne(r => r.PendingTag == tag);

        public IEnumerable<ReportDocument> ListReportsNewestFirst() =>
            ReportsOf.Query().Where(r => !r.Purged).OrderByDescending(r => r.CreatedAt).ToEnumerable();

        public IReadOnlyList<string> ListLiveReportIds() => ReportsOf.Query().Where(r => !r.Purged).Select(r => r.Id).ToList();

        public IReadOnlyList<ReportDocument> ListRetainedUntil(DateTime until) =>
            ReportsOf.Query().Where(r => r.RetainUntil <= until && !r.Purged).OrderBy(r => r.RetainUntil).ToList();

        public IReadOnlyList<string> ListPendingFiledBefore(DateTime before) =>
            ReportsOf.Query().Where(r => r.PendingTag != null && r.CreatedAt < before).Select(r => r.Id).ToList();

        public int CountPending() => ReportsOf.Count(r => r.PendingTag != null || r.PendingReceipt != null);

        public IReadOnlyList<PlainReport> ListPlainFiled(DateTime from, DateTime through) =>
            // Plain fields only, projected inside LiteDB: no ciphertext is mapped.
            [.. db.GetCollection(Reports).Query()
                .Where(Query.Between(nameof(ReportDocument.CreatedAt), from, through))   // one index range
                .Select(PlainFields)
                .ToEnumerable()
                .Select(d =>
                {
                    var at = d["ha"].AsArray;
                    var to = d["ht"].AsArray;
                    return new PlainReport(d["i"].AsString, d["c"].AsDateTime.ToUniversalTime(), Enum.Parse<ReportChannel>(d["ch"].AsString),
                        d["o"].IsNull ? null : Enum.Parse<ReportOutcome>(d["o"].AsString),
                        [.. at.Select((a, i) => (a.AsDateTime.ToUniversalTime(), Enum.Parse<ReportStatus>(to[i].AsString)))]);
                })];

        public BlobDocument? FindBlob(string id) => BlobsOf.FindById(id);

        public IReadOnlyList<BlobDocument> ListBlobsOf(string reportId) => BlobsOf.Find(b => b.ReportId == reportId).ToList();

        public DraftDocument? FindDraft(string id) => DraftsOf.FindById(id);

        public BlobDocument? FindDraftBlob(string id) => DraftBlobsOf.FindById(id);

        public int CountDrafts() => DraftsOf.Count();

        public MetaDocument? FindMeta(string id) => MetaOf.FindById(id);

        public VaultKeyDocument? FindKey(string id) => KeysOf.FindById(id);

        public IReadOnlyList<VaultKeyDocument> ListKeys() => KeysOf.FindAll().ToList();

        public AuditDocument? LastAudit() => AuditOf.Query().OrderByDescending(a => a.Id).Limit(1).FirstOrDefault();

        public IEnumerable<AuditDocument> ListAudit() => AuditOf.Query().OrderBy(a => a.Id).ToEnumerable();

        public IEnumerable<AuditDocument> ListAuditNewestFirst() => AuditOf.Query().OrderByDescending(a => a.Id).ToEnumerable();

        public IReadOnlyList<string> ListAllReportIds() => [.. ReportsOf.Query().Select(r => r.Id).ToList().Order(StringComparer.Ordinal)];

        public IReadOnlyList<string> ListDraftIds() => [.. DraftsOf.Query().Select(d => d.Id).ToList().Order(StringComparer.Ordinal)];

        public IReadOnlyList<BlobDocument> ListDraftBlobsOf(string draftId) => DraftBlobsOf.Find(b => b.ReportId == draftId).ToList();

        public IReadOnlyList<MetaDocument> ListMeta() => [.. MetaOf.FindAll().OrderBy(m => m.Id, StringComparer.Ordinal)];

        public void InsertReport(ReportDocument report) => ReportsOf.Insert(report);

        public void UpdateReport(ReportDocument report) => ReportsOf.Update(report);

        public void InsertBlobs(IReadOnlyList<BlobDocument> blobs)
        {
            if (blobs.Count > 0)
            {
                BlobsOf.InsertBulk(blobs);
            }
        }

        public void DeleteBlobsOf(string reportId) => BlobsOf.DeleteMany(b => b.ReportId == reportId);

        public void UpsertDraft(DraftDocument draft) => DraftsOf.Upsert(draft);

        public bool DeleteDraft(string id)
        {
            DraftBlobsOf.DeleteMany(b => b.ReportId == id);
            return DraftsOf.Delete(id);
        }

        public IReadOnlyList<string> ListDraftsTouchedBefore(DateTime before) => DraftsOf.Find(d => d.TouchedAt < before).Select(d => d.Id).ToList();

        public void InsertDraftBlob(BlobDocument blob) => DraftBlobsOf.Insert(blob);

        public void DeleteDraftBlob(string id) => DraftBlobsOf.Delete(id);

        public void UpsertMeta(MetaDocument meta) => MetaOf.Upsert(meta);

        public void InsertKey(VaultKeyDocument key) => KeysOf.Insert(key);

        public void UpdateKey(VaultKeyDocument key) => KeysOf.Update(key);

        public void InsertAudit(AuditDocument entry) => AuditOf.Insert(entry);
    }
}

