using System.Collections.Concurrent;
using System.IO.Compression;
using ItaBot.Backup;
using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using ItaBot.Webhook;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItaBot.Tests.Backup;

/// <summary>"backup" against the running service while webhooks and new cases stream in; "restore" into a fresh directory.</summary>
public sealed class BackupTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    [Trait(TestCategory.Name, TestCategory.Load)]
    public async Task Backup_DuringALoad_RestoredIntoAFreshDirectory_HasEveryEventAndCaseOfItsInstant_AndTheVaultVerifies()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ItaBot:Vault:Kek"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["ItaBot:Vault:Argon2MemoryKiB"] = "1024",
            ["ItaBot:Vault:Argon2Passes"] = "1",
        };
        await using var host = new ServiceHost(_line, settings: settings);
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        await host.Services.GetRequiredService<AgencyVaults>().Current.VerifyAuditAsync("test");   // the vault in use: its file and audit chain exist
        var caseStore = host.Services.GetRequiredService<CaseService>();
        var acknowledged = new ConcurrentQueue<string>();
        var created = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var webhooks = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var e = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");
                using var response = await host.PostWebhookAsync(Events.Body(e));
                response.EnsureSuccessStatusCode();
                acknowledged.Enqueue(Events.EventId(e));
            }
        })).ToList();
        var cases = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var c = await caseStore.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะล้น", CitizenLineUserId = Events.NewUserId() }, CaseService.CitizenActor);
                created.Enqueue(c.Id);
            }
        });
        await Wait.UntilAsync(() => acknowledged.Count > 300 && created.Count > 30, TimeSpan.FromSeconds(60), "a load running");

        // Everything acknowledged or committed before the backup is asked for belongs to its instant.
        var eventsBefore = acknowledged.ToArray();
        var casesBefore = created.ToArray();
        var file = Path.Combine(TempDirectory.Create(), "itabot.zip");
        var output = new StringWriter();
        var exit = await Command(host.Services, "backup").RunAsync(["--out", file, "--service", address], output, TestContext.Current.CancellationToken);
        var acknowledgedDuringBackup = acknowledged.Count - eventsBefore.Length;
        await stop.CancelAsync();
        await Task.WhenAll([.. webhooks, cases]);

        Assert.True(exit == 0, output.ToString());
        Assert.True(acknowledgedDuringBackup > 0, "intake went on while the backup was made");
        using (var zip = ZipFile.OpenRead(file))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "messaging.db");
            Assert.Contains(zip.Entries, e => e.FullName == "vault.db");
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("keys/", StringComparison.Ordinal));
            Assert.DoesNotContain(zip.Entries, e => e.FullName == BackupToken.FileName);
        }

        var fresh = Path.Combine(TempDirectory.Create(), "data");
        var restore = new RestoreCommand(Options.Create(new StorageOptions { DataDirectory = fresh }));
        Assert.Equal(0, await restore.RunAsync(["--from", file], output, TestContext.Current.CancellationToken));

        await using var restored = new ServiceHost(_line, fresh, settings: settings);
        var inbox = restored.Services.GetRequiredService<IInboxStore>();
        var restoredCases = restored.Services.GetRequiredService<CaseService>();
        Assert.All(eventsBefore, id => Assert.NotNull(inbox.Find(id)));
        Assert.All(casesBefore, id => Assert.NotNull(restoredCases.Get(id)));
        var verify = new StringWriter();
        Assert.Equal(0, await Command(restored.Services, "vault", "verify").RunAsync([], verify, TestContext.Current.CancellationToken));
        Assert.Contains("Audit chain intact", verify.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupEndpoint_WithoutTheToken_Is404()
    {
        await using var host = new ServiceHost(_line);
        host.UseKestrel(0);
        host.StartServer();
        using var client = host.CreateClient();

        using var response = await client.PostAsync(BackupExtensions.Path, null, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Restore_IntoADirectoryThatHoldsData_RefusesAndTouchesNothing()
    {
        var data = TempDirectory.Create();
        File.WriteAllText(Path.Combine(data, "messaging.db"), "existing");
        var backup = Path.Combine(TempDirectory.Create(), "b.zip");
        using (var zip = ZipFile.Open(backup, ZipArchiveMode.Create))
        {
            zip.CreateEntry(DataBackup.ManifestName);
        }

        var output = new StringWriter();
        var exit = await new RestoreCommand(Options.Create(new StorageOptions { DataDirectory = data })).RunAsync(["--from", backup], output, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("is not empty", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("existing", File.ReadAllText(Path.Combine(data, "messaging.db")));
    }

    [Fact]
    public async Task RestoreCommandLine_IntoAnEmptyDirectory_RestoresEveryBackedUpEventAndCase()
    {
        var settings = new Dictionary<string, string?> { ["ItaBot:Vault:Argon2MemoryKiB"] = "1024", ["ItaBot:Vault:Argon2Passes"] = "1" };
        string file;
        string[] events;
        string[] cases;
        await using (var host = new ServiceHost(_line, settings: settings))
        {
            host.UseKestrel(0);
            host.StartServer();
            var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
            var posted = Enumerable.Range(0, 5).Select(_ => Events.Text(Events.NewUserId(), "สวัสดีค่ะ")).ToList();
            foreach (var e in posted)
            {
                (await host.PostWebhookAsync(Events.Body(e))).EnsureSuccessStatusCode();
            }

            var caseStore = host.Services.GetRequiredService<CaseService>();
            var created = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                created.Add((await caseStore.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะล้น", CitizenLineUserId = Events.NewUserId() }, CaseService.CitizenActor)).Id);
            }

            (events, cases) = ([.. posted.Select(Events.EventId)], [.. created]);
            file = Path.Combine(TempDirectory.Create(), "itabot.zip");
            var backup = new StringWriter();
            Assert.True(await Command(host.Services, "backup").RunAsync(["--out", file, "--service", address], backup, TestContext.Current.CancellationToken) == 0, backup.ToString());
        }

        var fresh = TempDirectory.Create();
        var (exit, output) = await ServiceProcess.RunCommandAsync(_line.BaseAddress, fresh, null, "restore", "--from", file);

        Assert.True(exit == 0, output);
        Assert.Contains("Restored ", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fresh, "messaging.db")));
        await using var restored = new ServiceHost(_line, fresh, settings: settings);
        var inbox = restored.Services.GetRequiredService<IInboxStore>();
        var restoredCases = restored.Services.GetRequiredService<CaseService>();
        Assert.All(events, id => Assert.NotNull(inbox.Find(id)));
        Assert.All(cases, id => Assert.NotNull(restoredCases.Get(id)));
    }

    [Fact]
    public async Task RestoreCommandLine_IntoADirectoryThatHoldsData_ExitsWithOneAndTouchesNothing()
    {
        var data = TempDirectory.Create();
        File.WriteAllText(Path.Combine(data, "messaging.db"), "existing");
        var backup = Path.Combine(TempDirectory.Create(), "b.zip");
        using (var zip = ZipFile.Open(backup, ZipArchiveMode.Create))
        {
            zip.CreateEntry(DataBackup.ManifestName);
        }

        var (exit, output) = await ServiceProcess.RunCommandAsync(_line.BaseAddress, data, null, "restore", "--from", backup);

        Assert.True(exit == 1, output);
        Assert.Contains("is not empty", output, StringComparison.Ordinal);
        Assert.Equal("existing", File.ReadAllText(Path.Combine(data, "messaging.db")));
        Assert.Equal(["messaging.db"], Directory.EnumerateFileSystemEntries(data).Select(Path.GetFileName));
    }

    private static ICliCommand Command(IServiceProvider services, params string[] words) =>
        services.GetServices<ICliCommand>().Single(c => c.Words.SequenceEqual(words, StringComparer.Ordinal));
}
