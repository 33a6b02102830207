using ItaBot.Cases;
using LiteDB;
using static ItaBot.Tests.Cases.CaseTestKit;

namespace ItaBot.Tests.Cases;

public sealed class CaseStoreTests : IAsyncLifetime
{
    private readonly RecordingObserver _observer = new();
    private CaseTestKit _kit = null!;

    public ValueTask InitializeAsync()
    {
        _kit = new CaseTestKit(Bangkok(2025, 6, 20, 19, 30), observers: _observer);   // a Friday evening
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _kit.DisposeAsync();

    private int Observed(string caseId) =>
        _kit.Store.Database.GetCollection("observed").Count(Query.EQ("CaseId", caseId));

    [Fact]
    public async Task CreateAsync_FridayEvening_DeadlinesFromTheCategoryAndOneTimelineEntry()
    {
        var created = await _kit.Cases.CreateAsync(Walk("street-light", "  ไฟดับ  ", CaseChannel.Phone), "staff-1");

        var stored = _kit.Cases.Get(created.Id)!;
        Assert.Equal(created, stored, CaseComparer.Instance);
        Assert.Equal("ไฟดับ", stored.Description);
        Assert.Equal("engineering", stored.Department);
        Assert.Equal(CaseChannel.Phone, stored.Channel);
        Assert.Equal(CaseStatus.Received, stored.Status);
        Assert.Equal(Bangkok(2025, 6, 23, 23, 59).AddSeconds(59).UtcDateTime, stored.AcknowledgeBy);   // Monday
        Assert.Equal(Bangkok(2025, 6, 27, 23, 59).AddSeconds(59).UtcDateTime, stored.AnswerBy);        // street-light: 7 days
        Assert.Equal(1, stored.Version);
        var entry = Assert.Single(stored.Timeline);
        Assert.Equal((CaseEventKind.Created, "staff-1", CaseStatus.Received), (entry.Kind, entry.Actor, entry.To!.Value));
        Assert.Equal(1, Observed(created.Id));
    }

    [Fact]
    public async Task Prepare_UnknownCategory_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => _kit.Cases.CreateAsync(Walk("no-such-category"), "staff-1"));

    [Fact]
    public async Task AssignAsync_ReceivedCase_BecomesAssignedAcknowledgedVersionTwo()
    {
        var c = await _kit.CreateAsync();
        _kit.Time.Advance(TimeSpan.FromHours(2));

        var result = await _kit.Cases.AssignAsync(c.Id, c.Version, "officer-7", "head-1", "ด่วน");

        Assert.Equal(CaseChangeOutcome.Changed, result.Outcome);
        var after = _kit.Cases.Get(c.Id)!;
        Assert.Equal((CaseStatus.Assigned, "officer-7", 2), (after.Status, after.AssigneeId, after.Version));
        Assert.Equal(_kit.Time.GetUtcNow().UtcDateTime, after.AcknowledgedAt);
        var entry = after.Timeline[^1];
        Assert.Equal((CaseEventKind.Assigned, "head-1", CaseStatus.Received, CaseStatus.Assigned, "ด่วน"),
            (entry.Kind, entry.Actor, entry.From, entry.To, entry.Note));
        Assert.Equal(2, Observed(c.Id));
    }

    [Fact]
    public async Task ChangeStatusAsync_StaleVersion_ConflictAndNothingOverwritten()
    {
        var c = await _kit.CreateAsync();
        var first = await _kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.InProgress, "officer-1", null);

        var second = await _kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.Rejected, "officer-2", "ซ้ำ");

        Assert.True(first.Changed);
        Assert.Equal(CaseChangeOutcome.Conflict, second.Outcome);
        Assert.Equal(2, second.Case!.Version);
        var stored = _kit.Cases.Get(c.Id)!;
        Assert.Equal((CaseStatus.InProgress, 2, 2), (stored.Status, stored.Version, stored.Timeline.Count));
        Assert.Equal(2, Observed(c.Id));
    }

    [Fact]
    public async Task ChangeStatusAsync_ConcurrentStaffOnOneCase_ExactlyOneWins()
    {
        var c = await _kit.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _kit.Cases.AddInternalNoteAsync(c.Id, c.Version, $"note {i}", $"officer-{i}")));

        Assert.Single(results, r => r.Changed);
        Assert.Equal(19, results.Count(r => r.Outcome == CaseChangeOutcome.Conflict));
        Assert.Equal(2, _kit.Cases.Get(c.Id)!.Version);
    }

    [Theory]
    [InlineData("Rejected")]
    [InlineData("Referred")]
    public async Task ChangeStatusAsync_RejectedOrReferredWithoutNote_Invalid(string status)
    {
        var to = Enum.Parse<CaseStatus>(status);
        var c = await _kit.CreateAsync();

        var result = await _kit.Cases.ChangeStatusAsync(c.Id, c.Version, to, "officer-1", "   ");

        Assert.Equal(CaseChangeOutcome.Invalid, result.Outcome);
        Assert.False(string.IsNullOrEmpty(result.Error));
        Assert.Equal(1, _kit.Cases.Get(c.Id)!.Version);
        Assert.Equal(1, Observed(c.Id));
    }

    [Fact]
    public async Task ChangeStatusAsync_Rejected_ClosedWithReasonAndClosedAt()
    {
        var c = await _kit.CreateAsync();
        _kit.Time.Advance(TimeSpan.FromDays(1));

        var result = await _kit.Cases.ChangeStatusAsync(c.Id, 1, CaseStatus.Rejected, "officer-1", "อยู่นอกเขตเทศบาล");

        var after = result.Case!;
        Assert.Equal(CaseStatus.Rejected, after.Status);
        Assert.Equal("closed", after.Status.Open311());
        Assert.Equal(_kit.Time.GetUtcNow().UtcDateTime, after.ClosedAt);
        Assert.Equal(after.ClosedAt, after.AcknowledgedAt);
        Assert.Equal("อยู่นอกเขตเทศบาล", after.Timeline[^1].Note);
    }

    [Fact]
    public async Task ChangeStatusAsync_ClosedCase_CannotMoveAgain()
    {
        var c = await _kit.CreateAsync();
        var done = await _kit.Cases.ChangeStatusAsync(c.Id, 1, CaseStatus.Completed, "officer-1", null);

        var reopen = await _kit.Cases.ChangeStatusAsync(c.Id, done.Case!.Version, CaseStatus.InProgress, "officer-1", null);
        var assign = await _kit.Cases.AssignAsync(c.Id, done.Case!.Version, "officer-2", "head-1");

        Assert.Equal(CaseChangeOutcome.Invalid, reopen.Outcome);
        Assert.Equal(CaseChangeOutcome.Invalid, assign.Outcome);
    }

    [Fact]
    public async Task ChangeStatusAsync_UnknownId_NotFound() =>
        Assert.Equal(CaseChangeOutcome.NotFound, (await _kit.Cases.ChangeStatusAsync("nope", 1, CaseStatus.Completed, "o", null)).Outcome);

    [Fact]
    public async Task AnswerAndNote_AreTimelineEntriesThatAcknowledgeOnlyOnce()
    {
        var c = await _kit.CreateAsync();
        var answered = await _kit.Cases.AnswerCitizenAsync(c.Id, 1, "ช่างจะเข้าไปดูพรุ่งนี้ค่ะ", "officer-1");
        _kit.Time.Advance(TimeSpan.FromHours(3));
        var noted = await _kit.Cases.AddInternalNoteAsync(c.Id, 2, "ต้องใช้รถกระเช้า", "officer-1");

        var after = noted.Case!;
        Assert.Equal(answered.Case!.AcknowledgedAt, after.AcknowledgedAt);
        Assert.Equal([CaseEventKind.Created, CaseEventKind.AnswerToCitizen, CaseEventKind.InternalNote], after.Timeline.Select(e => e.Kind));
        Assert.Equal(CaseStatus.Received, after.Status);
        Assert.Equal(3, after.Version);
    }

    [Fact]
    public async Task CitizenFollowUp_IsNotAStaffAction()
    {
        var c = await _kit.CreateAsync(channel: CaseChannel.Line, lineUser: "Ucitizen");

        var result = await _kit.Cases.AddCitizenFollowUpAsync(c.Id, 1, "Ucitizen", "ตอนนี้หลุมใหญ่ขึ้นแล้วค่ะ");

        Assert.True(result.Changed);
        Assert.Null(result.Case!.AcknowledgedAt);
        Assert.Equal((CaseEventKind.CitizenFollowUp, CaseService.CitizenActor), (result.Case.Timeline[^1].Kind, result.Case.Timeline[^1].Actor));
    }

    [Fact]
    public async Task CitizenFollowUp_SomeoneElsesCase_Refused()
    {
        var c = await _kit.CreateAsync(channel: CaseChannel.Line, lineUser: "Ucitizen");

        var result = await _kit.Cases.AddCitizenFollowUpAsync(c.Id, 1, "Uother", "แทรก");

        Assert.Equal(CaseChangeOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task RateAsync_OnlyWhenClosedOnceAndOneToFive()
    {
        var c = await _kit.CreateAsync(channel: CaseChannel.Line, lineUser: "Ucitizen");
        Assert.Equal(CaseChangeOutcome.Invalid, (await _kit.Cases.RateAsync(c.Id, 1, "Ucitizen", 5, null)).Outcome);
        var done = (await _kit.Cases.ChangeStatusAsync(c.Id, 1, CaseStatus.Completed, "officer-1", null)).Case!;

        Assert.Equal(CaseChangeOutcome.Invalid, (await _kit.Cases.RateAsync(c.Id, done.Version, "Ucitizen", 0, null)).Outcome);
        Assert.Equal(CaseChangeOutcome.Invalid, (await _kit.Cases.RateAsync(c.Id, done.Version, "Ucitizen", 6, null)).Outcome);
        var rated = await _kit.Cases.RateAsync(c.Id, done.Version, "Ucitizen", 4, "ขอบคุณค่ะ");
        var again = await _kit.Cases.RateAsync(c.Id, rated.Case!.Version, "Ucitizen", 1, null);

        Assert.True(rated.Changed);
        Assert.Equal((4, "ขอบคุณค่ะ"), (rated.Case.Rating!.Score, rated.Case.Rating.Comment));
        Assert.Equal(CaseChangeOutcome.Invalid, again.Outcome);
        Assert.Equal(4, _kit.Cases.Get(c.Id)!.Rating!.Score);
    }

    [Fact]
    public async Task RateWrite_InATurnWithAStaleVersion_ThrowsSoTheTurnRollsBack()
    {
        var c = await _kit.CreateAsync(channel: CaseChannel.Line, lineUser: "Ucitizen");
        var done = (await _kit.Cases.ChangeStatusAsync(c.Id, 1, CaseStatus.Completed, "officer-1", null)).Case!;

        var ex = await Assert.ThrowsAsync<CaseChangeException>(() =>
            _kit.Store.Writer.WriteAsync(_kit.Cases.RateWrite(c.Id, done.Version - 1, "Ucitizen", 5, null)));

        Assert.Equal(CaseChangeOutcome.Conflict, ex.Result.Outcome);
        Assert.Null(_kit.Cases.Get(c.Id)!.Rating);
    }

    [Fact]
    public async Task Observer_Throws_TheChangeIsRolledBackWithIt()
    {
        var c = await _kit.CreateAsync();
        _observer.Fail = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _kit.Cases.ChangeStatusAsync(c.Id, 1, CaseStatus.InProgress, "officer-1", null));

        Assert.Equal((CaseStatus.Received, 1), (_kit.Cases.Get(c.Id)!.Status, _kit.Cases.Get(c.Id)!.Version));
        Assert.Equal(1, Observed(c.Id));
    }

    [Fact]
    public async Task ListForCitizen_OnlyTheirCasesNewestFirst()
    {
        var first = await _kit.CreateAsync(channel: CaseChannel.Line, lineUser: "Ua");
        _kit.Time.Advance(TimeSpan.FromMinutes(5));
        await _kit.CreateAsync(channel: CaseChannel.Line, lineUser: "Ub");
        _kit.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await _kit.CreateAsync(channel: CaseChannel.Line, lineUser: "Ua");

        Assert.Equal([second.Id, first.Id], _kit.Cases.ListForCitizen("Ua").Select(c => c.Id));
    }
}
