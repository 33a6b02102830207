using ItaBot.Conversations;
using ItaBot.Line.Webhook;
using ItaBot.Webhook;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>
/// The inbox and the outbox together: de-duplication by webhookEventId (also after a restart), arrival order, the turn's
/// commit (event done + answer queued + the turn's own writes, all or nothing), redaction, the send lifecycle, retention.
/// </summary>
public abstract class InboxOutboxContract<TProvider> : StoreContract<TProvider>
    where TProvider : IStorageProvider, new()
{
    private protected IInboxStore Inbox => Get<IInboxStore>();

    private protected IOutboxStore Outbox => Get<IOutboxStore>();

    private DateTime Now => Get<TimeProvider>().GetUtcNow().UtcDateTime;

    /// <summary>An event in the conversation (lane) of <paramref name="user"/>, by default a conversation of its own.</summary>
    private protected static RawWebhookEvent Raw(string id, string? user = null) =>
        new(id, "message", "active", 1, user ?? "U" + id, user ?? "U" + id, "token" + id, false, $$"""{"webhookEventId":"{{id}}"}""");

    private protected OutboxEntry Answer(string eventId, string? id = null, string? user = null) => new()
    {
        Id = id ?? ItaBot.Storage.RecordId.New(), EventId = eventId, LaneKey = user ?? "U" + eventId, To = user ?? "U" + eventId, ReplyToken = "token" + eventId,
        MessagesJson = """[{"type":"text","text":"ตอบแล้วค่ะ"}]""", RetryKey = Guid.NewGuid(), CreatedAt = Now,
    };

    [Fact]
    public async Task Append_DuplicatesInOneBodyAndAcrossCalls_AreStoredOnce_InArrivalOrder()
    {
        var first = await Inbox.AppendAsync("bot", [Raw("A"), Raw("B"), Raw("A")]);
        var second = await Inbox.AppendAsync("bot", [Raw("B"), Raw("C")]);

        Assert.Equal(["A", "B"], first.Select(e => e.Id));
        Assert.Equal(["C"], second.Select(e => e.Id));
        Assert.Equal(["A", "B", "C"], Inbox.Pending().Select(e => e.Id));
        Assert.True(Inbox.Find("A")!.Seq < Inbox.Find("B")!.Seq && Inbox.Find("B")!.Seq < Inbox.Find("C")!.Seq);
        var stored = Inbox.Find("A")!;
        Assert.Equal("bot", stored.Tenant);
        Assert.Equal("UA", stored.UserId);
        Assert.Equal("tokenA", stored.ReplyToken);
        Assert.Equal(InboxState.Pending, stored.State);
    }

    [Fact]
    public async Task Append_ConcurrentRequestsWithTheSameIds_StoreEachEventOnce()
    {
        var appends = Enumerable.Range(0, 8).Select(_ => Inbox.AppendAsync("bot", [Raw("X"), Raw("Y"), Raw("Z")])).ToList();

        var added = (await Task.WhenAll(appends)).SelectMany(a => a).Select(e => e.Id).Order(StringComparer.Ordinal);

        Assert.Equal(["X", "Y", "Z"], added);
        Assert.Equal(3, Inbox.Count(InboxState.Pending));
    }

    [Fact]
    public async Task Append_AfterARestart_TheSameIdsAreStillDuplicates_AndNewOnesComeAfter()
    {
        var first = await Inbox.AppendAsync("bot", [Raw("A"), Raw("B")]);

        await RestartAsync();
        var second = await Inbox.AppendAsync("bot", [Raw("B"), Raw("C")]);

        Assert.Equal(["C"], second.Select(e => e.Id));
        Assert.True(second[0].Seq > first[1].Seq);
        Assert.Equal(3, Inbox.Count(InboxState.Pending));
    }

    [Fact]
    public async Task Counts_FollowEveryOutcome_AndAgreeWithTheStoreAfterARestart()
    {
        await Inbox.AppendAsync("bot", [Raw("A"), Raw("B"), Raw("C"), Raw("D"), Raw("E")]);

        await Outbox.CompleteTurnAsync("A", null);
        await Outbox.CompleteTurnAsync("B", Answer("B"));
        await Inbox.RecordFailureAsync("C", 1, "TimeoutException: once", park: false);
        await Inbox.RecordFailureAsync("D", 5, "TimeoutException: five times", park: true);

        Assert.Equal(2, Inbox.Count(InboxState.Pending));
        Assert.Equal(Inbox.CountStored(InboxState.Pending), Inbox.Count(InboxState.Pending));
        Assert.Equal(2, Inbox.Count(InboxState.Done));
        Assert.Equal(1, Inbox.Count(InboxState.Parked));
        Assert.Equal(1, Inbox.Find("C")!.Attempts);
        Assert.Equal("TimeoutException: five times", Inbox.Find("D")!.Error);
        Assert.Equal(["C", "E"], Inbox.Pending().Select(e => e.Id));
        Assert.Equal(1, Inbox.Pending()[0].Attempts);

        await RestartAsync();

        Assert.Equal(2, Inbox.Count(InboxState.Pending));
        Assert.Equal(Inbox.CountStored(InboxState.Pending), Inbox.Count(InboxState.Pending));
        Assert.Equal(["C", "E"], Inbox.Pending().Select(e => e.Id));
    }

    /// <summary>
    /// An event whose earlier attempt failed already has an outcome record; one without has none (LiteDB inserts that
    /// record instead of upserting it, knowing which is which from its own bookkeeping, rebuilt at start and after a
    /// rolled back commit). Both kinds finish, before and after a restart, and after a commit that rolled back.
    /// </summary>
    [Fact]
    public async Task CompleteTurn_OfEventsWithAndWithoutAFailedAttempt_AcrossARestartAndARollback_FinishesEachOnce()
    {
        await Inbox.AppendAsync("bot", [Raw("A"), Raw("B"), Raw("C"), Raw("D"), Raw("E")]);
        await Inbox.RecordFailureAsync("A", 1, "TimeoutException: once", park: false);
        await Outbox.CompleteTurnAsync("B", Answer("B"));
        await Inbox.RecordFailureAsync("A", 2, "TimeoutException: twice", park: false);

        await RestartAsync();

        await Inbox.RecordFailureAsync("C", 1, "TimeoutException: once", park: false);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Outbox.CompleteTurnAsync("D", Answer("D"), _ => throw new InvalidOperationException("the turn's own write failed")));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Outbox.CompleteTurnAsync("C", Answer("C"), _ => throw new InvalidOperationException("the turn's own write failed")));
        await Outbox.CompleteTurnAsync("A", Answer("A"));
        await Outbox.CompleteTurnAsync("C", Answer("C"));
        await Outbox.CompleteTurnAsync("D", Answer("D"));
        await Outbox.CompleteTurnAsync("E", null);

        foreach (var id in new[] { "A", "B", "C", "D", "E" })
        {
            Assert.Equal(InboxState.Done, Inbox.Find(id)!.State);
            Assert.NotNull(Inbox.Find(id)!.HandledAt);
        }

        Assert.Equal(0, Inbox.Count(InboxState.Pending));
        Assert.Equal(5, Inbox.Count(InboxState.Done));
        Assert.Equal(0, Inbox.CountStored(InboxState.Pending));
        Assert.Equal(4, Outbox.Pending().Count);
        await RestartAsync();
        Assert.Empty(Inbox.Pending());
    }

    [Fact]
    public async Task CompleteTurn_CommitsTheEventsCompletionTheAnswerAndTheTurnsWrites_Together()
    {
        await Inbox.AppendAsync("bot", [Raw("A")]);
        var answer = Answer("A");
        var states = Get<IConversationStateStore>();
        await states.SaveAsync("UA", new ItaBot.Dialogs.State.ConversationState(), 0);

        await Outbox.CompleteTurnAsync("A", answer, states.TakeStagedWrite("UA"));

        Assert.Equal(InboxState.Done, Inbox.Find("A")!.State);
        Assert.NotNull(Inbox.Find("A")!.HandledAt);
        Assert.Equal(answer.MessagesJson, Outbox.Find(answer.Id)!.MessagesJson);
        Assert.Equal(answer.RetryKey, Outbox.Find(answer.Id)!.RetryKey);
        Assert.Equal(1, states.VersionOf("UA"));
    }

    [Fact]
    public async Task CompleteTurn_WhoseWritesFail_CommitsNothing_AndTheEventStaysPending()
    {
        await Inbox.AppendAsync("bot", [Raw("A")]);
        var answer = Answer("A");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Outbox.CompleteTurnAsync("A", answer, _ => throw new InvalidOperationException("the turn's own write failed")));

        Assert.Null(Outbox.Find(answer.Id));
        Assert.Equal(InboxState.Pending, Inbox.Find("A")!.State);
        Assert.Equal(1, Inbox.Count(InboxState.Pending));
        Assert.Equal(Inbox.CountStored(InboxState.Pending), Inbox.Count(InboxState.Pending));
    }

    [Fact]
    public async Task PendingInLane_GivesALanesWaitingEventsAndSendsInOrder_AndPendingLanesTheOldestLanesFirst()
    {
        await Inbox.AppendAsync("bot", [Raw("A1", "UX"), Raw("B1", "UY"), Raw("A2", "UX"), Raw("A3", "UX"), Raw("C1", "UZ")]);
        var a1 = Answer("A1", user: "UX");
        await Outbox.CompleteTurnAsync("A1", a1);

        Assert.Equal(["A2", "A3"], Inbox.PendingInLane("UX", 0, 10).Select(e => e.Id));
        var a2 = Inbox.PendingInLane("UX", 0, 1).Single();
        Assert.Equal(["A3"], Inbox.PendingInLane("UX", a2.Seq, 10).Select(e => e.Id));
        Assert.Empty(Inbox.PendingInLane("UW", 0, 10));
        Assert.Equal(["UY", "UX", "UZ"], Inbox.PendingLanes(10));
        Assert.Equal(["UY", "UX"], Inbox.PendingLanes(2));     // the two oldest pending events: B1, A2
        Assert.Equal([a1.Id], Outbox.PendingInLane("UX").Select(e => e.Id));
        Assert.Equal(["UX"], Outbox.PendingLanes(10));

        await Outbox.MarkSentAsync(a1, "reply");

        Assert.Empty(Outbox.PendingInLane("UX"));
        Assert.Empty(Outbox.PendingLanes(10));
    }

    [Fact]
    public async Task Redact_RemovesWhoAndWhat_KeepsTheId_SoARedeliveryIsStillADuplicate()
    {
        await Inbox.AppendAsync("bot", [Raw("P"), Raw("Q")]);

        await Outbox.CompleteTurnAsync("P", null, work => Inbox.Redact(work, "P"));

        var redacted = Inbox.Find("P")!;
        Assert.Null(redacted.UserId);
        Assert.Null(redacted.ConversationId);
        Assert.Null(redacted.ReplyToken);
        Assert.Null(redacted.Tenant);
        Assert.DoesNotContain("webhookEventId", redacted.Json, StringComparison.Ordinal);
        Assert.Equal(InboxEntry.RedactedLane, redacted.LaneKey);
        Assert.True(await Writer.WriteAsync(work => Inbox.IsRedacted(work, "P")));
        Assert.False(await Writer.WriteAsync(work => Inbox.IsRedacted(work, "Q")));
        Assert.Empty(await Inbox.AppendAsync("bot", [Raw("P")]));
    }

    [Fact]
    public async Task Outbox_SentAndParked_LeavePending_OldestFirst()
    {
        await Inbox.AppendAsync("bot", [Raw("A"), Raw("B"), Raw("C")]);
        var a = Answer("A");
        var b = Answer("B");
        var c = Answer("C");
        await Outbox.CompleteTurnAsync("A", a);
        await Outbox.CompleteTurnAsync("B", b);
        await Outbox.CompleteTurnAsync("C", c);
        Assert.Equal([a.Id, b.Id, c.Id], Outbox.Pending().Select(e => e.Id));

        await Outbox.MarkSentAsync(b, "reply");
        a.Attempts = 3;
        await Outbox.MarkParkedAsync(a, "LineApiException: 400");

        Assert.Equal([c.Id], Outbox.Pending().Select(e => e.Id));
        var sent = Outbox.Find(b.Id)!;
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Equal("reply", sent.Via);
        Assert.NotNull(sent.SentAt);
        Assert.Equal("[]", sent.MessagesJson);       // a sent answer keeps only its facts
        var parked = Outbox.Find(a.Id)!;
        Assert.Equal(OutboxState.Parked, parked.State);
        Assert.Equal(3, parked.Attempts);
        Assert.Equal("LineApiException: 400", parked.Error);
        Assert.Equal(a.MessagesJson, parked.MessagesJson);  // kept for a person to see
        Assert.Equal(1, Outbox.Count(OutboxState.Pending));
        Assert.Equal(1, Outbox.Count(OutboxState.Sent));
        Assert.Equal(1, Outbox.Count(OutboxState.Parked));
    }

    /// <summary>
    /// The counts /healthz reads (pending and parked, of events and of answers) follow every outcome, ignore a commit that
    /// rolled back, and are the same after a restart (LiteDB keeps them in memory, rebuilt from the file at start).
    /// </summary>
    [Fact]
    public async Task PendingAndParkedCounts_IgnoreARolledBackCommit_AndAreTheSameAfterARestart()
    {
        await Inbox.AppendAsync("bot", [Raw("A"), Raw("B"), Raw("C"), Raw("D"), Raw("E")]);
        var a = Answer("A");
        var b = Answer("B");
        await Outbox.CompleteTurnAsync("A", a);
        await Outbox.CompleteTurnAsync("B", b);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Outbox.CompleteTurnAsync("C", Answer("C"), _ => throw new InvalidOperationException("the turn's own write failed")));
        await Inbox.RecordFailureAsync("D", 5, "TimeoutException: five times", park: true);
        await Inbox.RecordFailureAsync("E", 1, "TimeoutException: once", park: false);
        a.Attempts = 3;
        await Outbox.MarkParkedAsync(a, "LineApiException: 400");

        void AssertCounts()
        {
            Assert.Equal(2, Inbox.Count(InboxState.Pending));            // C (its commit rolled back) and E (one failed attempt)
            Assert.Equal(1, Inbox.Count(InboxState.Parked));
            Assert.Equal(Inbox.CountStored(InboxState.Parked), Inbox.Count(InboxState.Parked));
            Assert.Equal(2, Inbox.Count(InboxState.Done));
            Assert.Equal(1, Outbox.Count(OutboxState.Pending));
            Assert.Equal(1, Outbox.Count(OutboxState.Parked));
            Assert.Equal(0, Outbox.Count(OutboxState.Sent));
        }

        AssertCounts();
        await RestartAsync();
        AssertCounts();

        await Outbox.MarkSentAsync(Outbox.Find(b.Id)!, "reply");
        Assert.Equal(0, Outbox.Count(OutboxState.Pending));
        Assert.Equal(1, Outbox.Count(OutboxState.Sent));
    }

    /// <summary>A Q&amp;A card's answer (several KB of JSON; LiteDB stores it compressed) reads back exactly, also after a restart.</summary>
    [Fact]
    public async Task Outbox_ALongAnswer_ReadsBackAsItWasQueued_AlsoAfterARestart_AndWhenParked()
    {
        await Inbox.AppendAsync("bot", [Raw("L1"), Raw("L2")]);
        var card = string.Join(",", Enumerable.Range(0, 60).Select(i => $$"""{"type":"text","text":"› คำถามที่เกี่ยวข้อง {{i}} เทศบาลตำบลโนนทอง","size":"sm","wrap":true}"""));
        var json = $$$"""[{"type":"flex","altText":"ถาม-ตอบ","contents":{"type":"box","layout":"vertical","contents":[{{{card}}}]}}]""";
        OutboxEntry Entry(string eventId, string messages) => new()
        {
            Id = ItaBot.Storage.RecordId.New(), EventId = eventId, LaneKey = "U" + eventId, To = "U" + eventId, ReplyToken = "token" + eventId,
            MessagesJson = messages, RetryKey = Guid.NewGuid(), CreatedAt = Now, EventRedacted = false,
        };
        var general = Entry("L1", json);
        var other = Entry("L2", json + " ");
        await Outbox.CompleteTurnAsync("L1", general);
        await Outbox.CompleteTurnAsync("L2", other);
        Assert.Equal(json, Outbox.Find(general.Id)!.MessagesJson);

        await RestartAsync();
        Assert.Equal([json, json + " "], Outbox.Pending().Select(e => e.MessagesJson));
        other.Attempts = 3;
        await Outbox.MarkParkedAsync(other, "LineApiException: 400");
        Assert.Equal(json + " ", Outbox.Find(other.Id)!.MessagesJson);     // kept for a person to see, as queued
        await Outbox.MarkSentAsync(Outbox.Find(general.Id)!, "reply");
        Assert.Equal("[]", Outbox.Find(general.Id)!.MessagesJson);
    }

    [Fact]
    public async Task Outbox_AnswerToARedactedEvent_KeepsNoTraceWhenSentOrParked()
    {
        await Inbox.AppendAsync("bot", [Raw("P1"), Raw("P2")]);
        var sentAnswer = Answer("P1");
        var parkedAnswer = Answer("P2");
        await Outbox.CompleteTurnAsync("P1", sentAnswer, work => Inbox.Redact(work, "P1"));
        await Outbox.CompleteTurnAsync("P2", parkedAnswer, work => Inbox.Redact(work, "P2"));

        await Outbox.MarkSentAsync(sentAnswer, "reply");
        await Outbox.MarkParkedAsync(parkedAnswer, "LineApiException: 400");

        Assert.Equal(InboxEntry.RedactedLane, Outbox.Find(sentAnswer.Id)!.LaneKey);
        var parked = Outbox.Find(parkedAnswer.Id)!;
        Assert.Equal(InboxEntry.RedactedLane, parked.LaneKey);
        Assert.Null(parked.To);
        Assert.Null(parked.ReplyToken);
        Assert.Equal("[]", parked.MessagesJson);
    }

    [Fact]
    public async Task Retention_DeletesOnlyHandledEventsAndSentAnswersOlderThanTheCutoff()
    {
        await Inbox.AppendAsync("bot", [Raw("A"), Raw("B"), Raw("C")]);
        var a = Answer("A");
        var c = Answer("C");
        await Outbox.CompleteTurnAsync("A", a);
        await Outbox.CompleteTurnAsync("C", c);
        await Outbox.MarkSentAsync(a, "reply");
        await Inbox.RecordFailureAsync("B", 5, "parked", park: true);

        Assert.Equal(0, await Inbox.PurgeHandledAsync(Now.AddMinutes(-1)));
        Assert.Equal(0, await Outbox.PurgeSentAsync(Now.AddMinutes(-1)));
        Assert.Equal(2, await Inbox.PurgeHandledAsync(Now.AddMinutes(1)));     // A and C; the parked B stays
        Assert.Equal(1, await Outbox.PurgeSentAsync(Now.AddMinutes(1)));       // a; the pending c stays

        Assert.Null(Inbox.Find("A"));
        Assert.NotNull(Inbox.Find("B"));
        Assert.Null(Outbox.Find(a.Id));
        Assert.NotNull(Outbox.Find(c.Id));
    }
}

public sealed class LiteDbInboxOutboxTests : InboxOutboxContract<LiteDbProvider>;

public sealed class PostgreSqlInboxOutboxTests : InboxOutboxContract<PostgreSqlProvider>
{
    /// <summary>Several nodes: a node that lost its lane's lease mid-turn must not commit an event another node handled.</summary>
    [Fact]
    public async Task CompleteTurn_OfAnEventAlreadyHandled_FailsAndQueuesNoSecondAnswer()
    {
        await Inbox.AppendAsync("bot", [Raw("A")]);
        var first = Answer("A");
        await Outbox.CompleteTurnAsync("A", first);

        await Assert.ThrowsAsync<TurnAlreadyHandledException>(() => Outbox.CompleteTurnAsync("A", Answer("A")));
        await Inbox.RecordFailureAsync("A", 1, "StateConflictException: lost the lane", park: false);

        Assert.Equal([first.Id], Outbox.Pending().Select(e => e.Id));
        Assert.Equal(InboxState.Done, Inbox.Find("A")!.State);
    }
}
