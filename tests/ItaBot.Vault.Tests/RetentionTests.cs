using System.Text;

namespace ItaBot.Vault.Tests;

public sealed class RetentionTests
{
    private const string Sentence = "ปลัดเทศบาลสั่งให้แก้ใบเสร็จค่าวัสดุก่อสร้างเพิ่มขึ้นสามเท่าเพื่อเบิกเงินเกิน";
    private const string Answer = "มีสำเนาใบเสร็จฉบับจริงเก็บไว้ที่บ้านค่ะ";
    private const string Question = "ขอทราบชื่อร้านวัสดุที่ออกใบเสร็จค่ะ";
    private const string LineUserId = "U9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    private static NewReport FullReport() => new(
        ReportChannel.Line,
        new ReportContent(Sentence, "ปลัดเทศบาล", "สำนักปลัด", "กุมภาพันธ์ 2569", "ห้องพัสดุ", "ใบเสร็จสองฉบับ"),
        new ReporterIdentity("นายทดสอบ ผู้รักความซื่อตรง", "0899999999", "whistle@example.test"),
        [new NewAttachment("receipt-photo.jpg", "image/jpeg", Encoding.ASCII.GetBytes("STRIPPED-PHOTO-PIXELS-7f3a9c"), Encoding.ASCII.GetBytes("EXIF-GPS-13.7563N-100.5018E-CANON-EOS-ORIGINAL-7f3a9c"))],
        LineUserId);

    private static string[] VaultFiles(string directory) => Directory.GetFiles(directory, "*", SearchOption.AllDirectories);

    private static List<string> FilesContaining(string directory, byte[] needle) =>
        [.. VaultFiles(directory).Where(file => ReadShared(file).AsSpan().IndexOf(needle) >= 0).Select(file => Path.GetFileName(file))];

    /// <summary>Reads a file that LiteDB may still hold open (the scan runs while the vault is live too).</summary>
    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task RawFiles_OfALiveReport_HoldNoPlaintextNoLineIdNoReceipt()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(FullReport());
        await f.Vault.SendToReporterAsync(submission.ReportId, "officer-a", Question);
        var access = (await f.Vault.CheckReceiptAsync(submission.Receipt, "line:x")).Access!;
        await f.Vault.ReplyAsReporterAsync(access, Answer);
        await f.CloseAsync();   // also before the checkpoint: scan the log too
        var plaintexts = new[]
        {
            Sentence, Answer, Question, LineUserId, "นายทดสอบ ผู้รักความซื่อตรง", "0899999999", "receipt-photo.jpg",
            "STRIPPED-PHOTO-PIXELS", "EXIF-GPS-13.7563N", submission.Receipt, submission.Receipt.Replace(" ", "", StringComparison.Ordinal),
        };

        foreach (var text in plaintexts)
        {
            Assert.Empty(FilesContaining(f.DataDirectory, Encoding.UTF8.GetBytes(text)));
        }

        Assert.Contains("vault.db", VaultFiles(f.DataDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ExpiringSoon_ListsReportsNearTheirRetentionDate_AndExtensionIsAudited()
    {
        await using var f = new VaultFixture();
        await f.ReopenAsync(o => o.DefaultRetention = TimeSpan.FromDays(90));
        var early = (await f.Vault.SubmitAsync(FullReport())).ReportId;
        f.Time.Advance(TimeSpan.FromDays(10));
        var later = (await f.Vault.SubmitAsync(FullReport())).ReportId;
        f.Time.Advance(TimeSpan.FromDays(77));   // early expires in 3 days, later in 13

        var soon = await f.Vault.ExpiringSoonAsync(TimeSpan.FromDays(7), "system");
        Assert.Equal([early], soon.Select(r => r.ReportId));

        var until = f.Time.GetUtcNow().AddDays(180);
        await f.Vault.ExtendRetentionAsync(early, "officer-a", until);
        Assert.Empty(await f.Vault.ExpiringSoonAsync(TimeSpan.FromDays(7), "system"));
        Assert.Equal([later], (await f.Vault.ExpiringSoonAsync(TimeSpan.FromDays(14), "system")).Select(r => r.ReportId));
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.ExtendRetentionAsync(early, "officer-a", until.AddDays(-30)));
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor", early), a => a is { Action: "retention.extend", Actor: "officer-a" });
    }

    [Fact]
    public async Task PurgeExpired_DeletesForReal_NoPlaintextNorCiphertextLeftInVaultDbOrItsLog()
    {
        await using var f = new VaultFixture();
        await f.ReopenAsync(o => o.DefaultRetention = TimeSpan.FromDays(30));
        var expiring = await f.Vault.SubmitAsync(FullReport());
        await f.Vault.SendToReporterAsync(expiring.ReportId, "officer-a", Question);
        var access = (await f.Vault.CheckReceiptAsync(expiring.Receipt, "line:x")).Access!;
        await f.Vault.ReplyAsReporterAsync(access, Answer);
        await f.Vault.ChangeStatusAsync(expiring.ReportId, "officer-a", ReportStatus.Completed, "สอบแล้วไม่พบมูล", ReportOutcome.NotSubstantiated);
        f.Time.Advance(TimeSpan.FromDays(20));
        var kept = await f.Vault.SubmitAsync(VaultFixture.SampleReport("เรื่องที่ยังไม่หมดอายุ"));

        // Ciphertext of the expiring report as stored: content, a message, the original attachment, the wrapped key.
        var (document, blobs) = f.Vault.Store.Read(storage => (storage.FindReport(expiring.ReportId)!, storage.ListBlobsOf(expiring.ReportId)));
        var ciphertexts = new List<byte[]> { document.Content!, document.Messages[0].Text, document.Identity!, document.ContentKey!.Data, document.NotifierSeal! };
        ciphertexts.AddRange(blobs.Select(b => b.Data));
        Assert.Equal(2, blobs.Count);
        Assert.All(ciphertexts, c => Assert.True(c.Length >= 32));

        // The scan finds them while the report lives (in vault.db or its log): it can see what it looks for.
        Assert.All(ciphertexts, c => Assert.NotEmpty(FilesContaining(f.DataDirectory, c[..32])));

        f.Time.Advance(TimeSpan.FromDays(11));
        var deleted = await f.Vault.PurgeExpiredAsync();

        // Right after the purge, with the vault still open: vault.db and vault-log.db.
        foreach (var ciphertext in ciphertexts)
        {
            Assert.Empty(FilesContaining(f.DataDirectory, ciphertext[..32]));
        }

        Assert.Equal(1, deleted);
        await Assert.ThrowsAsync<ReportNotFoundException>(() => f.Vault.ReadAsync(expiring.ReportId, "officer-a"));
        Assert.Equal(ReceiptCheckStatus.Rejected, (await f.Vault.CheckReceiptAsync(expiring.Receipt, "line:y")).Status);
        Assert.Equal("เรื่องที่ยังไม่หมดอายุ", (await f.Vault.ReadAsync(kept.ReportId, "officer-a")).Content.WhatHappened);
        var stats = await f.Vault.StatisticsAsync(f.Time.GetUtcNow().AddYears(-1), f.Time.GetUtcNow(), "ita");
        Assert.Equal(2, stats.Total);   // the deleted report still counts, as a stub without content
        Assert.Equal(1, stats.ByOutcome[ReportOutcome.NotSubstantiated]);
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor", expiring.ReportId), a => a is { Action: "report.expired", Actor: ProtectedReports.SystemActor });
        Assert.True((await f.Vault.VerifyAuditAsync("auditor")).IsIntact);

        await f.CloseAsync();
        var files = VaultFiles(f.DataDirectory).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(files, name => name!.Contains("backup", StringComparison.Ordinal));
        foreach (var ciphertext in ciphertexts)
        {
            // Any 32-byte window of the stored ciphertext (nonce, tag, body) would betray a leftover copy.
            Assert.Empty(FilesContaining(f.DataDirectory, ciphertext[..32]));
            Assert.Empty(FilesContaining(f.DataDirectory, ciphertext[^32..]));
        }

        foreach (var text in new[] { Sentence, Answer, Question, LineUserId, "EXIF-GPS-13.7563N" })
        {
            Assert.Empty(FilesContaining(f.DataDirectory, Encoding.UTF8.GetBytes(text)));
        }
    }

    [Fact]
    public async Task PurgeExpired_BeforeTheRetentionDate_DeletesNothing()
    {
        await using var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(FullReport())).ReportId;
        f.Time.Advance(TimeSpan.FromDays(729));

        Assert.Equal(0, await f.Vault.PurgeExpiredAsync());
        Assert.NotNull(await f.Vault.ReadAsync(id, "officer-a"));
    }
}
