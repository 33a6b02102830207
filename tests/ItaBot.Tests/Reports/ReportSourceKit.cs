using ItaBot.Content;
using ItaBot.QandA;
using ItaBot.QandA.LiteDb;
using ItaBot.Reports;
using ItaBot.Reports.LiteDb;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Reports;

/// <summary>
/// The report sources over real files in a temp directory (messaging.db, vault.db), the shipped content pack, and a
/// fake clock that the test moves forward as it files records, the way they would have been filed.
/// </summary>
internal sealed class ReportSourceKit : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ReportSourceKit(DateTimeOffset start, bool withVault = true)
    {
        Time = new FakeTimeProvider(start);
        Directory = TempDirectory.Create();
        Store = TestStores.Messaging(new StorageOptions { DataDirectory = Directory });
        Qa = new LiteDbQaStore(Store, Time);
        Register = new LiteDbServiceVisitStore(Store, Time);
        var pack = ContentPackLoader.Load(ItaBot.Tests.Content.TempContentPack.ShippedDirectory);
        Content = new ContentPackProvider(ItaBot.Tests.Content.TempContentPack.ShippedDirectory, pack, Time, NullLogger<ContentPackProvider>.Instance);
        var vaultOptions = new VaultOptions { DataDirectory = Directory, Argon2MemoryKiB = 1024, Argon2Passes = 1 };
        if (withVault)
        {
            vaultOptions.Kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        var collection = new ServiceCollection();
        collection.AddSingleton<IOptions<VaultOptions>>(Options.Create(vaultOptions));
        collection.AddOptions().AddLogging().AddSingleton<TimeProvider>(Time);
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddSingleton<ItaBot.Agencies.AgencyDirectory>().AddSingleton<IVaultOpener, VaultFileOpener>().AddSingleton<AgencyVaults>();
        _services = collection.BuildServiceProvider();
        Counts = new ProtectedReportCounts(_services.GetRequiredService<AgencyVaults>());
        Corruption = new CorruptionSource(Counts);
        Services = new ServicesSource(Qa, Register, Content, Counts);
    }

    public FakeTimeProvider Time { get; }

    public string Directory { get; }

    public MessagingStore Store { get; }

    public IQaStore Qa { get; }

    public IServiceVisitStore Register { get; }

    public ContentPackProvider Content { get; }

    public ProtectedReportCounts Counts { get; }

    public CorruptionSource Corruption { get; }

    public ServicesSource Services { get; }

    public ProtectedReports Vault => _services.GetRequiredService<AgencyVaults>().Current;

    /// <summary>Moves the clock to <paramref name="at"/> (never back).</summary>
    public void At(DateTime at)
    {
        if (at > Time.GetUtcNow().UtcDateTime)
        {
            Time.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
        Content.Dispose();
    }
}
