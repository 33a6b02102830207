using System.Security.Cryptography;
using System.Text;
using ItaBot.Vault.Storage.PostgreSql;
using ItaBot.Vault.Tests.Contracts;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Vault.Tests;

/// <summary>
/// The vault on PostgreSQL with two nodes (two vault instances, as two service processes have) on one database: what
/// one node writes or counts, the other sees; writes of both take turns, so numbers and the audit chain stay whole.
/// </summary>
public sealed class PostgreSqlVaultTests : IAsyncLifetime
{
    private readonly PostgreSqlVaultDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
    private readonly byte[] _kek = RandomNumberGenerator.GetBytes(32);
    private readonly string _keys = Directory.CreateTempSubdirectory("itabot-vault-pg-").FullName;
    private ProtectedReports? _a;
    private ProtectedReports? _b;

    private ProtectedReports NodeA => _a ?? throw new InvalidOperationException("Not initialised.");

    private ProtectedReports NodeB => _b ?? throw new InvalidOperationException("Not initialised.");

    public ValueTask InitializeAsync()
    {
        _a = Open();
        _b = Open();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var vault in new[] { _a, _b })
        {
            if (vault is not null)
            {
                await vault.DisposeAsync();
            }
        }

        await _database.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }

    [Fact]
    public async Task Submit_OnTwoNodesAtOnce_EveryReportNumberedOnce_AndTheAuditChainIsIntact()
    {
        var filed = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? NodeA : NodeB).SubmitAsync(VaultFixture.SampleReport())));

        Assert.Equal(16, filed.Select(s => s.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(16, (await NodeB.ListAsync("officer-a")).Count);
        var verification = await NodeA.VerifyAuditAsync("auditor");
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.True((await NodeB.VerifyAuditAsync("auditor")).IsIntact);
    }

    [Fact]
    public async Task Report_FiledOnNodeA_IsReadWithItsEvidenceOnNodeB()
    {
        var filed = await NodeA.SubmitAsync(VaultFixture.SampleReport("เจ้าหน้าที่เรียกรับเงินใต้โต๊ะ"));

        var view = await NodeB.ReadAsync(filed.ReportId, "officer-b");
        var attachment = await NodeB.OpenOriginalAttachmentAsync(filed.ReportId, Assert.Single(view.Attachments).Id, "officer-b");

        Assert.Equal("เจ้าหน้าที่เรียกรับเงินใต้โต๊ะ", view.Content.WhatHappened);
        Assert.Equal("ORIGINAL-WITH-EXIF-GPS-13.7563,100.5018", Encoding.UTF8.GetString(attachment.Bytes));
    }

    [Fact]
    public async Task ReceiptChecks_WrongOnBothNodesFromOneSource_AreCountedTogether()
    {
        var filed = await NodeA.SubmitAsync(VaultFixture.SampleReport());

        var results = new List<ReceiptCheckStatus>();
        for (var i = 0; i < 5; i++)
        {
            results.Add((await (i % 2 == 0 ? NodeA : NodeB).CheckReceiptAsync("1111 2222 3333 4444 555" + i, "line:guesser")).Status);
        }

        Assert.All(results, s => Assert.Equal(ReceiptCheckStatus.Rejected, s));
        // Three failures on A and two on B: the sixth, on B, is refused as if one node had seen all five.
        Assert.Equal(ReceiptCheckStatus.Limited, (await NodeB.CheckReceiptAsync(filed.Receipt, "line:guesser")).Status);
        Assert.Equal(ReceiptCheckStatus.Limited, (await NodeA.CheckReceiptAsync(filed.Receipt, "line:guesser")).Status);
        Assert.Equal(ReceiptCheckStatus.Accepted, (await NodeB.CheckReceiptAsync(filed.Receipt, "line:someone-else")).Status);
        Assert.Equal(0, _database.Scalar("select count(*) from vault_receipt_failures where source like '%guesser%'"));
    }

    [Fact]
    public async Task ReporterAccess_GrantedOnNodeA_WorksOnNodeB_UntilEnded()
    {
        var filed = await NodeA.SubmitAsync(VaultFixture.SampleReport());
        await NodeA.SendToReporterAsync(filed.ReportId, "officer-a", "ขอรายละเอียดเพิ่มเติมค่ะ");

        var access = (await NodeA.CheckReceiptAsync(filed.Receipt, "web:reporter")).Access!;
        var handle = new ReporterAccess(access.Token, access.ExpiresAt);

        Assert.Equal(filed.Number, (await NodeB.ReadAsReporterAsync(handle))?.Number);
        Assert.True(await NodeB.ReplyAsReporterAsync(handle, "เพิ่มเติม: มีพยานสองคน"));
        Assert.Equal(2, (await NodeA.ReadAsync(filed.ReportId, "officer-a")).Messages.Count);
        Assert.Equal(0, _database.Scalar($"select count(*) from vault_access where token_hash = '{access.Token}'"));
        NodeB.EndAccess(handle);
        Assert.Null(await NodeA.ReadAsReporterAsync(access));
    }

    [Fact]
    public async Task Draft_SavedOnNodeA_OpensWithItsEvidenceOnNodeB()
    {
        var evidence = new NewAttachment("ใบเสร็จ.pdf", "application/pdf", ReadOnlyMemory<byte>.Empty, Encoding.UTF8.GetBytes("%PDF-DRAFT-EVIDENCE"));
        await NodeA.SaveDraftAsync("draft-key-1", Encoding.UTF8.GetBytes("{\"what\":\"ร่างเบาะแส\"}"), [evidence]);

        var opened = await NodeB.OpenDraftAsync("draft-key-1", TimeSpan.FromMinutes(30));

        Assert.NotNull(opened);
        Assert.Equal("{\"what\":\"ร่างเบาะแส\"}", Encoding.UTF8.GetString(opened.Content.Span));
        Assert.Equal("%PDF-DRAFT-EVIDENCE", Encoding.UTF8.GetString(Assert.Single(opened.Evidence).Original!.Value.Span));
        Assert.True(await NodeB.DeleteDraftAsync("draft-key-1"));
        Assert.Null(await NodeA.OpenDraftAsync("draft-key-1", TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public async Task DeleteNow_OnNodeB_LeavesNoKeyNorCiphertextInTheLiveRows_AndTheStatisticsStillCountIt()
    {
        var filed = await NodeA.SubmitAsync(VaultFixture.SampleReport());
        var before = _database.Scalar("select count(*) from vault_blobs");

        await NodeB.DeleteNowAsync(filed.ReportId, "officer-b");

        Assert.Equal(2, before);   // the viewing copy and the original
        Assert.Equal(0, _database.Scalar("select count(*) from vault_blobs"));
        Assert.Equal(1, _database.Scalar(
            "select count(*) from vault_reports where purged and doc->'ContentKey' = 'null'::jsonb and doc->'Content' = 'null'::jsonb " +
            "and doc->'IdentityKey' = 'null'::jsonb and doc->'Identity' = 'null'::jsonb and receipt_tag is null"));
        await Assert.ThrowsAsync<ReportNotFoundException>(() => NodeA.ReadAsync(filed.ReportId, "officer-a"));
        Assert.Equal(1, (await NodeA.StatisticsAsync(_time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddDays(1), "officer-a")).Total);
    }

    [Fact]
    public async Task PurgeExpired_OnNodeB_DeletesWhatNodeAFiledPastItsRetention_AndKeepsTheRest()
    {
        var old = await NodeA.SubmitAsync(VaultFixture.SampleReport());
        _time.Advance(TimeSpan.FromDays(731));
        var fresh = await NodeA.SubmitAsync(VaultFixture.SampleReport());

        Assert.Equal(1, await NodeB.PurgeExpiredAsync());

        await Assert.ThrowsAsync<ReportNotFoundException>(() => NodeA.ReadAsync(old.ReportId, "officer-a"));
        Assert.NotNull(await NodeA.ReadAsync(fresh.ReportId, "officer-a"));
        Assert.Equal(2, _database.Scalar("select count(*) from vault_blobs"));   // the fresh report's two copies only
        Assert.Equal(0, await NodeA.PurgeExpiredAsync());
        Assert.True((await NodeA.VerifyAuditAsync("auditor")).IsIntact);
    }

    private ProtectedReports Open()
    {
        var options = new VaultOptions
        {
            DataDirectory = Path.Combine(_keys, "unused"),
            Kek = Convert.ToBase64String(_kek),
            Argon2MemoryKiB = 1024,
            Argon2Passes = 1,
        };
        var vault = VaultPostgreSql.Open(options, _time, null, _database.DataSource, "agency-test");
        vault.DelayAsync = (_, _) => Task.CompletedTask;
        return vault;
    }
}
