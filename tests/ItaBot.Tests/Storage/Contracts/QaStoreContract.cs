using ItaBot.QandA;
using ItaBot.Storage;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>
/// The Q&amp;A log and handovers, written once for every storage: log lines by time and outcome (the statistics and the
/// staff list of unanswered questions), threads, handovers by status and citizen, the staff answer committed with its
/// delivery or not at all, and the retention erasures.
/// </summary>
public abstract class QaStoreContract<TProvider> : ClockedStoreContract<TProvider> where TProvider : IStorageProvider, new()
{
    private DateTime? _t0;

    /// <summary>A minute after the test's clock started, whole milliseconds (what every store keeps); the clock only moves forward.</summary>
    private DateTime T0 => _t0 ??= Contract.Start(Clock);

    private IQaStore Qa => Get<IQaStore>();

    [Fact]
    public async Task LogWrite_LinesAtThreeTimes_ListLogOldestFirstInHalfOpenRange()
    {
        var first = await LogAt(T0, QaOutcome.Answered, "faq:birth", question: "แจ้งเกิดที่ไหน");
        await LogAt(T0.AddMinutes(1), QaOutcome.Unanswered, null, question: "ขอกล้องวงจรปิด");
        await LogAt(T0.AddMinutes(2), QaOutcome.HandedOver, null, question: "ขอกล้องวงจรปิด", thread: first);

        var all = Qa.ListLog(T0, T0.AddMinutes(3));
        var firstTwo = Qa.ListLog(T0, T0.AddMinutes(2));

        Assert.Equal([QaOutcome.Answered, QaOutcome.Unanswered, QaOutcome.HandedOver], all.Select(e => e.Outcome));
        Assert.Equal(2, firstTwo.Count);
        Assert.Empty(Qa.ListLog(T0.AddMinutes(3), T0.AddMinutes(4)));
        Assert.Equal(first, all[0].Id);
        Assert.Equal(T0, all[0].At);
        Assert.Equal("faq:birth", all[0].MatchedId);
        Assert.Null(all[0].Question);                     // answered: the text is not kept
        Assert.Equal("ขอกล้องวงจรปิด", all[1].Question);    // unanswered: kept for staff
        Assert.Null(all[0].Thread);
        Assert.Equal(first, all[2].Thread);
    }

    [Fact]
    public async Task LogWrite_SameInstant_OrderedById()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await LogAt(T0, QaOutcome.Answered, "faq:" + i));
        }

        Assert.Equal(ids, Qa.ListLog(T0, T0.AddSeconds(1)).Select(e => e.Id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public async Task LogWrite_ThreadIsItsOwnId_NoThreadStored()
    {
        var id = RecordId.New(Clock);
        await Writer.WriteAsync(Qa.LogWrite(QaOutcome.Offered, null, 0.4, "คำถาม", id, thread: id));

        var line = Assert.Single(Qa.ListLog(DateTime.MinValue, DateTime.MaxValue));
        Assert.Equal(id, line.Id);
        Assert.Null(line.Thread);
        Assert.Equal(0.4, line.Score, 3);
    }

    [Fact]
    public async Task CountOutcomes_LinesInAndOutOfRange_CountsThoseInRange()
    {
        await LogAt(T0, QaOutcome.Answered, "a");
        await LogAt(T0.AddHours(1), QaOutcome.Answered, "b");
        await LogAt(T0.AddHours(2), QaOutcome.Unanswered, null, "?");
        await LogAt(T0.AddHours(5), QaOutcome.Answered, "c");

        var counts = Qa.CountOutcomes(T0, T0.AddHours(3));

        Assert.Equal(2, counts[QaOutcome.Answered]);
        Assert.Equal(1, counts[QaOutcome.Unanswered]);
        Assert.False(counts.ContainsKey(QaOutcome.HandedOver));
    }

    [Fact]
    public async Task ListUnanswered_Mixed_NewestFirstOnlyUnansweredAndHandedOverSince()
    {
        await LogAt(T0, QaOutcome.Unanswered, null, "เก่า");
        await LogAt(T0.AddHours(1), QaOutcome.Answered, "faq:x", "ตอบได้");
        await LogAt(T0.AddHours(2), QaOutcome.HandedOver, null, "ส่งต่อ");
        await LogAt(T0.AddHours(3), QaOutcome.Unanswered, null, "ใหม่");

        Assert.Equal(["ใหม่", "ส่งต่อ", "เก่า"], Qa.ListUnanswered().Select(e => e.Question));
        Assert.Equal(["ใหม่", "ส่งต่อ"], Qa.ListUnanswered(since: T0.AddHours(2)).Select(e => e.Question));
        Assert.Equal(["ใหม่"], Qa.ListUnanswered(limit: 1).Select(e => e.Question));
    }

    [Fact]
    public async Task HandoverWrite_SameOpenQuestionTwice_StoredOnce()
    {
        await Writer.WriteAsync(Qa.HandoverWrite("ขอกล้องวงจรปิดได้ไหม", "U1", "U1"));
        await Writer.WriteAsync(Qa.HandoverWrite("ขอกล้องวงจรปิดได้ไหม", "U1", "U1"));
        await Writer.WriteAsync(Qa.HandoverWrite("ขอกล้องวงจรปิดได้ไหม", "U2", "U2"));

        Assert.Single(Qa.ListHandoversFor("U1"));
        Assert.Equal(2, Qa.ListOpenHandovers().Count);
    }

    [Fact]
    public async Task ListOpenHandovers_SomeAnswered_OpenOnesOldestFirst()
    {
        await HandoverAt(T0, "หนึ่ง", "U1");
        await HandoverAt(T0.AddMinutes(1), "สอง", "U2");
        await HandoverAt(T0.AddMinutes(2), "สาม", "U1");
        var two = Qa.ListOpenHandovers().Single(h => h.Question == "สอง");
        await Qa.AnswerHandoverAsync(two.Id, "คำตอบ", "สมศรี");

        Assert.Equal(["หนึ่ง", "สาม"], Qa.ListOpenHandovers().Select(h => h.Question));
        Assert.Equal(["หนึ่ง"], Qa.ListOpenHandovers(limit: 1).Select(h => h.Question));
        Assert.Equal(["หนึ่ง", "สาม"], Qa.ListHandoversFor("U1").Select(h => h.Question));
        Assert.Equal(HandoverStatus.Answered, Qa.FindHandover(two.Id)!.Status);
        Assert.Null(Qa.FindHandover("no-such-handover"));
    }

    [Fact]
    public async Task AnswerHandoverAsync_Twice_FirstRecordsAndPushesSecondIsNull()
    {
        await HandoverAt(T0, "ขอกล้องวงจรปิดได้ไหม", "U1");
        var id = Assert.Single(Qa.ListOpenHandovers()).Id;
        Clock.SetUtcNow(T0.AddHours(1));

        var push = await Qa.AnswerHandoverAsync(id, "  ยื่นคำร้องที่กองช่างได้ค่ะ  ", "สมศรี");
        var again = await Qa.AnswerHandoverAsync(id, "อีกครั้ง", "สมชาย");

        Assert.NotNull(push);
        Assert.Equal("U1", push.To);
        Assert.Equal(QaTexts.Push("ขอกล้องวงจรปิดได้ไหม", "ยื่นคำร้องที่กองช่างได้ค่ะ"), push.Text);
        Assert.Null(again);
        var answered = Qa.FindHandover(id)!;
        Assert.Equal("ยื่นคำร้องที่กองช่างได้ค่ะ", answered.StaffAnswer);
        Assert.Equal("สมศรี", answered.AnsweredBy);
        Assert.Equal(T0.AddHours(1), answered.AnsweredAt);
        Assert.Null(await Qa.AnswerHandoverAsync("no-such-handover", "x", "y"));
    }

    [Fact]
    public async Task AnswerHandoverAsync_AlsoWriteThrows_AnswerRolledBack()
    {
        await HandoverAt(T0, "คำถาม", "U1");
        var id = Assert.Single(Qa.ListOpenHandovers()).Id;

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Qa.AnswerHandoverAsync(id, "คำตอบ", "สมศรี", (_, _) => throw new InvalidOperationException("the delivery could not be queued")));

        Assert.Equal(HandoverStatus.Open, Qa.FindHandover(id)!.Status);
        Assert.NotNull(await Qa.AnswerHandoverAsync(id, "คำตอบ", "สมศรี"));
    }

    [Fact]
    public async Task CountAnsweredHandovers_CreatedRangeInclusive_AnsweredByCounts()
    {
        await HandoverAt(T0, "ก่อน", "U1");
        await HandoverAt(T0.AddDays(1), "ต้นช่วง", "U2");
        await HandoverAt(T0.AddDays(2), "ปลายช่วง", "U3");
        await HandoverAt(T0.AddDays(3), "ยังไม่ตอบ", "U4");
        Clock.SetUtcNow(T0.AddDays(4));
        foreach (var h in Qa.ListOpenHandovers().Where(h => h.Question != "ยังไม่ตอบ"))
        {
            await Qa.AnswerHandoverAsync(h.Id, "ตอบ", "สมศรี");
        }

        Assert.Equal(2, Qa.CountAnsweredHandovers(T0.AddDays(1), T0.AddDays(2), T0.AddDays(4)));
        Assert.Equal(0, Qa.CountAnsweredHandovers(T0.AddDays(1), T0.AddDays(2), T0.AddDays(4).AddSeconds(-1)));
        Assert.Equal(2, Qa.CountAnsweredHandovers(T0.AddDays(1), T0.AddDays(3), T0.AddDays(5)));
    }

    [Fact]
    public async Task EraseHandovers_OneCitizen_OnlyTheirAnsweredOnesLoseTheirText()
    {
        await HandoverAt(T0, "ตอบแล้ว", "U1");
        await HandoverAt(T0, "ยังเปิด", "U1");
        await HandoverAt(T0, "ของคนอื่น", "U2");
        foreach (var h in Qa.ListOpenHandovers().Where(h => h.Question != "ยังเปิด"))
        {
            await Qa.AnswerHandoverAsync(h.Id, "คำตอบ", "สมศรี");
        }

        var erased = await Writer.WriteAsync(work => Qa.EraseHandovers(work, "U1", null));

        Assert.Equal(1, erased);
        Assert.Equal(["ยังเปิด"], Qa.ListHandoversFor("U1").Select(h => h.Question));
        Assert.Equal(["ของคนอื่น"], Qa.ListHandoversFor("U2").Select(h => h.Question));
        Assert.Equal(0, await Writer.WriteAsync(work => Qa.EraseHandovers(work, "U1", null)));
    }

    [Fact]
    public async Task EraseHandovers_Retention_OnlyThoseAnsweredBeforeTheCut()
    {
        await HandoverAt(T0, "เก่า", "U1");
        await HandoverAt(T0, "ใหม่", "U2");
        Clock.SetUtcNow(T0.AddDays(1));
        await Qa.AnswerHandoverAsync(Qa.ListHandoversFor("U1").Single().Id, "ตอบ", "สมศรี");
        Clock.SetUtcNow(T0.AddDays(10));
        await Qa.AnswerHandoverAsync(Qa.ListHandoversFor("U2").Single().Id, "ตอบ", "สมศรี");

        var erased = await Writer.WriteAsync(work => Qa.EraseHandovers(work, null, T0.AddDays(5)));

        Assert.Equal(1, erased);
        Assert.Empty(Qa.ListHandoversFor("U1"));
        var kept = Assert.Single(Qa.ListHandoversFor("U2"));
        Assert.Equal("ใหม่", kept.Question);
    }

    [Fact]
    public async Task EraseLogText_Before_TextGoneOutcomeStays()
    {
        await LogAt(T0, QaOutcome.Unanswered, null, "เก่า");
        await LogAt(T0.AddDays(10), QaOutcome.HandedOver, null, "ใหม่");

        var erased = await Writer.WriteAsync(work => Qa.EraseLogText(work, T0.AddDays(5)));

        Assert.Equal(1, erased);
        var log = Qa.ListLog(DateTime.MinValue, DateTime.MaxValue);
        Assert.Equal([null, "ใหม่"], log.Select(e => e.Question));
        Assert.Equal([QaOutcome.Unanswered, QaOutcome.HandedOver], log.Select(e => e.Outcome));
        Assert.Equal((2, 0), Qa.Count());
    }

    private async Task<string> LogAt(DateTime at, QaOutcome outcome, string? matched, string? question = null, string? thread = null)
    {
        Clock.SetUtcNow(at);
        var id = RecordId.New(Clock);
        await Writer.WriteAsync(Qa.LogWrite(outcome, matched, 0.9, question, id, thread));
        return id;
    }

    private async Task HandoverAt(DateTime at, string question, string lineUserId)
    {
        Clock.SetUtcNow(at);
        await Writer.WriteAsync(Qa.HandoverWrite(question, lineUserId, lineUserId));
    }
}

public sealed class LiteDbQaStoreTests : QaStoreContract<LiteDbProvider>;

public sealed class PostgreSqlQaStoreTests : QaStoreContract<PostgreSqlProvider>;
