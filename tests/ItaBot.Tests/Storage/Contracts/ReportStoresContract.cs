using ItaBot.Reports;
using ItaBot.Storage;
using ItaBot.Tests.Reports;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>Report snapshots by period, newest first, kept as compiled; written once for every storage.</summary>
public abstract class ReportSnapshotStoreContract<TProvider> : ClockedStoreContract<TProvider> where TProvider : IStorageProvider, new()
{
    private static readonly DateTime T0 = new(2025, 10, 1, 1, 0, 0, DateTimeKind.Utc);

    private IReportSnapshotStore Snapshots => Get<IReportSnapshotStore>();

    [Fact]
    public async Task AddAsync_ThenGet_SameFigures()
    {
        var snapshot = Snapshot(T0);
        await Snapshots.AddAsync(snapshot);

        var read = Snapshots.Get(snapshot.Id);

        Assert.NotNull(read);
        Assert.Equal(snapshot.Period.Slug, read.Period.Slug);
        Assert.Equal(snapshot.CompiledAt, read.CompiledAt);
        Assert.Equal(snapshot.AgencyName, read.AgencyName);
        Assert.Equal(snapshot.Corruption.Total, read.Corruption.Total);
        Assert.Equal(snapshot.Complaints.ByCategory, read.Complaints.ByCategory);
        Assert.Null(Snapshots.Get("no-such-snapshot"));
        Assert.Null(Snapshots.Get(""));
    }

    [Fact]
    public async Task Latest_SeveralCompilesOfTwoPeriods_NewestOfThatPeriod()
    {
        var fy = ReportPeriod.ForFiscalYear(2568);
        var month = ReportPeriod.ForMonth(2568, 1);
        await Snapshots.AddAsync(Snapshot(T0, fy));
        var newest = Snapshot(T0.AddDays(2), fy);
        await Snapshots.AddAsync(newest);
        await Snapshots.AddAsync(Snapshot(T0.AddDays(1), fy));
        await Snapshots.AddAsync(Snapshot(T0.AddDays(3), month));

        Assert.Equal(newest.Id, Snapshots.Latest(fy.Slug)?.Id);
        Assert.Null(Snapshots.Latest("2560"));
    }

    [Fact]
    public async Task Latest_TwoCompilesAtOneInstant_LaterIdWins()
    {
        var first = Snapshot(T0);
        var second = Snapshot(T0);
        await Snapshots.AddAsync(second);
        await Snapshots.AddAsync(first);

        Assert.True(string.CompareOrdinal(first.Id, second.Id) < 0);
        Assert.Equal(second.Id, Snapshots.Latest(first.Period.Slug)?.Id);
    }

    [Fact]
    public async Task List_FiveCompiles_NewestCompileFirstUpToTheLimit()
    {
        var compiled = new List<ReportSnapshot>();
        foreach (var day in (int[])[3, 0, 4, 1, 2])
        {
            var snapshot = Snapshot(T0.AddDays(day));
            compiled.Add(snapshot);
            await Snapshots.AddAsync(snapshot);
        }

        Assert.Equal(compiled.OrderByDescending(s => s.CompiledAt).Select(s => s.Id), Snapshots.List(100).Select(s => s.Id));
        Assert.Equal(compiled.OrderByDescending(s => s.CompiledAt).Take(2).Select(s => s.Id), Snapshots.List(2).Select(s => s.Id));
        Assert.Single(Snapshots.List(0));
    }

    private static ReportSnapshot Snapshot(DateTime compiledAt, ReportPeriod? period = null) => SampleSnapshots.Fy2568() with
    {
        Id = RecordId.New(),
        Period = period ?? ReportPeriod.ForFiscalYear(2568),
        CompiledAt = compiledAt,
        AsOf = compiledAt,
    };
}

public sealed class LiteDbReportSnapshotStoreTests : ReportSnapshotStoreContract<LiteDbProvider>;

/// <summary>The walk-in register: lines by day, in the order recorded; corrections append and replace one line once.</summary>
public abstract class ServiceVisitStoreContract<TProvider> : ClockedStoreContract<TProvider> where TProvider : IStorageProvider, new()
{
    private static readonly DateOnly Day = new(2026, 3, 9);

    private IServiceVisitStore Register => Get<IServiceVisitStore>();

    [Fact]
    public async Task RecordAsync_LinesOnThreeDays_BetweenDaysInclusiveInRecordedOrder()
    {
        var t0 = Contract.Start(Clock);
        Clock.SetUtcNow(t0);
        var (late, _) = await Register.RecordAsync(Day.AddDays(1), "birth", "แจ้งเกิด", 3, null, "clerk");
        Clock.SetUtcNow(t0.AddMinutes(1));
        var (early, _) = await Register.RecordAsync(Day, "other", "อื่น ๆ", 2, "  ", "clerk");
        Clock.SetUtcNow(t0.AddMinutes(2));
        await Register.RecordAsync(Day.AddDays(2), "birth", "แจ้งเกิด", 1, "บ่าย", "chief");

        var lines = Register.Between(Day, Day.AddDays(1));

        Assert.Equal([late!.Id, early!.Id], lines.Select(v => v.Id));
        Assert.Equal(Day.AddDays(1), lines[0].Day);
        Assert.Equal(3, lines[0].People);
        Assert.Equal(t0, lines[0].RecordedAt);
        Assert.Null(lines[1].Note);
        Assert.Equal(3, Register.Between(DateOnly.MinValue, DateOnly.MaxValue).Count);
        Assert.Empty(Register.Between(Day.AddDays(3), Day.AddDays(9)));
        Assert.Equal("บ่าย", Register.Between(Day.AddDays(2), Day.AddDays(2)).Single().Note);
    }

    [Fact]
    public async Task RecordAsync_Correction_TakesTheCorrectedLinesDayAndOnlyOnce()
    {
        Clock.SetUtcNow(Contract.Start(Clock));   // whole milliseconds: what is stored is what was returned
        var (wrong, _) = await Register.RecordAsync(Day, "birth", "แจ้งเกิด", 12, null, "clerk");
        Clock.Advance(TimeSpan.FromMinutes(5));

        var (fixedLine, problem) = await Register.RecordAsync(Day.AddDays(5), "birth", "แจ้งเกิด", 10, "นับผิด", "chief", wrong!.Id);
        var (twice, again) = await Register.RecordAsync(Day, "birth", "แจ้งเกิด", 9, null, "chief", wrong.Id);
        var (unknown, missing) = await Register.RecordAsync(Day, "birth", "แจ้งเกิด", 9, null, "chief", "no-such-line");

        Assert.Equal(ServiceVisitProblem.None, problem);
        Assert.Equal(Day, fixedLine!.Day);
        Assert.Equal(wrong.Id, fixedLine.Corrects);
        Assert.Equal(ServiceVisitProblem.AlreadyCorrected, again);
        Assert.Null(twice);
        Assert.Equal(ServiceVisitProblem.UnknownEntry, missing);
        Assert.Null(unknown);
        Assert.Equal([wrong.Id, fixedLine.Id], Register.Between(Day, Day).Select(v => v.Id));
        Assert.Equal(fixedLine, Register.Find(fixedLine.Id));
        Assert.Null(Register.Find("no-such-line"));
    }

    [Fact]
    public async Task RecordAsync_TooManyPeople_RefusedBeforeStoring()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Register.RecordAsync(Day, "birth", "แจ้งเกิด", ServiceVisits.MaxPeople + 1, null, "clerk"));

        Assert.Empty(Register.Between(DateOnly.MinValue, DateOnly.MaxValue));
    }
}

public sealed class LiteDbServiceVisitStoreTests : ServiceVisitStoreContract<LiteDbProvider>;

public sealed class PostgreSqlReportSnapshotStoreTests : ReportSnapshotStoreContract<PostgreSqlProvider>;

public sealed class PostgreSqlServiceVisitStoreTests : ServiceVisitStoreContract<PostgreSqlProvider>;
