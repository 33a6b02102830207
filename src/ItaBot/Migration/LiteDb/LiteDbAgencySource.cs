using ItaBot.Cases;
using ItaBot.Cases.LiteDb;
using ItaBot.Conversations;
using ItaBot.Conversations.LiteDb;
using ItaBot.Media;
using ItaBot.Notifications;
using ItaBot.Notifications.LiteDb;
using ItaBot.Privacy;
using ItaBot.Privacy.LiteDb;
using ItaBot.QandA;
using ItaBot.QandA.LiteDb;
using ItaBot.Reports;
using ItaBot.Reports.LiteDb;
using ItaBot.Staff;
using ItaBot.Staff.LiteDb;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using ItaBot.Webhook;
using ItaBot.Webhook.LiteDb;
using Microsoft.Extensions.Options;

namespace ItaBot.Migration.LiteDb;

/// <summary>
/// One agency's LiteDB data directory, read for <c>migrate --from-litedb</c>: its messaging.db opened with every slice's
/// schema, the slices' own LiteDB stores on it, and its photos folder. The directory must not be in use by a running service
/// (the file is claimed as the service claims it).
/// </summary>
internal sealed class LiteDbAgencySource : IAsyncDisposable
{
    private readonly MessagingStore _store;

    private LiteDbAgencySource(MessagingStore store, IOptions<StorageOptions> options, TimeProvider time, ILoggerFactory logs)
    {
        _store = store;
        Cases = new LiteDbCaseStore(store, new CaseFactsBackfill(store, logs.CreateLogger<CaseFactsBackfill>()));
        Photos = new DiskPhotoStore(options, time);
        Staff = new LiteDbStaffStore(store);
        Notifications = new LiteDbNotificationStore(store);
        Qa = new LiteDbQaStore(store, time);
        Snapshots = new LiteDbReportSnapshotStore(store, logs.CreateLogger<LiteDbReportSnapshotStore>());
        Visits = new LiteDbServiceVisitStore(store, time);
        Privacy = new LiteDbPrivacyStore(store);
        Conversations = new LiteDbConversationStateStore(store, time);
        Inbox = new LiteDbInboxStore(store, time);
        Outbox = new LiteDbOutboxStore(store, Inbox, time);
        // A deleted conversation leaves a tombstone (its version, no state): not a conversation under way.
        Stores = new AgencyStores(Cases, Staff, Notifications, Qa, Snapshots, Visits, Privacy, Conversations,
            () => ConversationKeys().Count(key => Conversations.ReadJson(key) is not null));
    }

    public AgencyStores Stores { get; }

    public ICaseStore Cases { get; }

    public IPhotoStore Photos { get; }

    public IStaffStore Staff { get; }

    public INotificationStore Notifications { get; }

    public IQaStore Qa { get; }

    public IReportSnapshotStore Snapshots { get; }

    public IServiceVisitStore Visits { get; }

    public IPrivacyStore Privacy { get; }

    public IConversationStateStore Conversations { get; }

    public IInboxStore Inbox { get; }

    public IOutboxStore Outbox { get; }

    /// <summary>Opens <paramref name="directory"/>/messaging.db; null when there is none.</summary>
    public static LiteDbAgencySource? Open(string directory, TimeProvider time, ILoggerFactory logs)
    {
        if (!File.Exists(Path.Combine(directory, MessagingStore.FileName)))
        {
            return null;
        }

        var options = Options.Create(new StorageOptions { DataDirectory = directory });
        // Every slice's schema, as the service opens the file (each collection created before anything reads).
        ILiteDbSchema[] schemas =
        [
            new WebhookLiteDbSchema(), new ConversationsLiteDbSchema(), new CasesLiteDbSchema(), new StaffLiteDbSchema(),
            new NotificationsLiteDbSchema(), new QandALiteDbSchema(), new ReportsLiteDbSchema(), new PrivacyLiteDbSchema(),
        ];
        var store = new MessagingStore(options, schemas, logs.CreateLogger<MessagingStore>());
        return new LiteDbAgencySource(store, options, time, logs);
    }

    /// <summary>Every case document, in filing order.</summary>
    public IEnumerable<CaseRecord> AllCases() =>
        _store.Database.GetCollection(LiteDbCaseStore.CollectionName).FindAll().Select(CaseDocuments.FromBson).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal);

    /// <summary>The fiscal years that have a case-number counter.</summary>
    public IReadOnlyList<int> CounterYears() =>
        [.. AllCases().Select(c => c.FiscalYear).Distinct().Order()];

    public IReadOnlyList<Notification> AllNotifications() =>
        [.. _store.Database.GetCollection(LiteDbNotificationStore.CollectionName).FindAll().Select(NotificationDocuments.FromBson).OrderBy(n => n.CreatedAt)];

    public IReadOnlyList<Handover> AllHandovers() =>
        [.. _store.Database.GetCollection(LiteDbQaStore.HandoverCollection).FindAll().Select(LiteDbQaStore.ToHandover).OrderBy(h => h.CreatedAt)];

    public IReadOnlyList<string> ConversationKeys() =>
        [.. _store.Database.GetCollection(LiteDbConversationStateStore.CollectionName).FindAll().Select(d => d["_id"].AsString)];

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
