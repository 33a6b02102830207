using ItaBot.Cases;
using ItaBot.Cases.LiteDb;
using ItaBot.Content;
using ItaBot.Storage;
using ItaBot.Tests.Content;
using ItaBot.Tests.Support;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Cases;

/// <summary>A real messaging.db in a temp directory, the shipped content pack, and a fake clock in Bangkok time.</summary>
internal sealed class CaseTestKit : IAsyncDisposable
{
    public CaseTestKit(DateTimeOffset? start = null, string? directory = null, params ICaseObserver[] observers)
    {
        Directory = directory ?? TempDirectory.Create();
        Time = new FakeTimeProvider(start ?? Bangkok(2025, 6, 2, 9, 0));
        Store = TestStores.Messaging(new StorageOptions { DataDirectory = Directory });
        Content = new ContentPackProvider(TempContentPack.ShippedDirectory, ContentPackLoader.Load(TempContentPack.ShippedDirectory), Time,
            NullLogger<ContentPackProvider>.Instance);
        Calendar = new WorkingCalendar(ShippedHolidays);
        Backfill = new CaseFactsBackfill(Store, NullLogger<CaseFactsBackfill>.Instance);
        CaseStore = new LiteDbCaseStore(Store, Backfill);
        Cases = new CaseService(CaseStore, Store.Writer, Calendar, Content, observers, Time);
    }

    public static IReadOnlySet<DateOnly> ShippedHolidays { get; } = LoadShippedHolidays();

    public string Directory { get; }

    public FakeTimeProvider Time { get; }

    public MessagingStore Store { get; }

    public ContentPackProvider Content { get; }

    public WorkingCalendar Calendar { get; }

    /// <summary>The start-up backfill of case facts (not started: a new file has its facts).</summary>
    public CaseFactsBackfill Backfill { get; }

    public ICaseStore CaseStore { get; }

    public CaseService Cases { get; }

    /// <summary>Every case as stored (the full documents).</summary>
    public List<CaseRecord> AllCases() =>
        [.. Store.Database.GetCollection(LiteDbCaseStore.CollectionName).FindAll().Select(CaseDocuments.FromBson)];

    public static DateTimeOffset Bangkok(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    public static NewCase Walk(string category = "road", string text = "ถนนเป็นหลุม", CaseChannel channel = CaseChannel.WalkIn, string? lineUser = null) =>
        new() { CategoryId = category, Channel = channel, Description = text, CitizenLineUserId = lineUser };

    public Task<CaseRecord> CreateAsync(string category = "road", CaseChannel channel = CaseChannel.WalkIn, string? lineUser = null) =>
        Cases.CreateAsync(Walk(category, "เรื่องทดสอบ", channel, lineUser), "staff-1");

    public async ValueTask DisposeAsync()
    {
        await Backfill.StopAsync(CancellationToken.None);
        Backfill.Dispose();
        await Store.DisposeAsync();
    }

    /// <summary>The holidays as the service reads them: from src/ItaBot/appsettings.json.</summary>
    private static HashSet<DateOnly> LoadShippedHolidays()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Flex.FlexTemplatesTests.RepoFolder("src"), "ItaBot", "appsettings.json"))
            .Build();
        var options = new CaseOptions();
        configuration.GetSection(CaseOptions.Section).Bind(options);
        return [.. options.HolidayDates()];
    }
}

/// <summary>Writes a line per change into the same transaction, and can be told to fail.</summary>
internal sealed class RecordingObserver : ICaseObserver
{
    public bool Fail { get; set; }

    public void OnCaseChanged(IUnitOfWork work, CaseRecord? before, CaseRecord after, CaseEvent change)
    {
        work.LiteDb().GetCollection("observed").Insert(new BsonDocument
        {
            ["_id"] = ObjectId.NewObjectId(),
            ["CaseId"] = after.Id,
            ["Kind"] = change.Kind.ToString(),
            ["Version"] = after.Version,
            ["HadBefore"] = before is not null,
        });
        if (Fail)
        {
            throw new InvalidOperationException("observer failed");
        }
    }
}
