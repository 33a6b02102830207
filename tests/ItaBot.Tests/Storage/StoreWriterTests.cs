using ItaBot.Conversations;
using ItaBot.Line.Webhook;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Webhook;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Storage;

public sealed class StoreWriterTests : IAsyncLifetime
{
    private readonly string _directory = TempDirectory.Create();
    private MessagingStore _store = null!;

    public ValueTask InitializeAsync()
    {
        _store = Open();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _store.DisposeAsync();

    private MessagingStore Open() =>
        TestStores.Messaging(new StorageOptions { DataDirectory = _directory });

    [Fact]
    public async Task DisposeAsync_Twice_TheSecondDoesNothing()
    {
        await using var store = TestStores.Messaging(new StorageOptions { DataDirectory = TempDirectory.Create() });
        await store.Writer.WriteAsync(db => db.LiteDb().GetCollection("t").Insert(new BsonDocument { ["_id"] = 1 }));

        await store.Writer.DisposeAsync();
        await store.Writer.DisposeAsync();
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentWriters_ShareCommitsAndAllLand()
    {
        var writes = Enumerable.Range(0, 500).Select(i => _store.Writer.WriteAsync(db => db.LiteDb().GetCollection("t").Insert(new BsonDocument { ["_id"] = i })));

        await Task.WhenAll(writes);

        Assert.Equal(500, _store.Database.GetCollection("t").Count());
        Assert.True(_store.Writer.Batches < 500, $"{_store.Writer.Batches} commits for 500 writes");
    }

    [Fact]
    public async Task Gathering_AcknowledgementsInAStream_ShareOneCommit_TheFirstIsNotHeld()
    {
        var gather = TimeSpan.FromSeconds(2);
        await using var store = TestStores.Messaging(new StorageOptions { DataDirectory = TempDirectory.Create(), GatherAcknowledgements = gather });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // After a quiet spell (here: none before) an acknowledgement commits at once.
        await store.Writer.WriteAsync(db => db.LiteDb().GetCollection("t").Insert(new BsonDocument { ["_id"] = 0 }), priority: true);
        Assert.True(watch.Elapsed < gather / 2, $"the first acknowledgement took {watch.Elapsed}");

        // Right after it, a stream 20 ms apart: the next commit waits for more acknowledgements and takes them all at
        // once (committing at once, each would have had its own commit).
        var before = store.Writer.Batches;
        var stream = new List<Task>();
        for (var i = 1; i < 10; i++)
        {
            var id = i;
            stream.Add(store.Writer.WriteAsync(db => db.LiteDb().GetCollection("t").Insert(new BsonDocument { ["_id"] = id }), priority: true));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await Task.WhenAll(stream);

        Assert.Equal(1, store.Writer.Batches - before);
        Assert.Equal(10, store.Database.GetCollection("t").Count());
    }

    [Fact]
    public async Task Gathering_Off_EveryLoneAcknowledgementCommitsAtOnce()
    {
        await using var store = TestStores.Messaging(new StorageOptions { DataDirectory = TempDirectory.Create(), GatherAcknowledgements = TimeSpan.Zero });

        for (var i = 0; i < 5; i++)
        {
            await store.Writer.WriteAsync(db => db.LiteDb().GetCollection("t").Insert(new BsonDocument { ["_id"] = i }), priority: true);
        }

        Assert.Equal(5, store.Writer.Batches);
    }

    [Fact]
    public async Task TurnsWrites_OneAfterAnother_EachCommitsAtOnce()
    {
        // Turns' writes are never held for more to share a commit (session 16's GatherTurns read 513/s against 607–633/s
        // without it in the lead's flood and was removed in session 17).
        await using var store = TestStores.Messaging(new StorageOptions { DataDirectory = TempDirectory.Create() });

        for (var i = 0; i < 5; i++)
        {
            await store.Writer.WriteAsync(db => db.LiteDb().GetCollection("t").Insert(new BsonDocument { ["_id"] = i }));
        }

        Assert.Equal(5, store.Writer.Batches);
    }

    [Fact]
    public async Task WriteAsync_OneWriteThrowsInABatch_FailsAloneAndTheOthersCommitOnce()
    {
        var rolledBack = 0;
        var (blocker, gate) = await HoldWriterAsync();
        var good = Enumerable.Range(0, 10).Select(i => _store.Writer.WriteAsync(
            db => db.LiteDb().GetCollection("t").Insert(new BsonDocument { ["_id"] = i }),
            onRollback: () => Interlocked.Increment(ref rolledBack))).ToList();
        var bad = _store.Writer.WriteAsync<int>(_ => throw new InvalidOperationException("bad write"));
        gate.SetResult();

        await blocker;
        await Task.WhenAll(good);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(10, _store.Database.GetCollection("t").Count());
        Assert.Equal(10, rolledBack);
    }

    [Fact]
    public async Task Inbox_SameIdsAfterReopen_AreStillRecognisedAsDuplicates()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        var first = await inbox.AppendAsync("U1", [Raw("A"), Raw("B"), Raw("A")]);
        await _store.DisposeAsync();
        _store = Open();
        var reopened = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);

        var second = await reopened.AppendAsync("U1", [Raw("B"), Raw("C")]);

        Assert.Equal(["A", "B"], first.Select(e => e.Id));
        Assert.Equal(["C"], second.Select(e => e.Id));
        Assert.True(second[0].Seq > first[1].Seq);
        Assert.Equal(3, reopened.Count(InboxState.Pending));
    }

    [Fact]
    public async Task InboxDeduplication_MoreEventsThanItRemembers_StaysBoundedAndStillRefusesRedeliveries()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System, remembered: 4);
        for (var i = 0; i < 10; i++)
        {
            await inbox.AppendAsync("U1", [Raw("E" + i, timestamp: 1000 + i)]);
        }

        // E0..E5 are no longer in memory; their redeliveries (same id, same timestamp) are found in the file.
        var redelivered = await inbox.AppendAsync("U1", [Raw("E0", timestamp: 1000), Raw("E5", timestamp: 1005), Raw("E9", timestamp: 1009), Raw("N", timestamp: 1003)]);

        Assert.True(inbox.Remembered <= 4, $"remembered {inbox.Remembered}");
        Assert.Equal(["N"], redelivered.Select(e => e.Id));
        Assert.Equal(11, inbox.Count(InboxState.Pending));
    }

    [Fact]
    public async Task InboxDeduplication_AfterReopenWithALongInbox_RemembersOnlyTheMostRecentAndRefusesOlderRedeliveries()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            await inbox.AppendAsync("U1", [Raw("E" + i, timestamp: 1000 + i)]);
        }

        await _store.DisposeAsync();
        _store = Open();
        var reopened = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System, remembered: 3);
        var added = await reopened.AppendAsync("U1", [Raw("E1", timestamp: 1001), Raw("E8", timestamp: 1008), Raw("F", timestamp: 2000)]);

        Assert.Equal(3, reopened.Remembered);
        Assert.Equal(["F"], added.Select(e => e.Id));
    }

    [Fact]
    public async Task Inbox_BatchRolledBackByAnotherWrite_StillStoresItsEventsWhenRetriedAlone()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        var (blocker, gate) = await HoldWriterAsync();
        var append = inbox.AppendAsync("U1", [Raw("X")]);
        var bad = _store.Writer.WriteAsync<int>(_ => throw new InvalidOperationException("bad write"));
        gate.SetResult();

        await blocker;
        var added = await append;
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);

        Assert.Equal("X", Assert.Single(added).Id);
        Assert.NotNull(inbox.Find("X"));
    }

    /// <summary>Keeps the writer busy inside a batch, so that the writes queued next share one batch.</summary>
    [Fact]
    public async Task InboxPendingCount_FollowsAppendsDuplicatesOutcomesAndRestart_AndAgreesWithTheStore()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        var outbox = new ItaBot.Conversations.LiteDb.LiteDbOutboxStore(_store, inbox, TimeProvider.System);
        await inbox.AppendAsync("U1", [Raw("A"), Raw("B"), Raw("C"), Raw("D"), Raw("A")]);
        await inbox.AppendAsync("U1", [Raw("B"), Raw("E")]);
        Assert.Equal(5, inbox.Count(InboxState.Pending));

        await outbox.CompleteTurnAsync("A", null);
        await outbox.CompleteTurnAsync("B", Answer("B"));
        await inbox.RecordFailureAsync("C", 1, "TimeoutException: once", park: false);
        await inbox.RecordFailureAsync("D", 5, "TimeoutException: five times", park: true);

        Assert.Equal(2, inbox.Count(InboxState.Pending));
        Assert.Equal(inbox.CountStored(InboxState.Pending), inbox.Count(InboxState.Pending));
        Assert.Equal(1, inbox.Count(InboxState.Parked));
        Assert.Equal(2, inbox.Count(InboxState.Done));

        await inbox.PurgeHandledAsync(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1));
        Assert.Equal(2, inbox.Count(InboxState.Pending));

        await _store.DisposeAsync();
        _store = Open();
        var reopened = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        Assert.Equal(2, reopened.Count(InboxState.Pending));
        Assert.Equal(reopened.CountStored(InboxState.Pending), reopened.Count(InboxState.Pending));
    }

    /// <summary>
    /// A general-channel answer of 1 KB or more is stored compressed (a Q&amp;A card's ~7.8 KB of JSON spanned two data
    /// pages); a protected-channel answer, or one whose channel the turn did not say, stays plain text for the vault's
    /// file scans; a short one stays as it is.
    /// </summary>
    [Fact]
    public async Task OutboxAnswer_LongGeneralOnesAreStoredCompressed_ProtectedAndShortOnesAsTheyAre()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        var outbox = new ItaBot.Conversations.LiteDb.LiteDbOutboxStore(_store, inbox, TimeProvider.System);
        await inbox.AppendAsync("U1", [Raw("G"), Raw("P"), Raw("N"), Raw("S")]);
        var json = "[" + string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""{"type":"text","text":"เทศบาลตำบลโนนทองเปิดให้บริการ {{i}} ค่ะ"}""")) + "]";
        OutboxEntry Entry(string eventId, string messages, bool? redacted) => new()
        {
            Id = RecordId.New(), EventId = eventId, LaneKey = "U1", To = "U1", ReplyToken = "t" + eventId, MessagesJson = messages,
            RetryKey = Guid.NewGuid(), CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime, EventRedacted = redacted,
        };
        var general = Entry("G", json, false);
        var protectedAnswer = Entry("P", json, true);
        var unknown = Entry("N", json, null);
        var shortOne = Entry("S", """[{"type":"text","text":"ค่ะ"}]""", false);
        foreach (var entry in new[] { general, protectedAnswer, unknown, shortOne })
        {
            await outbox.CompleteTurnAsync(entry.EventId!, entry);
        }

        var stored = _store.Database.GetCollection(ItaBot.Conversations.LiteDb.LiteDbOutboxStore.CollectionName);
        var compressed = stored.FindById(general.Id)["Messages"];
        Assert.True(compressed.IsBinary);
        Assert.True(compressed.AsBinary.Length * 3 < System.Text.Encoding.UTF8.GetByteCount(json), $"{compressed.AsBinary.Length} bytes stored");
        Assert.Equal(json, stored.FindById(protectedAnswer.Id)["Messages"].AsString);
        Assert.Equal(json, stored.FindById(unknown.Id)["Messages"].AsString);
        Assert.Equal(shortOne.MessagesJson, stored.FindById(shortOne.Id)["Messages"].AsString);
        Assert.Equal(json, outbox.Find(general.Id)!.MessagesJson);
    }

    [Fact]
    public async Task InboxPendingCount_TurnCommitThatFails_LeavesTheEventPending()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        var outbox = new ItaBot.Conversations.LiteDb.LiteDbOutboxStore(_store, inbox, TimeProvider.System);
        await inbox.AppendAsync("U1", [Raw("A"), Raw("B")]);
        await outbox.CompleteTurnAsync("A", Answer("A"));

        // The answer's id is taken: the insert fails after the event was marked handled, and the whole write rolls back.
        await Assert.ThrowsAsync<LiteException>(() => outbox.CompleteTurnAsync("B", Answer("A")));

        Assert.Equal(1, inbox.Count(InboxState.Pending));
        Assert.Equal(InboxState.Pending, inbox.Find("B")!.State);
        Assert.Equal(inbox.CountStored(InboxState.Pending), inbox.Count(InboxState.Pending));
    }

    [Fact]
    public async Task InboxPendingCount_BatchRolledBackByAnotherWrite_CountsEachEventOnceAfterTheRetries()
    {
        var inbox = new ItaBot.Webhook.LiteDb.LiteDbInboxStore(_store, TimeProvider.System);
        var outbox = new ItaBot.Conversations.LiteDb.LiteDbOutboxStore(_store, inbox, TimeProvider.System);
        await inbox.AppendAsync("U1", [Raw("A")]);
        var (blocker, gate) = await HoldWriterAsync();
        var append = inbox.AppendAsync("U1", [Raw("X"), Raw("Y")]);
        var done = outbox.CompleteTurnAsync("A", null);
        var park = inbox.RecordFailureAsync("X", 5, "TimeoutException: five times", park: true);
        var bad = _store.Writer.WriteAsync<int>(_ => throw new InvalidOperationException("bad write"));
        gate.SetResult();

        await blocker;
        await append;
        await done;
        await park;
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);

        Assert.Equal(1, inbox.Count(InboxState.Pending));
        Assert.Equal(inbox.CountStored(InboxState.Pending), inbox.Count(InboxState.Pending));
    }

    private async Task<(Task Blocker, TaskCompletionSource Gate)> HoldWriterAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource();
        var blocker = _store.Writer.WriteAsync(_ =>
        {
            started.SetResult();
            gate.Task.Wait();
        });
        await started.Task;
        return (blocker, gate);
    }

    private static OutboxEntry Answer(string id) =>
        new() { Id = "answer-" + id, EventId = id, LaneKey = "U" + id, MessagesJson = "[]", CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime };

    private static RawWebhookEvent Raw(string id, long timestamp = 1) =>
        new(id, "message", "active", timestamp, "U" + id, "U" + id, "token" + id, false, $$"""{"webhookEventId":"{{id}}"}""");
}
