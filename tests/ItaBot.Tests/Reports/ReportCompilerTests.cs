using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ItaBot.Cases;
using ItaBot.Reports;
using ItaBot.Tests.Cases;
using static ItaBot.Tests.Cases.CaseTestKit;
using ItaBot.Seed;

namespace ItaBot.Tests.Reports;

public sealed class ReportCompilerTests : IAsyncLifetime
{
    private ReportTestKit _reports = null!;

    private CaseTestKit Kit => _reports.Kit;

    public async ValueTask InitializeAsync()
    {
        _reports = new ReportTestKit(Bangkok(2025, 8, 1, 9, 0));
        var generator = new CaseGenerator(Kit.Content.Current, Kit.Calendar, new Random(42), _reports.Now);
        var times = generator.CreationTimes(600, CaseNumbers.FiscalYearStartUtc(2568), _reports.Now);
        await Kit.Cases.ImportAsync([.. times.Select(generator.Case)]);
    }

    public async ValueTask DisposeAsync() => await _reports.DisposeAsync();

    private static string Json(ReportSnapshot s) => JsonSerializer.Serialize(s, ReportJsonContext.Default.ReportSnapshot);

    /// <summary>The figures and the trace, without what differs between two compiles by design (id, compile time, who).</summary>
    private static string Figures(ReportSnapshot s) => Json(s with { Id = "", CompiledAt = default, CompiledBy = "" });

    [Fact]
    public async Task CompileAsync_AsOfAnEarlierInstant_IdenticalFiguresAndDigestAfterLaterChanges()
    {
        var period = ReportPeriod.ForFiscalYear(2568);
        var first = await _reports.Compiler.CompileAsync(period, "schedule");
        var asOf = first.AsOf;

        // The world moves on: every open case is worked, some closed and rated, new cases filed, a month passes.
        foreach (var c in _reports.AllCases().Where(c => !c.Status.IsClosed()))
        {
            Kit.Time.Advance(TimeSpan.FromMinutes(17));
            var result = await Kit.Cases.ChangeStatusAsync(c.Id, c.Version, CaseStatus.Completed, "officer-1", null);
            if (c.CitizenLineUserId is { } user && result.Changed)
            {
                await Kit.Cases.RateAsync(c.Id, result.Case!.Version, user, 5, null);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            Kit.Time.Advance(TimeSpan.FromHours(3));
            await Kit.CreateAsync("garbage", CaseChannel.Line, "Unew" + i);
        }

        var again = await _reports.Compiler.CompileAsync(period, "staff-1", asOf);
        var now = await _reports.Compiler.CompileAsync(period, "staff-1");

        Assert.Equal(Figures(first), Figures(again));
        Assert.Equal(first.Trace.Digest, again.Trace.Digest);
        Assert.NotEqual(first.Trace.Digest, now.Trace.Digest);          // the recompile could have differed
        Assert.True(now.Complaints.Completed > first.Complaints.Completed);
        Assert.Equal(first.Complaints.Total + 20, now.Complaints.Total);
    }

    [Fact]
    public async Task CompileAsync_Snapshot_AllThreeSourcesComplaintsInTheirServicesRowsTraceCountsAgencyFromThePack()
    {
        var s = await _reports.Compiler.CompileAsync(ReportPeriod.ForFiscalYear(2568), "staff-1");

        Assert.Equal(Kit.Content.Current.Agency.Name, s.AgencyName);
        Assert.Equal(("staff-1", _reports.Now, _reports.Now), (s.CompiledBy, s.CompiledAt, s.AsOf));
        Assert.Equal(600, s.Complaints.Total);
        Assert.Equal(2, s.Corruption.Total);
        Assert.Null(s.Complaints.ServiceRows);
        // complaints count for the services they are about (street lights for street-light repair…), listed before the
        // services source's own rows when that source did not list them
        var pack = Kit.Content.Current;
        var complaintServices = pack.ComplaintCategories.Select(c => c.Service ?? "general-complaint").Distinct().ToHashSet();
        Assert.Equal("birth-registration", s.Services.Services[^1].ServiceId);
        Assert.All(s.Services.Services.SkipLast(1), r => Assert.Contains(r.ServiceId, complaintServices));
        Assert.Contains(s.Services.Services, r => r.ServiceId == "street-light-repair");
        var line = s.Complaints.ByChannel.Single(c => c.Key == "line").Count;
        var web = s.Complaints.ByChannel.Single(c => c.Key == "web").Count;
        var walkIn = s.Complaints.ByChannel.Single(c => c.Key == "walk-in").Count;
        var rows = s.Services.Services.SkipLast(1).ToList();
        Assert.Equal((line + web, walkIn), (rows.Sum(r => r.EService), rows.Sum(r => r.WalkIn)));
        Assert.Equal((10 + line + web, 20 + walkIn), (s.Services.EServiceTotal, s.Services.WalkInTotal));
        Assert.All(rows, row => Assert.Equal(row.EService, row.EServiceByMonth.Sum(m => m.Count)));
        Assert.Equal((600, 2, 0, 1), (s.Trace.Cases, s.Trace.ProtectedReports, s.Trace.Questions, s.Trace.ServiceRecords));
        Assert.Matches("^[0-9a-f]{64}$", s.Trace.Digest);
    }

    [Fact]
    public async Task CompileAsync_AsOfInTheFuture_TakenAsNow()
    {
        var s = await _reports.Compiler.CompileAsync(ReportPeriod.ForFiscalYear(2568), "staff-1", _reports.Now.AddDays(30), store: false);

        Assert.Equal(_reports.Now, s.AsOf);
    }

    [Fact]
    public async Task StoredSnapshots_GetLatestAndList_ReadBackEqual()
    {
        var fy = ReportPeriod.ForFiscalYear(2568);
        var older = await _reports.Compiler.CompileAsync(fy, "schedule");
        Kit.Time.Advance(TimeSpan.FromMinutes(5));
        var month = await _reports.Compiler.CompileAsync(ReportPeriod.ForMonth(2568, 7), "schedule");
        Kit.Time.Advance(TimeSpan.FromMinutes(5));
        var newer = await _reports.Compiler.CompileAsync(fy, "staff-1");
        var notStored = await _reports.Compiler.CompileAsync(fy, "staff-1", store: false);

        Assert.Equal(Json(older), Json(_reports.Compiler.Get(older.Id)!));
        Assert.Equal(Json(newer), Json(_reports.Compiler.Latest("fy2568")!));
        Assert.Equal(Json(month), Json(_reports.Compiler.Latest("2568-07")!));
        Assert.Null(_reports.Compiler.Latest("fy2567"));
        Assert.Null(_reports.Compiler.Latest("fy256"));       // a prefix of a slug is not the slug
        Assert.Null(_reports.Compiler.Get(notStored.Id));
        Assert.Null(_reports.Compiler.Get("nope"));
        Assert.Equal([newer.Id, month.Id, older.Id], _reports.Compiler.List().Select(s => s.Id));
        Assert.Equal([newer.Id], _reports.Compiler.List(1).Select(s => s.Id));
        var read = _reports.Compiler.Get(newer.Id)!;
        Assert.Equal(fy, read.Period);
        Assert.Equal(DateTimeKind.Utc, read.AsOf.Kind);
    }

    [Fact]
    public async Task CompileAsync_EmptyStoreAndPeriod_EmptyDigestIsShaOfNothingButTheOtherSources()
    {
        await using var empty = new ReportTestKit(Bangkok(2025, 8, 1, 9, 0));
        var trace = new ReportTrace();

        var complaints = await empty.Complaints.CompileAsync(ReportPeriod.ForFiscalYear(2568), empty.Now, trace, CancellationToken.None);

        Assert.Equal(0, complaints.Total);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([])), trace.ToSnapshotTrace().Digest);
        trace.Add("case", "a", 1);
        var expected = SHA256.HashData([.. Encoding.UTF8.GetBytes("case"), 0, (byte)'a', 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal(Convert.ToHexStringLower(expected), trace.ToSnapshotTrace().Digest);
    }

    [Fact]
    public async Task Trace_CasesInFilingOrderWithTheirStateAsOf()
    {
        var trace = new RecordingTrace();
        var period = ReportPeriod.ForFiscalYear(2568);

        await _reports.Complaints.CompileAsync(period, _reports.Now, trace, CancellationToken.None);

        var all = _reports.AllCases().OrderBy(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(all.Select(c => c.Id), trace.Ids);
        Assert.All(trace.Records, r => Assert.Equal("case", r.Kind));
        Assert.Equal(all.Select(c => (long)c.Status), trace.Records.Select(r => r.State & 7));
    }

    [Fact]
    public void NightlyPeriods_YearToYesterdayPreviousMonthAndInOctoberTheYearJustEnded()
    {
        Assert.Equal(["fy2569-ytd-2025-11-14", "2568-10"], ReportSchedule.NightlyPeriods(new DateOnly(2025, 11, 15)).Select(p => p.Slug));
        Assert.Equal(["fy2568-ytd-2025-09-30", "2568-09", "fy2568"], ReportSchedule.NightlyPeriods(new DateOnly(2025, 10, 1)).Select(p => p.Slug));
        Assert.Equal(["fy2569-ytd-2025-10-30", "2568-09", "fy2568"], ReportSchedule.NightlyPeriods(new DateOnly(2025, 10, 31)).Select(p => p.Slug));
        Assert.Equal(["fy2568-ytd-2024-12-31", "2567-12"], ReportSchedule.NightlyPeriods(new DateOnly(2025, 1, 1)).Select(p => p.Slug));
    }

    [Fact]
    public async Task Nightly_RunsAsOfMidnightBangkok_CatchUpOnlyWhenLastNightIsMissing_AndPublishedPeriodsAreBackfilledOnce()
    {
        Kit.Time.SetUtcNow(Bangkok(2025, 8, 2, 2, 0));
        var schedule = new ReportSchedule(_reports.Compiler, Kit.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReportSchedule>.Instance);

        // last night (year to date, July), then what /transparency lists: FY 2568's ended half and quarters 1–3, and the
        // five years before it (year, half, four quarters each: the stand-in vault source has records in every year)
        Assert.Equal(2 + 4 + (5 * 6), await schedule.CatchUpAsync());
        Assert.Equal(0, await schedule.CatchUpAsync());
        Assert.NotNull(_reports.Compiler.Latest("fy2568-h1"));
        Assert.NotNull(_reports.Compiler.Latest("fy2568-q3"));
        Assert.Null(_reports.Compiler.Latest("fy2568-q4"));     // not ended
        Assert.NotNull(_reports.Compiler.Latest("fy2567"));
        Assert.Null(_reports.Compiler.Latest("fy2562"));        // beyond the years looked at

        var ytd = _reports.Compiler.Latest("fy2568-ytd-2025-08-01")!;
        Assert.Equal(Bangkok(2025, 8, 2, 0, 0).UtcDateTime, ytd.AsOf);
        Assert.Equal("schedule", ytd.CompiledBy);
        Assert.NotNull(_reports.Compiler.Latest("2568-07"));
        Kit.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await schedule.CatchUpAsync());
    }
}
