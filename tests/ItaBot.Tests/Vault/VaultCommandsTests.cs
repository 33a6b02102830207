using System.Security.Cryptography;
using ItaBot.Cli;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Vault;

/// <summary>The vault inside the service: AddVault's settings, "vault verify" and "vault rotate-key".</summary>
public sealed class VaultCommandsTests : IAsyncLifetime
{
    private LineStandIn _line = null!;
    private readonly string _keys = TempDirectory.Create();

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _line.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }

    private ServiceHost Host(string? kekFile)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot:Vault:KekFile"] = kekFile,
            ["ItaBot:Vault:Argon2MemoryKiB"] = "1024",
            ["ItaBot:Vault:Argon2Passes"] = "1",
        };
        return new ServiceHost(_line, settings: settings);
    }

    private string NewKeyFile()
    {
        var path = Path.Combine(_keys, Guid.NewGuid().ToString("N") + ".key");
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    private static async Task<(int? Code, string Output)> RunAsync(ServiceHost host, params string[] args)
    {
        using var output = new StringWriter();
        var code = await CommandLine.TryRunAsync(host.Services, args, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task VaultVerify_WithAKeyFileOutsideTheDataDirectory_ReportsTheIntactChain()
    {
        await using var host = Host(NewKeyFile());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent("ทดสอบคำสั่งตรวจสอบ")));

        var (code, output) = await RunAsync(host, "vault", "verify");

        Assert.Equal(0, code);
        Assert.Contains("Audit chain intact: 1 entries.", output, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(Path.GetFullPath(host.DataDirectory), "vault.db"), vault.FilePath);   // the service's data directory
    }

    [Fact]
    public async Task Start_WithLineCredentialsAndNoVaultKey_StopsWithOneLineNamingTheKey()
    {
        // Without the check the service started, showed the whistleblower form and lost the report at submit (500).
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["ItaBot__Vault__Kek"] = null };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(_line.BaseAddress, TempDirectory.Create(), environment));

        var line = Assert.Single(error.Message.Split('\n'), l => l.Contains("ItaBot cannot start", StringComparison.Ordinal));
        Assert.Contains("ItaBot:Vault:Kek", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VaultRotateKey_WritesANewKeyFileAndRewrapsEveryReport()
    {
        await using var host = Host(NewKeyFile());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var id = (await vault.SubmitAsync(new NewReport(ReportChannel.Line, new ReportContent("ทดสอบหมุนกุญแจ")))).ReportId;
        var oldKeyId = vault.CurrentKeyId;
        var newKeyFile = Path.Combine(_keys, "rotated.key");

        var (code, output) = await RunAsync(host, "vault", "rotate-key", "--new-key-file", newKeyFile);

        Assert.Equal(0, code);
        Assert.Contains("1 report(s) re-wrapped", output, StringComparison.Ordinal);
        Assert.True(File.Exists(newKeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(newKeyFile));
        }
        Assert.NotEqual(oldKeyId, vault.CurrentKeyId);
        Assert.Equal("ทดสอบหมุนกุญแจ", (await vault.ReadAsync(id, "officer-a")).Content.WhatHappened);
    }

    [Fact]
    public async Task VaultRotateKey_NewKeyFileInsideTheDataDirectory_IsRefused()
    {
        await using var host = Host(NewKeyFile());

        var (code, output) = await RunAsync(host, "vault", "rotate-key", "--new-key-file", Path.Combine(host.DataDirectory, "new.key"));

        Assert.Equal(1, code);
        Assert.Contains("inside the data directory", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "new.key")));
    }

    [Fact]
    public async Task Deadlines_InTheService_FollowTheWorkingDayCalendar()
    {
        // Thursday 12 March 2026, 10:00 Bangkok: acknowledge by the end of Friday (1 working day), answer within 15 working days.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(7)));
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot:Vault:KekFile"] = NewKeyFile(),
            ["ItaBot:Vault:Argon2MemoryKiB"] = "1024",
            ["ItaBot:Vault:Argon2Passes"] = "1",
        };
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), settings: settings);
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var id = (await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent("ทดสอบกำหนดเวลา")))).ReportId;

        var summary = (await vault.ReadAsync(id, "officer-a")).Summary;

        Assert.Equal(new DateTimeOffset(2026, 3, 13, 23, 59, 59, TimeSpan.FromHours(7)), summary.AcknowledgeBy);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 23, 59, 59, TimeSpan.FromHours(7)), summary.AnswerBy);
    }

    [Fact]
    public async Task RetentionJob_DeletesReportsPastTheirDate()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(7)));
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot:Vault:KekFile"] = NewKeyFile(),
            ["ItaBot:Vault:Argon2MemoryKiB"] = "1024",
            ["ItaBot:Vault:Argon2Passes"] = "1",
            ["ItaBot:Vault:DefaultRetention"] = "90.00:00:00",
        };
        await using (var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), settings: settings))
        {
            var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
            var id = (await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent("หมดอายุแล้ว")))).ReportId;
            clock.Advance(TimeSpan.FromDays(91));

            await host.Services.GetRequiredService<VaultRetentionJob>().RunAsync();

            await Assert.ThrowsAsync<ReportNotFoundException>(() => vault.ReadAsync(id, "officer-a"));
        }
    }
}
