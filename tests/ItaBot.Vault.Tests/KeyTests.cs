using System.Security.Cryptography;

namespace ItaBot.Vault.Tests;

public sealed class KeyTests
{
    [Fact]
    public async Task RotateKek_RewrapsEveryReport_OldKeyNoLongerOpensAndNewKeyOpensAll()
    {
        await using var f = new VaultFixture();
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await f.Vault.SubmitAsync(VaultFixture.SampleReport($"เรื่องที่ {i}"))).ReportId);
        }

        var oldKek = f.Kek;
        var newKek = RandomNumberGenerator.GetBytes(32);
        var oldId = f.Vault.CurrentKeyId;

        // Reads keep working while the rotation runs.
        var reads = Task.Run(async () =>
        {
            foreach (var id in ids)
            {
                await f.Vault.ReadAsync(id, "officer-a");
            }
        });
        var result = await f.Vault.RotateKekAsync(newKek, "admin");
        await reads;

        Assert.Equal(oldId, result.OldKeyId);
        Assert.NotEqual(oldId, result.NewKeyId);
        Assert.Equal(30, result.ReportsRewrapped);
        Assert.Equal(result.NewKeyId, f.Vault.CurrentKeyId);
        Assert.Equal("เรื่องที่ 7", (await f.Vault.ReadAsync(ids[7], "officer-a")).Content.WhatHappened);

        await f.CloseAsync();
        var refused = Assert.Throws<InvalidOperationException>(() => f.Open());   // still configured with the old key
        Assert.Contains(oldId, refused.Message, StringComparison.Ordinal);

        f.Kek = newKek;
        await f.ReopenAsync();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            Assert.Equal($"เรื่องที่ {i}", (await f.Vault.ReadAsync(id, "officer-a")).Content.WhatHappened);
        }

        Assert.NotEqual(oldKek, newKek);
        var audit = await f.Vault.ReadAuditAsync("auditor");
        Assert.Contains(audit, a => a.Action == "kek.rotate.finish" && a.Detail!.Contains("30 report(s)", StringComparison.Ordinal));
        Assert.True((await f.Vault.VerifyAuditAsync("auditor")).IsIntact);
    }

    [Fact]
    public async Task RotateKek_WhileReportsAreSubmitted_LeavesNoReportUnderTheOldKey()
    {
        await using var f = new VaultFixture();
        for (var i = 0; i < 50; i++)
        {
            await f.Vault.SubmitAsync(VaultFixture.SampleReport($"ก่อน {i}"));
        }

        var newKek = RandomNumberGenerator.GetBytes(32);
        var submissions = Enumerable.Range(0, 40).Select(i => Task.Run(() => f.Vault.SubmitAsync(VaultFixture.SampleReport($"ระหว่าง {i}")))).ToList();
        await f.Vault.RotateKekAsync(newKek, "admin");
        var during = await Task.WhenAll(submissions);

        f.Kek = newKek;
        await f.ReopenAsync();
        foreach (var (submission, i) in during.Select((s, i) => (s, i)))
        {
            Assert.Equal($"ระหว่าง {i}", (await f.Vault.ReadAsync(submission.ReportId, "officer-a")).Content.WhatHappened);
        }

        Assert.Equal(90, (await f.Vault.ListAsync("officer-a")).Count);
        foreach (var summary in await f.Vault.ListAsync("officer-a"))
        {
            await f.Vault.ReadAsync(summary.ReportId, "officer-a");
        }
    }

    [Fact]
    public async Task Open_WithPreviousKek_FinishesAnInterruptedRotation()
    {
        await using var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;
        var oldKek = f.Kek;
        await f.CloseAsync();

        // The operator configured the new key but the rotation never ran: the old one is given as PreviousKek.
        var newKek = RandomNumberGenerator.GetBytes(32);
        f.Kek = newKek;
        await f.ReopenAsync(o => o.PreviousKek = Convert.ToBase64String(oldKek));
        Assert.Equal("หัวหน้ากองช่างเรียกรับเงินจากผู้รับเหมาโครงการถนนหมู่ 4 จำนวน 50,000 บาท", (await f.Vault.ReadAsync(id, "officer-a")).Content.WhatHappened);
        var result = await f.Vault.RotateKekAsync(newKek, "admin");
        Assert.Equal(1, result.ReportsRewrapped);

        await f.ReopenAsync();   // no PreviousKek any more
        Assert.NotNull(await f.Vault.ReadAsync(id, "officer-a"));
    }

    [Fact]
    public async Task Open_WithAnotherKek_IsRefusedWithAClearError()
    {
        await using var f = new VaultFixture();
        await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        await f.CloseAsync();
        f.Kek = RandomNumberGenerator.GetBytes(32);

        var error = Assert.Throws<InvalidOperationException>(() => f.Open());

        Assert.Contains("does not open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KekFile_InsideTheDataDirectory_IsRefused()
    {
        await using var f = new VaultFixture();
        await f.CloseAsync();
        var inside = Path.Combine(f.DataDirectory, "sub", "vault.key");
        Directory.CreateDirectory(Path.GetDirectoryName(inside)!);
        await File.WriteAllTextAsync(inside, Convert.ToBase64String(f.Kek));

        var error = Assert.Throws<InvalidOperationException>(() => f.Open(o => { o.Kek = null; o.KekFile = inside; }));

        Assert.Contains("inside the vault's data directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KekFile_ReachedThroughASymlinkIntoTheDataDirectory_IsRefused()
    {
        await using var f = new VaultFixture();
        await f.CloseAsync();
        var inside = Path.Combine(f.DataDirectory, "vault.key");
        await File.WriteAllTextAsync(inside, Convert.ToBase64String(f.Kek));
        var link = Path.Combine(f.KeyDirectory, "vault.key");
        File.CreateSymbolicLink(link, inside);

        Assert.Throws<InvalidOperationException>(() => f.Open(o => { o.Kek = null; o.KekFile = link; }));
    }

    [Fact]
    public async Task KekFile_OutsideTheDataDirectory_OpensTheVault()
    {
        await using var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;
        var outside = Path.Combine(f.KeyDirectory, "vault.key");
        await File.WriteAllTextAsync(outside, Convert.ToBase64String(f.Kek) + "\n");

        await f.ReopenAsync(o => { o.Kek = null; o.KekFile = outside; });

        Assert.NotNull(await f.Vault.ReadAsync(id, "officer-a"));
    }

    [Fact]
    public async Task Open_WithoutAnyKek_IsRefusedNamingTheSetting()
    {
        await using var f = new VaultFixture();
        await f.CloseAsync();

        var error = Assert.Throws<InvalidOperationException>(() => f.Open(o => o.Kek = null));

        Assert.Contains("ItaBot:Vault:Kek", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ciphertext_MovedToAnotherReport_DoesNotOpen()
    {
        await using var f = new VaultFixture();
        var a = (await f.Vault.SubmitAsync(VaultFixture.SampleReport("เรื่อง A"))).ReportId;
        var b = (await f.Vault.SubmitAsync(VaultFixture.SampleReport("เรื่อง B"))).ReportId;
        await f.CloseAsync();
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = Path.Combine(f.DataDirectory, "vault.db"), Connection = LiteDB.ConnectionType.Direct }))
        {
            var reports = db.GetCollection("reports");
            var docA = reports.FindById(a);
            var docB = reports.FindById(b);
            docB["Content"] = docA["Content"];     // same data key would not help: the report id is bound in
            docB["ContentKey"] = docA["ContentKey"];
            reports.Update(docB);
        }

        await f.ReopenAsync();
        await Assert.ThrowsAnyAsync<CryptographicException>(() => f.Vault.ReadAsync(b, "officer-a"));
    }
}
