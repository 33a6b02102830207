using ItaBot.Vault.Keys;
using ItaBot.Vault.Storage;
using ItaBot.Vault.Storage.LiteDb;

namespace ItaBot.Vault.Tests.Contracts;

/// <summary>Opens an empty vault storage of one kind in a fresh directory (LiteDB) or database (PostgreSQL).</summary>
public interface IVaultStorageProvider
{
    internal IVaultStorage Open(string directory);
}

public sealed class LiteDbVaultStorageProvider : IVaultStorageProvider
{
    IVaultStorage IVaultStorageProvider.Open(string directory) => new LiteDbVaultStorage(directory);
}

/// <summary>
/// What the vault needs of its storage, written once and run against every implementation: reports created, found by
/// id and by their tags, changed with their version; blobs per report; drafts and their evidence; the plain fields the
/// statistics read; the audit chain's order; a write that throws leaves nothing behind.
/// </summary>
public abstract class VaultStorageContract<TProvider> : IAsyncLifetime where TProvider : IVaultStorageProvider, new()
{
    private static readonly DateTime T0 = new(2026, 3, 10, 2, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Directory.CreateTempSubdirectory("itabot-vault-contract-").FullName;
    private IVaultStorage? _storage;

    private IVaultStorage Storage => _storage ?? throw new InvalidOperationException("Not initialised.");

    public ValueTask InitializeAsync()
    {
        _storage = ((IVaultStorageProvider)new TProvider()).Open(_directory);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task InsertReport_ThenFind_ReturnsEveryField()
    {
        var report = Report("r1", T0, receiptTag: "tag-1", pendingTag: "pending-1");
        report.Messages.Add(new MessageDocument { Id = "m1", At = T0, Direction = MessageDirection.FromReporter, Text = [1, 2, 3] });
        report.History.Add(new StatusChangeDocument { At = T0.AddHours(1), Actor = "officer", From = ReportStatus.Received, To = ReportStatus.Assigned, NoteId = "n1", Note = [9] });
        await Storage.WriteAsync(s => s.InsertReport(report));

        var found = Storage.Read(s => s.FindReport("r1"));

        Assert.NotNull(found);
        Assert.Equal("ท69-00001", found.Number);
        Assert.Equal(ReportChannel.Web, found.Channel);
        Assert.Equal(T0, found.CreatedAt.ToUniversalTime());
        Assert.Equal([7, 7, 7], found.Content);
        Assert.Equal("key-1", found.ContentKey!.KeyId);
        Assert.Equal([1, 2, 3], Assert.Single(found.Messages).Text);
        Assert.Equal(ReportStatus.Assigned, Assert.Single(found.History).To);
        Assert.Equal("r1", Storage.Read(s => s.FindReportByReceiptTag("tag-1"))?.Id);
        Assert.Equal("r1", Storage.Read(s => s.FindReportByPendingTag("pending-1"))?.Id);
        Assert.Null(Storage.Read(s => s.FindReportByReceiptTag("tag-2")));
        Assert.Null(Storage.Read(s => s.FindReport("r2")));
    }

    [Fact]
    public async Task UpdateReport_NewVersion_IsWhatTheNextReadSees()
    {
        await Storage.WriteAsync(s => s.InsertReport(Report("r1", T0)));

        await Storage.WriteAsync(s =>
        {
            var d = s.FindReport("r1")!;
            d.Status = ReportStatus.InProgress;
            d.AssigneeId = "officer-b";
            d.Version++;
            s.UpdateReport(d);
        });

        var found = Storage.Read(s => s.FindReport("r1"))!;
        Assert.Equal(1, found.Version);
        Assert.Equal(ReportStatus.InProgress, found.Status);
        Assert.Equal("officer-b", found.AssigneeId);
    }

    [Fact]
    public async Task WriteAsync_WriteThrows_NothingOfItIsKept()
    {
        await Storage.WriteAsync(s => s.InsertReport(Report("r1", T0)));

        var failed = Storage.WriteAsync(s =>
        {
            var d = s.FindReport("r1")!;
            d.Status = ReportStatus.Rejected;
            s.UpdateReport(d);
            s.InsertReport(Report("r2", T0));
            throw new InvalidOperationException("the officer's change broke a rule");
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal(ReportStatus.Received, Storage.Read(s => s.FindReport("r1"))!.Status);
        Assert.Null(Storage.Read(s => s.FindReport("r2")));
        await Storage.WriteAsync(s => s.InsertReport(Report("r3", T0)));
        Assert.NotNull(Storage.Read(s => s.FindReport("r3")));
    }

    [Fact]
    public async Task ListReportsNewestFirst_DeletedLeftOut_NewestFirst()
    {
        await Storage.WriteAsync(s =>
        {
            s.InsertReport(Report("old", T0));
            s.InsertReport(Report("new", T0.AddDays(2)));
            s.InsertReport(Report("mid", T0.AddDays(1)));
            var purged = Report("gone", T0.AddDays(3));
            purged.Purged = true;
            s.InsertReport(purged);
        });

        Assert.Equal(["new", "mid", "old"], Storage.Read(s => s.ListReportsNewestFirst().Select(r => r.Id).ToList()));
        Assert.Equal(["mid", "new", "old"], Storage.Read(s => s.ListLiveReportIds()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListRetainedUntil_ReportsDueByThen_SoonestFirstWithoutDeleted()
    {
        await Storage.WriteAsync(s =>
        {
            s.InsertReport(Report("later", T0, retainUntil: T0.AddDays(30)));
            s.InsertReport(Report("soon", T0, retainUntil: T0.AddDays(5)));
            s.InsertReport(Report("today", T0, retainUntil: T0.AddDays(1)));
            var purged = Report("gone", T0, retainUntil: T0);
            purged.Purged = true;
            s.InsertReport(purged);
        });

        Assert.Equal(["today", "soon"], Storage.Read(s => s.ListRetainedUntil(T0.AddDays(5))).Select(r => r.Id));
        Assert.Empty(Storage.Read(s => s.ListRetainedUntil(T0)));
    }

    [Fact]
    public async Task PendingQueries_TagOrReceiptHeld_CountedAndListedByFilingTime()
    {
        await Storage.WriteAsync(s =>
        {
            s.InsertReport(Report("old", T0, pendingTag: "p-old"));
            s.InsertReport(Report("new", T0.AddDays(2), pendingTag: "p-new"));
            var receiptOnly = Report("receipt-only", T0);
            receiptOnly.PendingReceipt = [1];
            s.InsertReport(receiptOnly);
            s.InsertReport(Report("none", T0));
        });

        Assert.Equal(3, Storage.Read(s => s.CountPending()));
        Assert.Equal(["old"], Storage.Read(s => s.ListPendingFiledBefore(T0.AddDays(1))));
    }

    [Fact]
    public async Task Blobs_InsertFindDeletePerReport_OtherReportsKeepTheirs()
    {
        await Storage.WriteAsync(s =>
        {
            s.InsertReport(Report("r1", T0));
            s.InsertReport(Report("r2", T0));
            s.InsertBlobs([Blob("a.view", "r1", 1), Blob("a.original", "r1", 2), Blob("b.view", "r2", 3)]);
            s.InsertBlobs([]);
        });

        Assert.Equal([2], Storage.Read(s => s.FindBlob("a.original"))!.Data);
        Assert.Equal(2, Storage.Read(s => s.ListBlobsOf("r1")).Count);

        await Storage.WriteAsync(s => s.DeleteBlobsOf("r1"));

        Assert.Empty(Storage.Read(s => s.ListBlobsOf("r1")));
        Assert.Null(Storage.Read(s => s.FindBlob("a.view")));
        Assert.NotNull(Storage.Read(s => s.FindBlob("b.view")));
    }

    [Fact]
    public async Task ListPlainFiled_RangeInclusive_PlainFieldsAndHistoryInOrder()
    {
        var closed = Report("closed", T0.AddDays(1));
        closed.Outcome = ReportOutcome.Substantiated;
        closed.History.Add(new StatusChangeDocument { At = T0.AddDays(2), To = ReportStatus.InProgress, Note = [1] });
        closed.History.Add(new StatusChangeDocument { At = T0.AddDays(3), To = ReportStatus.Completed });
        var purged = Report("purged", T0.AddDays(2));
        purged.Purged = true;
        await Storage.WriteAsync(s =>
        {
            s.InsertReport(Report("first", T0));
            s.InsertReport(closed);
            s.InsertReport(purged);
            s.InsertReport(Report("after", T0.AddDays(2).AddMilliseconds(1)));
        });

        var rows = Storage.Read(s => s.ListPlainFiled(T0, T0.AddDays(2))).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(["closed", "first", "purged"], rows.Select(r => r.Id));
        var plain = rows[0];
        Assert.Equal(T0.AddDays(1), plain.CreatedAt);
        Assert.Equal(ReportChannel.Web, plain.Channel);
        Assert.Equal(ReportOutcome.Substantiated, plain.Outcome);
        Assert.Equal([(T0.AddDays(2), ReportStatus.InProgress), (T0.AddDays(3), ReportStatus.Completed)], plain.History);
        Assert.Null(rows[1].Outcome);
        Assert.Empty(rows[1].History);
    }

    [Fact]
    public async Task Drafts_UpsertFindTouchedBeforeDelete_EvidenceGoesWithTheDraft()
    {
        await Storage.WriteAsync(s =>
        {
            s.UpsertDraft(new DraftDocument { Id = "d1", Key = Wrapped(), Content = [1], TouchedAt = T0 });
            s.UpsertDraft(new DraftDocument { Id = "d2", Key = Wrapped(), Content = [2], TouchedAt = T0.AddHours(2) });
            s.InsertDraftBlob(Blob("e1.view", "d1", 5));
            s.InsertDraftBlob(Blob("e1.original", "d1", 6));
            s.InsertDraftBlob(Blob("e2.view", "d2", 7));
        });
        await Storage.WriteAsync(s =>
        {
            var d = s.FindDraft("d1")!;
            d.Content = [3];
            d.Evidence.Add(new DraftEvidenceDocument { Id = "e1", Meta = [4], HasOriginal = true });
            s.UpsertDraft(d);
            s.DeleteDraftBlob("e1.original");
        });

        Assert.Equal(2, Storage.Read(s => s.CountDrafts()));
        var draft = Storage.Read(s => s.FindDraft("d1"))!;
        Assert.Equal([3], draft.Content);
        Assert.Equal("e1", Assert.Single(draft.Evidence).Id);
        Assert.Null(Storage.Read(s => s.FindDraftBlob("e1.original")));
        Assert.Equal(["d1"], await Storage.WriteAsync(s => s.ListDraftsTouchedBefore(T0.AddHours(1))));

        Assert.True(await Storage.WriteAsync(s => s.DeleteDraft("d1")));
        Assert.False(await Storage.WriteAsync(s => s.DeleteDraft("d1")));
        Assert.Null(Storage.Read(s => s.FindDraftBlob("e1.view")));
        Assert.NotNull(Storage.Read(s => s.FindDraftBlob("e2.view")));
        Assert.Equal(1, Storage.Read(s => s.CountDrafts()));
    }

    [Fact]
    public async Task Audit_AppendedInSequence_ReadBothWaysAndLastIsHighest()
    {
        Assert.Null(Storage.Read(s => s.LastAudit()));
        for (var i = 1; i <= 12; i++)
        {
            var sequence = i;
            await Storage.WriteAsync(s => s.InsertAudit(new AuditDocument { Id = sequence, At = T0.AddSeconds(sequence), Actor = "a", Action = "x", Hash = $"h{sequence}" }));
        }

        Assert.Equal(12, Storage.Read(s => s.LastAudit())!.Id);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), Storage.Read(s => s.ListAudit().Select(a => a.Id).ToList()));
        Assert.Equal(Enumerable.Range(1, 12).Reverse().Select(i => (long)i), Storage.Read(s => s.ListAuditNewestFirst().Select(a => a.Id).ToList()));
        await Assert.ThrowsAnyAsync<Exception>(() => Storage.WriteAsync(s => s.InsertAudit(new AuditDocument { Id = 12, Hash = "twin" })));
        Assert.Equal("h12", Storage.Read(s => s.LastAudit())!.Hash);
    }

    [Fact]
    public async Task MetaAndKeys_UpsertedAndUpdated_ReadBack()
    {
        await Storage.WriteAsync(s =>
        {
            s.UpsertMeta(new MetaDocument { Id = "seq-2026", Value = 1 });
            s.InsertKey(new VaultKeyDocument { Id = "lookup", Key = Wrapped("k1") });
            s.InsertKey(new VaultKeyDocument { Id = "audit", Key = Wrapped("k1") });
        });
        await Storage.WriteAsync(s =>
        {
            var counter = s.FindMeta("seq-2026")!;
            counter.Value++;
            s.UpsertMeta(counter);
            var key = s.FindKey("lookup")!;
            key.Key = Wrapped("k2");
            s.UpdateKey(key);
        });

        Assert.Equal(2, Storage.Read(s => s.FindMeta("seq-2026"))!.Value);
        Assert.Null(Storage.Read(s => s.FindMeta("seq-2027")));
        Assert.Equal("k2", Storage.Read(s => s.FindKey("lookup"))!.Key.KeyId);
        Assert.Equal(["audit", "lookup"], Storage.Read(s => s.ListKeys()).Select(k => k.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CompactAsync_AfterDeletes_LiveDataStays()
    {
        await Storage.WriteAsync(s =>
        {
            s.InsertReport(Report("r1", T0));
            s.InsertBlobs([Blob("a.view", "r1", 1)]);
            s.InsertReport(Report("r2", T0));
        });
        await Storage.WriteAsync(s => s.DeleteBlobsOf("r1"));

        await Storage.CompactAsync();

        Assert.NotNull(Storage.Read(s => s.FindReport("r2")));
        Assert.Empty(Storage.Read(s => s.ListBlobsOf("r1")));
    }

    [Fact]
    public void ReceiptFailures_SourceAtItsLimit_RefusedWithItsOldestAndNothingRecorded()
    {
        var ledger = Storage.ReceiptFailures;
        var at = new DateTimeOffset(T0);
        var window = TimeSpan.FromMinutes(15);

        var first = ledger.Begin("source-a", at, window, TimeSpan.FromMinutes(5), sourceLimit: 2);
        var second = ledger.Begin("source-a", at.AddMinutes(1), window, TimeSpan.FromMinutes(5), sourceLimit: 2);
        var refused = ledger.Begin("source-a", at.AddMinutes(2), window, TimeSpan.FromMinutes(5), sourceLimit: 2);
        var other = ledger.Begin("source-b", at.AddMinutes(2), window, TimeSpan.FromMinutes(5), sourceLimit: 2);

        Assert.Equal((0, 1, true), (first.Global, first.Source, first.Recorded));
        Assert.Equal((1, 2, true), (second.Global, second.Source, second.Recorded));
        Assert.Equal((false, 2, at), (refused.Recorded, refused.Source, refused.OldestSource));
        Assert.Equal((2, 1, true), (other.Global, other.Source, other.Recorded));
        var later = ledger.Begin("source-a", at.AddMinutes(15), window, TimeSpan.FromMinutes(5), sourceLimit: 2);
        Assert.Equal((true, 2, at.AddMinutes(1)), (later.Recorded, later.Source, later.OldestSource));
    }

    [Fact]
    public void ReceiptFailures_Removed_NoLongerCounted()
    {
        var ledger = Storage.ReceiptFailures;
        var at = new DateTimeOffset(T0);
        ledger.Begin("source-a", at, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), sourceLimit: 5);
        ledger.Begin("source-a", at.AddSeconds(1), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), sourceLimit: 5);

        ledger.Remove("source-a", at.AddSeconds(1));
        var next = ledger.Begin("source-a", at.AddSeconds(2), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15), sourceLimit: 5);

        Assert.Equal((1, 2), (next.Global, next.Source));
    }

    [Fact]
    public void Grants_AddedFoundUntilExpiryAndRemoved()
    {
        var grants = Storage.Grants;
        var now = new DateTimeOffset(T0);
        grants.Add("token-1", "r1", now.AddMinutes(20), now);
        grants.Add("token-2", "r2", now.AddMinutes(5), now);

        Assert.Equal("r1", grants.ReportOf("token-1", now.AddMinutes(19)));
        Assert.Null(grants.ReportOf("token-2", now.AddMinutes(5)));
        Assert.Null(grants.ReportOf("token-3", now));
        grants.Remove("token-1");
        Assert.Null(grants.ReportOf("token-1", now));
    }

    private static ReportDocument Report(string id, DateTime createdAt, string? receiptTag = null, string? pendingTag = null, DateTime? retainUntil = null) => new()
    {
        Id = id,
        Number = "ท69-00001",
        FiscalYear = 2026,
        Sequence = 1,
        Channel = ReportChannel.Web,
        Status = ReportStatus.Received,
        CreatedAt = createdAt,
        AcknowledgeBy = createdAt.AddDays(3),
        AnswerBy = createdAt.AddDays(15),
        RetainUntil = retainUntil ?? createdAt.AddYears(5),
        ReceiptTag = receiptTag,
        ReceiptHash = receiptTag is null ? null : "$argon2id$...",
        ContentKey = Wrapped(),
        Content = [7, 7, 7],
        PendingTag = pendingTag,
    };

    private static WrappedKey Wrapped(string keyId = "key-1") => new() { KeyId = keyId, Data = [1, 2, 3, 4] };

    private static BlobDocument Blob(string id, string reportId, byte value) => new() { Id = id, ReportId = reportId, Data = [value] };
}

public sealed class LiteDbVaultStorageTests : VaultStorageContract<LiteDbVaultStorageProvider>;
