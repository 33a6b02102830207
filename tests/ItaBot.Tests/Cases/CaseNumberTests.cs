using System.Globalization;
using ItaBot.Cases;
using static ItaBot.Tests.Cases.CaseTestKit;
using ItaBot.Storage;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Cases;

public sealed class CaseNumberTests : IAsyncLifetime
{
    private CaseTestKit _kit = null!;

    public ValueTask InitializeAsync()
    {
        _kit = new CaseTestKit();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task Create_ManyParallelFilingsFromDialogsAndStaff_GetDistinctNumbersWithoutGaps()
    {
        // Half as dialog turns (number first, write later), half as staff creates, all at once.
        var tasks = Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            if (i % 2 == 0)
            {
                var draft = _kit.Cases.Prepare(Walk(channel: CaseChannel.Line, lineUser: "U" + i.ToString(CultureInfo.InvariantCulture)), CaseService.CitizenActor);
                await _kit.Store.Writer.WriteAsync(draft.Write);
                return draft.Case.Number;
            }

            return (await _kit.CreateAsync()).Number;
        })).ToList();

        var numbers = await Task.WhenAll(tasks);

        Assert.Equal(400, numbers.Distinct(StringComparer.Ordinal).Count());
        var stored = _kit.AllCases().Select(c => c.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 400), stored);
        Assert.All(numbers, n => Assert.Matches(@"^ร68-\d{5}$", n));
    }

    [Fact]
    public async Task Prepare_NumberShownInTheReply_IsTheNumberStored()
    {
        var draft = _kit.Cases.Prepare(Walk(channel: CaseChannel.Line, lineUser: "U1"), CaseService.CitizenActor);
        Assert.Equal("ร68-00001", draft.Case.Number);
        Assert.Null(_kit.Cases.GetByNumber(draft.Case.Number));   // nothing stored until the turn commits

        await _kit.Store.Writer.WriteAsync(draft.Write);

        Assert.Equal(draft.Case, _kit.Cases.GetByNumber("ร68-00001"), CaseComparer.Instance);
    }

    [Fact]
    public async Task Prepare_TurnNeverCommits_LeavesAGapThatARestartTakesBack()
    {
        await _kit.CreateAsync();                                        // 00001 committed
        var lost = _kit.Cases.Prepare(Walk(), "staff-1");               // 00002 handed out, its turn fails
        var next = await _kit.CreateAsync();                             // 00003: no duplicate with the lost one
        Assert.Equal("ร68-00002", lost.Case.Number);
        Assert.Equal("ร68-00003", next.Number);

        await _kit.Store.DisposeAsync();
        _kit = new CaseTestKit(Bangkok(2025, 6, 2, 9, 0), _kit.Directory);

        // The counter holds committed numbers only: a gap in the middle stays, the end carries on from the highest.
        Assert.Equal("ร68-00004", (await _kit.CreateAsync()).Number);
    }

    [Fact]
    public async Task Prepare_LastNumbersNeverCommitted_AreReusedAfterRestart()
    {
        await _kit.CreateAsync();
        _ = _kit.Cases.Prepare(Walk(), "staff-1");
        await _kit.Store.DisposeAsync();
        _kit = new CaseTestKit(Bangkok(2025, 6, 2, 9, 0), _kit.Directory);

        Assert.Equal("ร68-00002", (await _kit.CreateAsync()).Number);
    }

    [Fact]
    public async Task Create_NewFiscalYearStartsAtMidnightBangkok_SequenceStartsAgain()
    {
        _kit.Time.SetUtcNow(Bangkok(2025, 9, 30, 23, 59));
        Assert.Equal("ร68-00001", (await _kit.CreateAsync()).Number);
        Assert.Equal("ร68-00002", (await _kit.CreateAsync()).Number);

        _kit.Time.SetUtcNow(Bangkok(2025, 10, 1, 0, 1));
        var first = await _kit.CreateAsync();

        Assert.Equal("ร69-00001", first.Number);
        Assert.Equal(2569, first.FiscalYear);
    }

    [Fact]
    public async Task Create_SameNumberInsertedTwice_TheUniqueIndexRefusesIt()
    {
        var draft = _kit.Cases.Prepare(Walk(), "staff-1");
        await _kit.Store.Writer.WriteAsync(draft.Write);

        var twin = draft.Case with { Id = RecordId.New() };
        await Assert.ThrowsAsync<LiteDB.LiteException>(() => _kit.Store.Writer.WriteAsync(work => _kit.CaseStore.Insert(work, twin)));
    }
}

/// <summary>Records hold lists, so record equality compares references; this compares what is stored.</summary>
internal sealed class CaseComparer : IEqualityComparer<CaseRecord?>
{
    public static readonly CaseComparer Instance = new();

    public bool Equals(CaseRecord? x, CaseRecord? y) =>
        x is null || y is null ? x is null && y is null
        : x with { Timeline = [], Photos = [] } == y with { Timeline = [], Photos = [] }
          && x.Timeline.SequenceEqual(y.Timeline) && x.Photos.SequenceEqual(y.Photos);

    public int GetHashCode(CaseRecord? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
}
