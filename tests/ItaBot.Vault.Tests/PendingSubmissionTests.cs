using System.Text;

namespace ItaBot.Vault.Tests;

/// <summary>
/// Submission that survives the caller's crash (SubmitOnceAsync): a repeat with the same key gets the same receipt and
/// files nothing; the sealed receipt goes once released, or after the hold at the latest. Documents without a viewing copy.
/// </summary>
public sealed class PendingSubmissionTests
{
    [Fact]
    public async Task SubmitOnce_SameKeyTwice_FilesOneReport_RepeatGetsTheSameReceipt()
    {
        await using var f = new VaultFixture();

        var first = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "draft-key-1");
        var again = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "draft-key-1");
        var other = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "draft-key-2");

        Assert.Equal((first.ReportId, first.Number, first.Receipt), (again.ReportId, again.Number, again.Receipt));
        Assert.NotEqual(first.ReportId, other.ReportId);
        Assert.Equal(2, (await f.Vault.ListAsync("officer-a")).Count);
        Assert.Equal(ReceiptCheckStatus.Accepted, (await f.Vault.CheckReceiptAsync(again.Receipt, "src")).Status);
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor", first.ReportId), e => e.Action == "submission.repeat");
    }

    [Fact]
    public async Task SubmitOnce_ParallelRepeats_FileOneReport()
    {
        await using var f = new VaultFixture();

        var all = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "same-key")));

        Assert.Single(all.Select(s => s.ReportId).Distinct());
        Assert.Single(all.Select(s => s.Receipt).Distinct());
        Assert.Single(await f.Vault.ListAsync("officer-a"));
    }

    [Fact]
    public async Task ReleasePendingReceipt_WipesTheSealedReceiptAndTheKeyTag_ReceiptStillWorks()
    {
        await using var f = new VaultFixture();
        var filed = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "draft-key");
        Assert.Equal(1, f.Vault.PendingReceiptCount());

        Assert.True(await f.Vault.ReleasePendingReceiptAsync(filed.ReportId));

        Assert.False(await f.Vault.ReleasePendingReceiptAsync(filed.ReportId));
        Assert.Equal(0, f.Vault.PendingReceiptCount());
        Assert.Null(await f.Vault.FindPendingSubmissionAsync("draft-key"));
        Assert.Equal(ReceiptCheckStatus.Accepted, (await f.Vault.CheckReceiptAsync(filed.Receipt, "src")).Status);
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor", filed.ReportId), e => e.Action == "receipt.released");
    }

    [Fact]
    public async Task PendingReceipt_OlderThanTheHold_IsNotRepeated_AndTheDailySweepWipesIt()
    {
        await using var f = new VaultFixture();
        var filed = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "draft-key");
        var fresh = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "fresh-key");
        Assert.NotNull(await f.Vault.FindPendingSubmissionAsync("draft-key"));

        f.Time.Advance(ProtectedReports.PendingReceiptHold + TimeSpan.FromMinutes(1));
        var later = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "later-key");

        Assert.Null(await f.Vault.FindPendingSubmissionAsync("draft-key"));
        Assert.Equal(2, await f.Vault.ReleaseStalePendingReceiptsAsync());
        Assert.Equal(1, f.Vault.PendingReceiptCount());
        Assert.Equal(later.Receipt, (await f.Vault.FindPendingSubmissionAsync("later-key"))!.Receipt);
        Assert.NotEqual(filed.ReportId, fresh.ReportId);
    }

    [Fact]
    public async Task PendingReceipt_IsNotInTheFileInClear()
    {
        await using var f = new VaultFixture();
        var filed = await f.Vault.SubmitOnceAsync(VaultFixture.SampleReport(), "draft-key");
        await f.CloseAsync();

        var bytes = await File.ReadAllBytesAsync(Path.Combine(f.DataDirectory, "vault.db"), TestContext.Current.CancellationToken);
        var log = Path.Combine(f.DataDirectory, "vault-log.db");
        var logBytes = File.Exists(log) ? await File.ReadAllBytesAsync(log, TestContext.Current.CancellationToken) : [];
        foreach (var form in new[] { filed.Receipt, filed.Receipt.Replace(" ", string.Empty, StringComparison.Ordinal), "draft-key" })
        {
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) < 0, "vault.db holds " + form.Length);
            Assert.True(logBytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) < 0, "vault-log.db holds " + form.Length);
        }
    }

    [Fact]
    public async Task Document_WithoutViewingCopy_IsStored_OriginalOpensAudited_NoViewingCopyToOpen()
    {
        await using var f = new VaultFixture();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7 secret contract body");
        var filed = await f.Vault.SubmitAsync(VaultFixture.SampleReport() with
        {
            Attachments = [new NewAttachment("document-1.pdf", "application/pdf", ReadOnlyMemory<byte>.Empty, pdf)],
        });

        var attachment = Assert.Single((await f.Vault.ReadAsync(filed.ReportId, "officer-a")).Attachments);
        Assert.Equal((0L, true), (attachment.ViewingBytes, attachment.HasOriginal));
        var original = await f.Vault.OpenOriginalAttachmentAsync(filed.ReportId, attachment.Id, "officer-a");
        Assert.Equal(pdf, original.Bytes);
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.OpenAttachmentAsync(filed.ReportId, attachment.Id, "officer-a"));
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor", filed.ReportId), e => e.Action == "attachment.original" && e.Actor == "officer-a");
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.SubmitAsync(VaultFixture.SampleReport() with
        {
            Attachments = [new NewAttachment("empty.pdf", "application/pdf", ReadOnlyMemory<byte>.Empty)],
        }));
    }
}
