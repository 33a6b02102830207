namespace ItaBot.Vault.Storage;

/// <summary>
/// The vault's own storage, in the vault's stored records (<see cref="ReportDocument"/> and friends). Everything in
/// those records besides the plain fields is ciphertext already: a storage sees no content and no key in the clear.
/// Reads run on the caller's thread and never meet a rebuild; writes run one at a time, each in its own transaction
/// (a write that throws is rolled back and fails alone).
/// </summary>
internal interface IVaultStorage : IAsyncDisposable
{
    /// <summary>The file (or other place) that holds the vault, for messages, backups and leak scans.</summary>
    string FilePath { get; }

    T Read<T>(Func<IVaultReads, T> read);

    Task<T> WriteAsync<T>(Func<IVaultTransaction, T> write);

    Task WriteAsync(Action<IVaultTransaction> write);

    /// <summary>
    /// Makes deleted data really gone from the storage (LiteDB: the file is rebuilt and the rebuild's leftover copies
    /// overwritten), with readers held off meanwhile.
    /// </summary>
    Task CompactAsync();

    /// <summary>Copies the whole vault, consistent, to the new file <paramref name="path"/> while reads and writes wait.</summary>
    Task CopyToAsync(string path);

    /// <summary>True when <paramref name="exception"/> is this storage failing (a broken or closing file), not a bug.</summary>
    bool IsFailure(Exception exception);

    /// <summary>Where wrong receipt checks are counted (every node of a shared storage counts together).</summary>
    IReceiptFailureLedger ReceiptFailures { get; }

    /// <summary>Where the reporters' access handles are kept (every node of a shared storage finds them).</summary>
    IReporterGrants Grants { get; }
}

/// <summary>What the vault reads from its storage.</summary>
internal interface IVaultReads
{
    ReportDocument? FindReport(string id);

    /// <summary>The report whose receipt lookup tag is <paramref name="tag"/> (at most one).</summary>
    ReportDocument? FindReportByReceiptTag(string tag);

    /// <summary>The report whose pending submission tag is <paramref name="tag"/> (at most one).</summary>
    ReportDocument? FindReportByPendingTag(string tag);

    /// <summary>Reports not deleted, newest first (read lazily: stop when you have enough).</summary>
    IEnumerable<ReportDocument> ListReportsNewestFirst();

    /// <summary>Ids of the reports not deleted.</summary>
    IReadOnlyList<string> ListLiveReportIds();

    /// <summary>Reports not deleted whose retention ends at or before <paramref name="until"/>, soonest first.</summary>
    IReadOnlyList<ReportDocument> ListRetainedUntil(DateTime until);

    /// <summary>Ids of reports still holding a pending submission tag, filed before <paramref name="before"/>.</summary>
    IReadOnlyList<string> ListPendingFiledBefore(DateTime before);

    /// <summary>Reports that still hold a pending tag or a pending receipt.</summary>
    int CountPending();

    /// <summary>
    /// The plain fields the statistics need of every report (deleted ones too) filed from <paramref name="from"/> through
    /// <paramref name="through"/>: nothing encrypted is read.
    /// </summary>
    IReadOnlyList<PlainReport> ListPlainFiled(DateTime from, DateTime through);

    BlobDocument? FindBlob(string id);

    /// <summary>Every copy stored for a report (for tests that check deletion).</summary>
    IReadOnlyList<BlobDocument> ListBlobsOf(string reportId);

    DraftDocument? FindDraft(string id);

    BlobDocument? FindDraftBlob(string id);

    int CountDrafts();

    MetaDocument? FindMeta(string id);

    VaultKeyDocument? FindKey(string id);

    IReadOnlyList<VaultKeyDocument> ListKeys();

    /// <summary>The audit entry with the highest sequence, or null.</summary>
    AuditDocument? LastAudit();

    /// <summary>The audit entries by sequence, first to last (read lazily).</summary>
    IEnumerable<AuditDocument> ListAudit();

    /// <summary>The audit entries by sequence, last to first (read lazily).</summary>
    IEnumerable<AuditDocument> ListAuditNewestFirst();

    /// <summary>Ids of every report, deleted ones too, in id order (a copy of the whole vault, <see cref="VaultCopy"/>).</summary>
    IReadOnlyList<string> ListAllReportIds();

    /// <summary>Ids of every draft, in id order.</summary>
    IReadOnlyList<string> ListDraftIds();

    /// <summary>The copies stored for a draft's evidence.</summary>
    IReadOnlyList<BlobDocument> ListDraftBlobsOf(string draftId);

    /// <summary>Every counter and the audit head, in id order.</summary>
    IReadOnlyList<MetaDocument> ListMeta();
}

/// <summary>One write to the vault's storage; it reads what it has written.</summary>
internal interface IVaultTransaction : IVaultReads
{
    void InsertReport(ReportDocument report);

    void UpdateReport(ReportDocument report);

    void InsertBlobs(IReadOnlyList<BlobDocument> blobs);

    /// <summary>Deletes every copy stored for the report.</summary>
    void DeleteBlobsOf(string reportId);

    void UpsertDraft(DraftDocument draft);

    /// <summary>Deletes a draft and the copies of its evidence; false when there was no such draft.</summary>
    bool DeleteDraft(string id);

    /// <summary>Ids of drafts last touched before <paramref name="before"/>.</summary>
    IReadOnlyList<string> ListDraftsTouchedBefore(DateTime before);

    void InsertDraftBlob(BlobDocument blob);

    void DeleteDraftBlob(string id);

    void UpsertMeta(MetaDocument meta);

    void InsertKey(VaultKeyDocument key);

    void UpdateKey(VaultKeyDocument key);

    /// <summary>Appends an audit entry; its sequence must be the next one (the storage refuses a duplicate).</summary>
    void InsertAudit(AuditDocument entry);
}

/// <summary>A report's plain fields for the statistics: its status history's instants and targets, in the order written.</summary>
internal sealed record PlainReport(string Id, DateTime CreatedAt, ReportChannel Channel, ReportOutcome? Outcome, IReadOnlyList<(DateTime At, ReportStatus To)> History);

/// <summary>
/// Wrong receipt checks by source (a keyed hash of the caller's source token) and in all, where every node of a
/// deployment counts them: one process's memory on LiteDB, the vault's tables on PostgreSQL.
/// </summary>
internal interface IReceiptFailureLedger
{
    /// <summary>
    /// At once for all nodes: counts the failures of everyone after <paramref name="now"/> − <paramref name="globalWindow"/>
    /// and of <paramref name="source"/> after <paramref name="now"/> − <paramref name="sourceWindow"/>; when the source has
    /// fewer than <paramref name="sourceLimit"/>, records a failure of it at <paramref name="now"/>.
    /// </summary>
    ReceiptFailures Begin(string source, DateTimeOffset now, TimeSpan sourceWindow, TimeSpan globalWindow, int sourceLimit);

    /// <summary>Takes back one failure recorded by <see cref="Begin"/> (the receipt was right).</summary>
    void Remove(string source, DateTimeOffset at);
}

/// <summary>
/// What <see cref="IReceiptFailureLedger.Begin"/> found: everyone's failures before this attempt, the source's (this one
/// included when <see cref="Recorded"/>), and the source's oldest within its window.
/// </summary>
internal readonly record struct ReceiptFailures(int Global, int Source, DateTimeOffset OldestSource, bool Recorded);

/// <summary>
/// The reporter's access handles after a right receipt (token → report, until expiry), where every node finds them:
/// one process's memory on LiteDB, a table of token hashes on PostgreSQL (the token itself is never stored).
/// </summary>
internal interface IReporterGrants
{
    /// <summary>Keeps a new handle (and forgets expired ones).</summary>
    void Add(string token, string reportId, DateTimeOffset expiresAt, DateTimeOffset now);

    /// <summary>The report a live handle opens; null when unknown or expired (an expired one is forgotten).</summary>
    string? ReportOf(string token, DateTimeOffset now);

    void Remove(string token);
}
