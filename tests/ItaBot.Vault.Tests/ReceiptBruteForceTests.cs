namespace ItaBot.Vault.Tests;

public sealed class ReceiptBruteForceTests
{
    private static string WrongCode(string receipt, int i)
    {
        // Same shape as the real receipt, differing in the last digits.
        var digits = receipt.Replace(" ", "", StringComparison.Ordinal);
        var tail = ((long.Parse(digits[^6..], System.Globalization.CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
        return digits[..^6] + tail;
    }

    [Fact]
    public async Task CheckReceipt_ManyWrongCodesFromOneSource_AreSlowedThenLimitedAndAuditedWithoutTheCode()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        var guesses = Enumerable.Range(0, 5).Select(i => WrongCode(submission.Receipt, i)).ToList();

        var results = new List<ReceiptCheck>();
        foreach (var guess in guesses)
        {
            results.Add(await f.Vault.CheckReceiptAsync(guess, "line:attacker"));
        }

        Assert.All(results, r => Assert.Equal(ReceiptCheckStatus.Rejected, r.Status));
        // Each failure was held back, doubling from 1 s (the facade awaited exactly these delays).
        Assert.Equal([1, 2, 4, 8, 16], f.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(f.Delays, results.Select(r => r.Delay));

        // The sixth try is refused without a check, even with the right code.
        var limited = await f.Vault.CheckReceiptAsync(submission.Receipt, "line:attacker");
        Assert.Equal(ReceiptCheckStatus.Limited, limited.Status);
        Assert.Null(limited.Access);
        Assert.Equal(TimeSpan.FromMinutes(15), limited.RetryAfter);

        // Another source is not affected.
        Assert.Equal(ReceiptCheckStatus.Accepted, (await f.Vault.CheckReceiptAsync(submission.Receipt, "web:someone-else")).Status);

        // After the window, the source may try again.
        f.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(ReceiptCheckStatus.Accepted, (await f.Vault.CheckReceiptAsync(submission.Receipt, "line:attacker")).Status);

        var audit = await f.Vault.ReadAuditAsync("auditor");
        Assert.Equal(5, audit.Count(a => a.Action == "receipt.failed"));
        Assert.Equal(1, audit.Count(a => a.Action == "receipt.limited"));
        Assert.Equal(2, audit.Count(a => a.Action == "receipt.accepted"));
        foreach (var entry in audit)
        {
            foreach (var guess in guesses.Append(submission.Receipt.Replace(" ", "", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(guess, entry.ToString(), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("attacker", entry.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckReceipt_WrongCodesFromManySourcesOverTheGlobalLimit_SlowTheRightReceiptButDoNotRefuseIt()
    {
        await using var f = new VaultFixture();
        await f.ReopenAsync(o => o.GlobalFailureLimit = 10);
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ReceiptCheckStatus.Rejected, (await f.Vault.CheckReceiptAsync(WrongCode(submission.Receipt, i), $"web:botnet-{i}")).Status);
        }

        f.Delays.Clear();
        Assert.Equal(ReceiptCheckStatus.Accepted, (await f.Vault.CheckReceiptAsync(submission.Receipt, "web:fresh-source")).Status);
        Assert.Equal([TimeSpan.FromSeconds(3)], f.Delays);   // GlobalFailureDelay before the check, right or wrong alike

        f.Delays.Clear();
        Assert.Equal(ReceiptCheckStatus.Rejected, (await f.Vault.CheckReceiptAsync(WrongCode(submission.Receipt, 42), "web:another")).Status);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)], f.Delays);

        f.Time.Advance(TimeSpan.FromMinutes(1));
        f.Delays.Clear();
        Assert.Equal(ReceiptCheckStatus.Accepted, (await f.Vault.CheckReceiptAsync(submission.Receipt, "web:fresh-source")).Status);
        Assert.Empty(f.Delays);
    }

    [Fact]
    public async Task CheckReceipt_ParallelWrongCodesFromOneSource_CannotSlipPastTheLimit()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => f.Vault.CheckReceiptAsync(WrongCode(submission.Receipt, i), "web:parallel"))));

        Assert.Equal(5, results.Count(r => r.Status == ReceiptCheckStatus.Rejected));
        Assert.Equal(15, results.Count(r => r.Status == ReceiptCheckStatus.Limited));
    }

    [Fact]
    public async Task CheckReceipt_RightCode_DoesNotCountAgainstTheSource()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ReceiptCheckStatus.Accepted, (await f.Vault.CheckReceiptAsync(submission.Receipt, "line:reporter")).Status);
        }

        Assert.Equal(ReceiptCheckStatus.Rejected, (await f.Vault.CheckReceiptAsync(WrongCode(submission.Receipt, 0), "line:reporter")).Status);
        Assert.Equal([TimeSpan.FromSeconds(1)], f.Delays);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("0812 3456 7890 1234 567X")]
    [InlineData("0812 3456 7890 1234 5678 9")]
    public async Task CheckReceipt_MalformedCode_IsAFailureToo(string typed)
    {
        await using var f = new VaultFixture();
        await f.Vault.SubmitAsync(VaultFixture.SampleReport());

        var check = await f.Vault.CheckReceiptAsync(typed, "web:session-1");

        Assert.Equal(ReceiptCheckStatus.Rejected, check.Status);
        Assert.Single(f.Delays);
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor"), a => a is { Action: "receipt.failed", Detail: "malformed" });
    }
}
