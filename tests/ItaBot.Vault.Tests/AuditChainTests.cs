using LiteDB;

namespace ItaBot.Vault.Tests;

public sealed class AuditChainTests
{
    private static async Task<VaultFixture> VaultWithHistoryAsync()
    {
        var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;   // 1
        await f.Vault.ReadAsync(id, "officer-a");                                       // 2
        await f.Vault.ChangeStatusAsync(id, "officer-a", ReportStatus.InProgress);      // 3
        await f.Vault.ExportAsync(id, "officer-a");                                     // 4
        await f.Vault.SendToReporterAsync(id, "officer-a", "ขอข้อมูลเพิ่มค่ะ");           // 5
        return f;
    }

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        await using var f = await VaultWithHistoryAsync();

        var result = await f.Vault.VerifyAuditAsync("auditor");

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.Entries);
        Assert.Null(result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_EntryAlteredInTheFile_NamesThatEntry()
    {
        await using var f = await VaultWithHistoryAsync();
        await f.CloseAsync();
        using (var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(f.DataDirectory, "vault.db"), Connection = ConnectionType.Direct }))
        {
            var audit = db.GetCollection("audit");
            var entry = audit.FindById(3);
            entry["Actor"] = "someone-else";   // hide who changed the status
            audit.Update(entry);
        }

        await f.ReopenAsync();
        var result = await f.Vault.VerifyAuditAsync("auditor");

        Assert.False(result.IsIntact);
        Assert.True(result.FirstBrokenSequence == 3, result.Problem);
        Assert.Contains("entry 3", result.Problem, StringComparison.Ordinal);
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor"), a => a is { Action: "audit.verify", Detail: "BROKEN at entry 3" });
    }

    [Fact]
    public async Task Verify_EntryDeletedInTheMiddle_NamesTheGap()
    {
        await using var f = await VaultWithHistoryAsync();
        await f.CloseAsync();
        using (var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(f.DataDirectory, "vault.db"), Connection = ConnectionType.Direct }))
        {
            db.GetCollection("audit").Delete(2);
        }

        await f.ReopenAsync();
        var result = await f.Vault.VerifyAuditAsync("auditor");

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_LastEntriesCutOff_IsDetectedThroughTheSignedHead()
    {
        await using var f = await VaultWithHistoryAsync();
        await f.CloseAsync();
        using (var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(f.DataDirectory, "vault.db"), Connection = ConnectionType.Direct }))
        {
            db.GetCollection("audit").Delete(5);
        }

        await f.ReopenAsync();
        var result = await f.Vault.VerifyAuditAsync("auditor");

        Assert.False(result.IsIntact);
        Assert.Equal(5, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_EntryRehashedButNotRelinked_NamesTheNextEntry()
    {
        await using var f = await VaultWithHistoryAsync();
        await f.CloseAsync();
        using (var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(f.DataDirectory, "vault.db"), Connection = ConnectionType.Direct }))
        {
            // A forger who recomputes entry 2's own hash still breaks entry 3's link.
            var audit = db.GetCollection<Storage.AuditDocument>("audit");
            var entry = audit.FindById(2);
            entry.Actor = "someone-else";
            entry.Hash = Audit.AuditLog.HashOf(entry);
            audit.Update(entry);
        }

        await f.ReopenAsync();
        var result = await f.Vault.VerifyAuditAsync("auditor");

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }
}

public sealed class AuditChainReopenTests
{
    [Fact]
    public async Task Verify_AfterReopen_IsIntact()
    {
        await using var f = new VaultFixture();
        await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        await f.ReopenAsync();
        var result = await f.Vault.VerifyAuditAsync("auditor");
        Assert.True(result.IsIntact, result.Problem);
    }
}
