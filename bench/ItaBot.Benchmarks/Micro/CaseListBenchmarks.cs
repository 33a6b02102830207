using ItaBot.Storage.LiteDb;
using ItaBot.Tests.Support;
using BenchmarkDotNet.Attributes;
using ItaBot.Cases;
using ItaBot.Cases.LiteDb;
using ItaBot.Content;
using ItaBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ItaBot.Seed;

namespace ItaBot.Benchmarks.Micro;

/// <summary>
/// The staff case list: <see cref="CaseService.List"/> first page (50 rows, newest first, mapped to records) on a real
/// LiteDB file holding 100,000 seeded cases over fiscal years 2566–2568 (the "seed" command's generator, through
/// <see cref="CaseService.ImportAsync"/>). The target is a whole page under 200 ms; this is the store's share.
/// Set CASES to seed another count.
/// </summary>
[Config(typeof(ShortConfig))]
public class CaseListBenchmarks
{
    // Seeded once per process and shared by every benchmark of the class: seeding 100,000 cases takes minutes, and
    // the in-process toolchain gives each benchmark's setup a time limit.
    private static readonly Lazy<(MessagingStore Store, CaseService Cases, string Directory)> Seeded = new(Seed);

    private CaseService _cases = null!;

    [GlobalSetup]
    public void Setup() => _cases = Seeded.Value.Cases;

    private static (MessagingStore, CaseService, string) Seed()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("CASES"), out var n) ? n : 100_000;
        var directory = Directory.CreateTempSubdirectory("itabot-cases-bench-").FullName;
        var store = TestStores.Messaging(new StorageOptions { DataDirectory = directory });
        var time = new FixedTime(new DateTimeOffset(2025, 9, 20, 10, 0, 0, TimeSpan.FromHours(7)));
        var contentDirectory = ContentOptions.FindDefault(AppContext.BaseDirectory, Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("content/ not found");
        var content = new ContentPackProvider(contentDirectory, ContentPackLoader.Load(contentDirectory), time, NullLogger<ContentPackProvider>.Instance);
        var calendar = new WorkingCalendar(new HashSet<DateOnly>());
        var cases = new CaseService(new LiteDbCaseStore(store, new CaseFactsBackfill(store, NullLogger<CaseFactsBackfill>.Instance)), store.Writer, calendar, content, [], time);
        var seed = new SeedCommand(cases, content, calendar, time);
        var code = seed.RunAsync(["--cases", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--fiscal-years", "2566-2568"],
            Console.Out, CancellationToken.None).GetAwaiter().GetResult();
        if (code != 0)
        {
            throw new InvalidOperationException("seeding failed");
        }

        Console.WriteLine($"// messaging.db: {new FileInfo(store.FilePath).Length / 1024 / 1024} MiB");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(directory, recursive: true);
        };
        return (store, cases, directory);
    }

    [Benchmark(Baseline = true)]
    public int Default() => _cases.List(new CaseFilter()).Items.Count;

    [Benchmark]
    public int DepartmentAndStatus() => _cases.List(new CaseFilter { Department = "engineering", Status = CaseStatus.Completed }).Items.Count;

    /// <summary>A rarer pair: the walk follows the department-and-status key of a small group.</summary>
    [Benchmark]
    public int DepartmentAndRejected() => _cases.List(new CaseFilter { Department = "health", Status = CaseStatus.Rejected }).Items.Count;

    [Benchmark]
    public int CategoryAndChannel() => _cases.List(new CaseFilter { CategoryId = "road", Channel = CaseChannel.Letter }).Items.Count;

    [Benchmark]
    public int Overdue() => _cases.List(new CaseFilter { OverdueOnly = true }).Items.Count;

    [Benchmark]
    public int NumberSearch() => _cases.List(new CaseFilter { Number = "4242" }).Items.Count;

    [Benchmark]
    public int ThirdPageOfDepartment() => _cases.List(new CaseFilter { Department = "health" }, page: 3).Items.Count;

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
