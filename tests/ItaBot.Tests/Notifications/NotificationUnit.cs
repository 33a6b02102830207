using Hangfire;
using Hangfire.InMemory;
using ItaBot.Cases;
using ItaBot.Notifications;
using ItaBot.Notifications.LiteDb;
using ItaBot.Staff.LiteDb;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Notifications;

/// <summary>
/// The notification jobs without a host: a real LiteDB file in a temp directory, a real Hangfire client over in-memory
/// storage with no server (jobs are enqueued and counted, never run), and time from a <see cref="FakeTimeProvider"/>.
/// </summary>
internal sealed class NotificationUnit : IAsyncDisposable
{
    private readonly InMemoryStorage _hangfire = new(new InMemoryStorageOptions());

    public NotificationUnit(DateTimeOffset now, NotificationOptions? options = null)
    {
        Time = new FakeTimeProvider(now);
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new NotificationOptions());
        Store = TestStores.Messaging(new StorageOptions { DataDirectory = TempDirectory.Create() });
        Notifications = new LiteDbNotificationStore(Store);
        Cases = CaseFixtures.CaseStore(Store);
        Staff = new StaffDirectory(new LiteDbStaffStore(Store));
        Dispatcher = new NotificationDispatcher(Store.Writer, Notifications, new BackgroundJobClient(_hangfire), NullLogger<NotificationDispatcher>.Instance);
    }

    public FakeTimeProvider Time { get; }

    public IOptions<NotificationOptions> Options { get; }

    public MessagingStore Store { get; }

    public INotificationStore Notifications { get; }

    public ICaseStore Cases { get; }

    public StaffDirectory Staff { get; }

    public NotificationDispatcher Dispatcher { get; }

    public long Enqueued => _hangfire.GetMonitoringApi().EnqueuedCount("default");

    public DeadlineScan Scan() => new(Cases, Staff, Notifications, Dispatcher, Options, Time, NullLogger<DeadlineScan>.Instance);

    public DailyDigest Digest() => new(Cases, Staff, Notifications, Dispatcher, Time, NullLogger<DailyDigest>.Instance);

    public CaseNotifications Observer() => new(Notifications, Staff, Dispatcher, Options, Time);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _hangfire.Dispose();
    }
}
