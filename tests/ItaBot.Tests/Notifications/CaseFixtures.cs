using System.Security.Cryptography;
using ItaBot.Cases;
using ItaBot.Cases.LiteDb;
using ItaBot.Notifications;
using ItaBot.Notifications.LiteDb;
using ItaBot.Staff.LiteDb;
using Microsoft.Extensions.Logging.Abstractions;
using ItaBot.Staff;
using ItaBot.Storage;
using LiteDB;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Notifications;

/// <summary>Cases and staff as the case and staff stores will keep them, written through the store's one writer.</summary>
internal static class CaseFixtures
{
    public static string LineId() => "U" + RandomNumberGenerator.GetHexString(32, lowercase: true);

    public static StaffAccount StaffMember(string id, string? department, bool linked = true, bool head = false, bool disabled = false,
        StaffRole role = StaffRole.CaseOfficer) => new()
        {
            Id = id,
            UserName = id,
            DisplayName = "เจ้าหน้าที่ " + id,
            Role = role,
            Department = department,
            IsDepartmentHead = head,
            PasswordHash = "x",
            LineUserId = linked ? LineId() : null,
            Disabled = disabled,
        };

    public static CaseRecord Case(string id, string department, DateTime createdAt, string? citizen = null) => new()
    {
        Id = id,
        Number = "ร69-" + id[^5..],
        FiscalYear = 2569,
        Sequence = 1,
        CategoryId = "street-light",
        Department = department,
        Channel = CaseChannel.Line,
        Description = "ไฟถนนหน้าโรงเรียนดับมาสามวันแล้ว <script>alert(1)</script>",
        CitizenLineUserId = citizen,
        Status = CaseStatus.Received,
        CreatedAt = createdAt,
        AcknowledgeBy = createdAt.AddDays(1),
        AnswerBy = createdAt.AddDays(15),
        Version = 1,
        Timeline = [new CaseEvent(createdAt, CaseEventKind.Created, "citizen", null, CaseStatus.Received, null)],
    };

    public static CaseEvent Event(CaseEventKind kind, DateTime at, CaseStatus? from = null, CaseStatus? to = null, string? note = null) =>
        new(at, kind, "staff-1", from, to, note);

    /// <summary>The next version of a case with one more timeline entry, as the case store would write it.</summary>
    public static CaseRecord Next(CaseRecord c, CaseEvent change, Func<CaseRecord, CaseRecord>? edit = null)
    {
        var next = c with { Version = c.Version + 1, Timeline = [.. c.Timeline, change] };
        return edit is null ? next : edit(next);
    }

    public static Task AddStaffAsync(MessagingStore store, params StaffAccount[] staff) =>
        store.Writer.WriteAsync(db => db.LiteDb().GetCollection<StaffAccount>(LiteDbStaffStore.StaffCollection).Upsert(staff));

    /// <summary>A case change as the case store makes it: the case and the observers' writes in one store write.</summary>
    public static Task ChangeAsync(MessagingStore store, IEnumerable<ICaseObserver> observers, CaseRecord? before, CaseRecord after, CaseEvent change,
        bool failAfterObservers = false) =>
        store.Writer.WriteAsync(db =>
        {
            var cases = CaseStore(store);
            if (cases.Find(db, after.Id) is null)
            {
                cases.Insert(db, after);
            }
            else
            {
                cases.Update(db, after);
            }

            foreach (var observer in observers)
            {
                observer.OnCaseChanged(db, before, after, change);
            }

            if (failAfterObservers)
            {
                throw new InvalidOperationException("the case write fails after the observers ran");
            }
        });

    public static List<Notification> AllNotifications(MessagingStore store) =>
        [.. store.Database.GetCollection(LiteDbNotificationStore.CollectionName).FindAll().Select(NotificationDocuments.FromBson)];

    public static Notification? FindNotification(MessagingStore store, string id) => new LiteDbNotificationStore(store).Find(id);

    public static BsonDocument? RawCase(MessagingStore store, string id) => store.Database.GetCollection(LiteDbCaseStore.CollectionName).FindById(id);

    /// <summary>The LiteDB case store over <paramref name="store"/> (its backfill never runs: these files start with facts).</summary>
    public static ICaseStore CaseStore(MessagingStore store) => new LiteDbCaseStore(store, new CaseFactsBackfill(store, NullLogger<CaseFactsBackfill>.Instance));
}
