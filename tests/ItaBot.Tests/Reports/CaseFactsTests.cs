using ItaBot.Cases;
using ItaBot.Cases.LiteDb;
using ItaBot.Tests.Cases;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using static ItaBot.Tests.Cases.CaseTestKit;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using ItaBot.Seed;

namespace ItaBot.Tests.Reports;

/// <summary>The facts of every case agree with the case, however it was stored or changed.</summary>
public sealed class CaseFactsTests : IAsyncLifetime
{
    private readonly RecordingObserver _observer = new();
    private CaseTestKit _kit = null!;

    public ValueTask InitializeAsync()
    {
        _kit = new CaseTestKit(Bangkok(2025, 9, 29, 15, 0), observers: _observer);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _kit.DisposeAsync();

    private ILiteCollection<BsonDocument> Facts => _kit.Store.Database.GetCollection(CaseFactDocuments.CollectionName);

    private List<CaseRecord> AllCases() => _kit.AllCases();

    private void AssertFactsAgree()
    {
        var cases = AllCases();
        Assert.Equal(cases.Count, Facts.Count());
        foreach (var c in cases)
        {
            var fact = _kit.CaseStore.FindFacts(c);
            Assert.NotNull(fact);
            Assert.Equal(CaseFacts.From(c), fact);
            // And in the terms the statistics use, read from the case itself:
            Assert.Equal(c.Status, fact.StatusAt(DateTime.MaxValue));
            Assert.Equal((c.Number, c.CreatedAt, c.CategoryId, c.Department, c.Channel), (fact.Number, fact.CreatedAt, fact.CategoryId, fact.Department, fact.Channel));
            Assert.Equal((c.AcknowledgeBy, c.AcknowledgedAt, c.AnswerBy, c.ClosedAt), (fact.AcknowledgeBy, fact.AcknowledgedAt, fact.AnswerBy, fact.ClosedAt));
            Assert.Equal((c.Rating?.Score, c.Rating?.At), (fact.RatingScore, fact.RatedAt));
            Assert.Equal(
                c.Timeline.Where(e => e.To is not null && e.To != e.From).Select(e => (e.At, e.To!.Value)),
                fact.Statuses.Select(s => (s.At, s.Status)));
        }
    }

    [Fact]
    public async Task EveryChange_FactsAgreeWithTheCaseAfterEachStep()
    {
        var line = await _kit.Cases.CreateAsync(Walk("garbage", "ขยะไม่เก็บ", CaseChannel.Line, "Ucitizen1"), CaseService.CitizenActor);
        var walkIn = await _kit.CreateAsync("road");
        var phone = await _kit.CreateAsync("street-light", CaseChannel.Phone);
        var draft = _kit.Cases.Prepare(Walk("trees", "กิ่งไม้", CaseChannel.Line, "Ucitizen2"), CaseService.CitizenActor);
        await _kit.Store.Writer.WriteAsync(draft.Write);   // a dialog turn's write
        AssertFactsAgree();

        async Task<CaseRecord> Step(Func<CaseRecord, Task<CaseChangeResult>> change, CaseRecord c)
        {
            _kit.Time.Advance(TimeSpan.FromHours(7));     // crosses into 1 October (FY 2569) on the way
            var result = await change(_kit.Cases.Get(c.Id)!);
            Assert.True(result.Changed, result.Error);
            AssertFactsAgree();
            return result.Case!;
        }

        await Step(c => _kit.Cases.AddCitizenFollowUpAsync(c.Id, c.Version, "Ucitizen1", "ยังไม่มาเก็บค่ะ"), line);
        await Step(c => _kit.Cases.AddInternalNoteAsync(c.Id, c.Version, "รับทราบ", "officer-1"), line);
        await Step(c => _kit.Cases.AssignAsync(c.Id, c.Version, "officer-1", "head-1"), line);
        await Step(c => _kit.Cases.AssignAsync(c.Id, c.Version, "officer-2", "head-1"), line);      // reassigned: no status change
        await Step(c => _kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.InProgress, "officer-2", null), line);
        await Step(c => _kit.Cases.AnswerCitizenAsync(c.Id, c.Version, "จะเข้าเก็บพรุ่งนี้ค่ะ", "officer-2"), line);
        await Step(c => _kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.Completed, "officer-2", null), line);
        await Step(c => _kit.Cases.RateAsync(c.Id, c.Version, "Ucitizen1", 4, null), line);
        var rated = _kit.Cases.Get(line.Id)!;
        await _kit.Store.Writer.WriteAsync(_kit.Cases.RatingCommentWrite(rated.Id, rated.Version, "Ucitizen1", "ขอบคุณค่ะ"));
        AssertFactsAgree();
        await Step(c => _kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.Rejected, "officer-1", "ซ้ำกับเรื่องเดิม"), walkIn);
        await Step(c => _kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.Referred, "officer-1", "การไฟฟ้า"), phone);
        var trees = _kit.Cases.Get(draft.Case.Id)!;
        await _kit.Store.Writer.WriteAsync(_kit.Cases.CitizenFollowUpWrite(trees.Id, trees.Version, "Ucitizen2", "เพิ่มเติมค่ะ"));
        AssertFactsAgree();

        var closedLine = _kit.CaseStore.FindFacts(_kit.Cases.Get(line.Id)!)!;
        Assert.Equal(
            [CaseStatus.Received, CaseStatus.Assigned, CaseStatus.InProgress, CaseStatus.Completed],
            closedLine.Statuses.Select(s => s.Status));
        Assert.True(closedLine.AnsweredAt < closedLine.ClosedAt);
        Assert.Equal(CaseStatus.Assigned, closedLine.StatusAt(closedLine.Statuses[2].At.AddMilliseconds(-1)));
        Assert.Equal(CaseStatus.InProgress, closedLine.StatusAt(closedLine.Statuses[2].At));
        Assert.Null(closedLine.StatusAt(closedLine.CreatedAt.AddMilliseconds(-1)));
        var rejected = _kit.CaseStore.FindFacts(_kit.Cases.Get(walkIn.Id)!)!;
        Assert.Equal(rejected.ClosedAt, rejected.AnsweredAt);     // closing tells the citizen: it counts as the answer
    }

    [Fact]
    public async Task ImportAndSeed_FactsForEveryCase()
    {
        var seed = new SeedCommand(_kit.Cases, _kit.Content, _kit.Calendar, _kit.Time);
        using var output = new StringWriter();
        Assert.Equal(0, await seed.RunAsync(["--cases", "300", "--fiscal-years", "2567-2568"], output, CancellationToken.None));

        AssertFactsAgree();
        Assert.Equal(300, Facts.Count());
    }

    [Fact]
    public async Task FailedWrite_NeitherCaseNorFacts()
    {
        var c = await _kit.CreateAsync();
        _observer.Fail = true;

        await Assert.ThrowsAnyAsync<Exception>(() => _kit.CreateAsync("garbage"));
        await Assert.ThrowsAnyAsync<Exception>(() => _kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.InProgress, "officer-1", null));

        _observer.Fail = false;
        AssertFactsAgree();
        Assert.Equal(1, Facts.Count());
        Assert.Equal(CaseStatus.Received, _kit.CaseStore.FindFacts(c)!.StatusAt(DateTime.MaxValue));
    }

    [Fact]
    public async Task Backfill_FileWrittenBeforeFacts_GivesEveryCaseItsFactsOnceAndMarksIt()
    {
        var seed = new SeedCommand(_kit.Cases, _kit.Content, _kit.Calendar, _kit.Time);
        Assert.Equal(0, await seed.RunAsync(["--cases", "1200", "--fiscal-years", "2568"], TextWriter.Null, CancellationToken.None));
        // What an older ItaBot left: cases, no facts, no marker.
        await _kit.Store.Writer.WriteAsync(db =>
        {
            db.LiteDb().GetCollection(CaseFactDocuments.CollectionName).DeleteAll();
            db.LiteDb().GetCollection(LiteDbCaseStore.CountersCollection).Delete(CaseFactDocuments.BackfilledMarker);
        });
        Assert.Equal(0, Facts.Count());
        Assert.False(CaseFactDocuments.IsComplete(_kit.Store.Database));
        // A change while nothing is backfilled yet writes its own facts, which the backfill keeps.
        var changed = AllCases().First(c => !c.Status.IsClosed());
        await _kit.Cases.AddInternalNoteAsync(changed.Id, changed.Version, "ตรวจสอบ", "officer-1");
        Assert.Equal(1, Facts.Count());

        using var backfill = new CaseFactsBackfill(_kit.Store, NullLogger<CaseFactsBackfill>.Instance);
        await backfill.StartAsync(CancellationToken.None);
        await backfill.EnsureAsync();

        Assert.True(CaseFactDocuments.IsComplete(_kit.Store.Database));
        AssertFactsAgree();
        Assert.Same(Task.CompletedTask, backfill.EnsureAsync());
    }

    [Fact]
    public async Task NewDataFile_MarkedCompleteAtOpen_FileWithCasesAndNoMarker_NotMarked()
    {
        Assert.True(CaseFactDocuments.IsComplete(_kit.Store.Database));
        await _kit.CreateAsync();
        await _kit.Store.Writer.WriteAsync(db => db.LiteDb().GetCollection(LiteDbCaseStore.CountersCollection).Delete(CaseFactDocuments.BackfilledMarker));
        var directory = _kit.Directory;
        await _kit.DisposeAsync();

        _kit = new CaseTestKit(Bangkok(2025, 9, 29, 15, 0), directory);

        Assert.False(CaseFactDocuments.IsComplete(_kit.Store.Database));
    }
}
