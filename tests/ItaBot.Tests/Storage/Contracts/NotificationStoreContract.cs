using ItaBot.Notifications;
using ItaBot.Storage;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>What every <see cref="INotificationStore"/> must do (the outbox of LINE pushes), whatever keeps the data.</summary>
public abstract class NotificationStoreContract<TProvider> : StoreContract<TProvider>
    where TProvider : IStorageProvider, new()
{
    // Far in the future: the service's own sweep never finds these due while a test looks at them.
    private static readonly DateTime Later = new(2070, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private INotificationStore Notifications => Get<INotificationStore>();

    private static Notification New(string id, string? caseId = null, DateTime? due = null) => new()
    {
        Id = id, Kind = "contract", CaseId = caseId, To = "Ustaff", MessagesJson = """[{"type":"text","text":"ทดสอบ"}]""",
        CreatedAt = new DateTime(2025, 6, 2, 3, 0, 0, 250, DateTimeKind.Utc), NextAttemptAt = due ?? Later,
    };

    [Fact]
    public async Task AddIfAbsent_SameIdTwice_StoredOnceAndTheStoredOneLeftAlone()
    {
        var first = await Writer.WriteAsync(work => Notifications.AddIfAbsent(work, New("n-once")));
        await Notifications.MarkSentAsync("n-once", 200, Later);
        var second = await Writer.WriteAsync(work => Notifications.AddIfAbsent(work, New("n-once") with { To = "Uother" }));

        Assert.Equal((true, false), (first, second));
        var stored = Notifications.Find("n-once")!;
        Assert.Equal((NotificationState.Sent, "Ustaff", 1), (stored.State, stored.To, stored.Attempts));
        Assert.Null(Notifications.Find("n-none"));
    }

    [Fact]
    public async Task AddAsync_ReturnsOnlyTheIdsAdded_EveryFieldReadsBack()
    {
        await Notifications.AddAsync([New("a-1")]);

        var added = await Notifications.AddAsync([New("a-1"), New("a-2", caseId: "case-1")]);

        Assert.Equal(["a-2"], added);
        Assert.Equal(New("a-2", caseId: "case-1"), Notifications.Find("a-2"));
    }

    [Fact]
    public async Task States_PendingFailedSentParked_DueOnlyWhileWaiting()
    {
        var now = new DateTime(2025, 6, 2, 3, 0, 0, DateTimeKind.Utc);
        await Notifications.AddAsync([New("s-1", due: now.AddMinutes(-3)), New("s-2", due: now.AddMinutes(-5)), New("s-3", due: now.AddMinutes(-1)), New("s-4", due: now.AddMinutes(10))]);

        Assert.Equal(["s-2", "s-1", "s-3"], Notifications.DueIds(now, 10));
        Assert.Equal(["s-2", "s-1"], Notifications.DueIds(now, 2));

        await Notifications.MarkFailedAsync("s-2", 500, "server error", now.AddMinutes(1), park: false);
        await Notifications.MarkSentAsync("s-1", 200, now);
        await Notifications.MarkFailedAsync("s-3", 403, "blocked", now, park: true);

        var failed = Notifications.Find("s-2")!;
        Assert.Equal((NotificationState.Failed, 1, 500, "server error", now.AddMinutes(1)), (failed.State, failed.Attempts, failed.LastStatus, failed.LastError, failed.NextAttemptAt));
        var sent = Notifications.Find("s-1")!;
        Assert.Equal((NotificationState.Sent, 1, 200, now, null), (sent.State, sent.Attempts, sent.LastStatus, sent.SentAt, sent.Via));
        Assert.Equal(NotificationState.Parked, Notifications.Find("s-3")!.State);
        Assert.Empty(Notifications.DueIds(now, 10));
        Assert.Equal(["s-2"], Notifications.DueIds(now.AddMinutes(2), 10));
        Assert.Equal(["s-2", "s-4"], Notifications.DueIds(now.AddMinutes(20), 10));
    }

    [Fact]
    public async Task MarkDelivered_OnlyWhileWaiting()
    {
        var at = new DateTime(2025, 6, 2, 4, 0, 0, DateTimeKind.Utc);
        await Notifications.AddAsync([New("d-pending"), New("d-failed"), New("d-sent")]);
        await Notifications.MarkFailedAsync("d-failed", 0, "no answer", Later, park: false);
        await Notifications.MarkSentAsync("d-sent", 200, at);

        var results = await Writer.WriteAsync(work => (
            Notifications.MarkDelivered(work, "d-pending", "reply", at),
            Notifications.MarkDelivered(work, "d-failed", "reply", at),
            Notifications.MarkDelivered(work, "d-sent", "reply", at),
            Notifications.MarkDelivered(work, "d-none", "reply", at)));

        Assert.Equal((true, true, false, false), results);
        var delivered = Notifications.Find("d-failed")!;
        Assert.Equal((NotificationState.Sent, 2, 200, at, "reply"), (delivered.State, delivered.Attempts, delivered.LastStatus, delivered.SentAt, delivered.Via));
        Assert.Null(Notifications.Find("d-sent")!.Via);
    }

    [Fact]
    public async Task ListForCaseAndCountByState()
    {
        var before = Notifications.CountByState();
        await Notifications.AddAsync([New("c-2", caseId: "case-x"), New("c-1", caseId: "case-x"), New("c-3", caseId: "case-y"), New("c-4")]);
        await Notifications.MarkSentAsync("c-3", 200, Later);

        Assert.Equal(["c-1", "c-2"], Notifications.ListForCase("case-x").Select(n => n.Id));
        Assert.Empty(Notifications.ListForCase("case-none"));
        var counts = Notifications.CountByState();
        Assert.Equal(before[NotificationState.Pending] + 3, counts[NotificationState.Pending]);
        Assert.Equal(before[NotificationState.Sent] + 1, counts[NotificationState.Sent]);
        Assert.Equal(Enum.GetValues<NotificationState>(), counts.Keys.Order());
    }

    [Fact]
    public async Task DeleteSentBefore_OnlySentOnesSentBefore()
    {
        var cut = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await Notifications.AddAsync([New("r-old"), New("r-new"), New("r-waiting"), New("r-parked")]);
        await Notifications.MarkSentAsync("r-old", 200, cut.AddDays(-1));
        await Notifications.MarkSentAsync("r-new", 200, cut.AddDays(1));
        await Notifications.MarkFailedAsync("r-parked", 400, "bad", cut.AddDays(-5), park: true);

        var deleted = await Writer.WriteAsync(work => Notifications.DeleteSentBefore(work, cut));

        Assert.Equal(1, deleted);
        Assert.Null(Notifications.Find("r-old"));
        Assert.All(["r-new", "r-waiting", "r-parked"], id => Assert.NotNull(Notifications.Find(id)));
    }

    [Fact]
    public async Task AddIfAbsent_InAUnitOfWorkThatFails_RolledBack()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer.WriteAsync(work =>
        {
            Notifications.AddIfAbsent(work, New("x-1"));
            throw new InvalidOperationException("the change fails after its notification");
        }));

        Assert.Null(Notifications.Find("x-1"));
    }
}

/// <summary>The notification store contract on LiteDB.</summary>
public sealed class LiteDbNotificationStoreTests : NotificationStoreContract<LiteDbProvider>;

/// <summary>The notification store contract on PostgreSQL.</summary>
public sealed class PostgreSqlNotificationStoreTests : NotificationStoreContract<PostgreSqlProvider>;
