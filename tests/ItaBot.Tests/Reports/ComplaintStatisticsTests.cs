using System.Text.Json;
using ItaBot.Cases;
using ItaBot.Reports;
using static ItaBot.Tests.Cases.CaseTestKit;

namespace ItaBot.Tests.Reports;

/// <summary>Compiled general-complaint figures equal a direct count over the full case records, for many periods and instants.</summary>
public sealed class ComplaintStatisticsTests(GeneratedCases data) : IClassFixture<GeneratedCases>
{
    private ReportTestKit Reports => data.Reports;

    /// <summary>Instants to compile as of: now, the middle of FY 2568, the first instant of FY 2569, and the exact time of a closing.</summary>
    private IEnumerable<DateTime> Instants()
    {
        yield return Reports.Now;
        yield return Bangkok(2025, 6, 15, 12, 0).UtcDateTime;
        yield return Bangkok(2025, 10, 1, 0, 0).UtcDateTime;
        yield return Reports.AllCases().Where(c => c.ClosedAt is not null).OrderBy(c => c.Id, StringComparer.Ordinal).First().ClosedAt!.Value;
    }

    [Theory]
    [InlineData("fy2566")]
    [InlineData("fy2567")]
    [InlineData("fy2568")]
    [InlineData("fy2569")]
    [InlineData("fy2568-h1")]
    [InlineData("fy2568-q1")]
    [InlineData("fy2568-q4")]
    [InlineData("fy2569-q2")]
    [InlineData("2568-09")]
    [InlineData("2568-10")]
    [InlineData("2569-03")]
    [InlineData("2569-04")]
    [InlineData("fy2569-ytd-2026-03-31")]
    [InlineData("2025-07-01_2025-12-31")]
    public async Task CompileAsync_GeneratedCases_EqualADirectCountOverTheRecords(string slug)
    {
        var period = ReportPeriod.Parse(slug)!;
        var all = Reports.AllCases();
        foreach (var asOf in Instants())
        {
            var expected = NaiveCount.Complaints(all, period, asOf, Reports.Kit.Content.Current);
            var compiled = await Reports.Complaints.CompileAsync(period, asOf, new ReportTrace(), CancellationToken.None);

            AssertSame(expected, compiled, $"{slug} as of {asOf:O}");
        }
    }

    [Fact]
    public async Task CompileAsync_FiscalYear2568_CountsRealDataOfEveryKind()
    {
        var period = ReportPeriod.ForFiscalYear(2568);
        var figures = await Reports.Complaints.CompileAsync(period, Bangkok(2025, 9, 1, 0, 0).UtcDateTime, new ReportTrace(), CancellationToken.None);

        // The equality tests mean something only if the data has every kind of case in it.
        Assert.InRange(figures.Total, 700, 1400);
        Assert.All(figures.ByStatus.Where(s => s.Key != "received"), s => Assert.True(s.Count > 0, s.Key));
        Assert.All(figures.ByChannel, c => Assert.True(c.Count > 0, c.Key));
        Assert.All(figures.ByMonth.SkipLast(1), m => Assert.True(m.Count > 0, $"{m.Year}-{m.Month}"));
        Assert.True(figures.Ratings.Rated > 20 && figures.Ratings.Rated < figures.Ratings.Eligible);
        Assert.True(figures.Deadlines.AcknowledgeMet < figures.Deadlines.AcknowledgeDue && figures.Deadlines.AnswerMet < figures.Deadlines.AnswerDue);
        Assert.True(figures.ToClose.MedianHours < figures.ToClose.P90Hours);
        Assert.Equal(figures.Total, figures.ByMonth.Sum(m => m.Count));
        Assert.Equal(figures.Total, figures.ByCategory.Sum(m => m.Count));
        Assert.Equal(figures.Total, figures.ByDepartment.Sum(m => m.Count));
        Assert.Equal("กองช่าง", figures.ByDepartment.Single(d => d.Key == "engineering").Label);
        Assert.Equal("ติดต่อด้วยตนเอง", figures.ByChannel.Single(d => d.Key == "walk-in").Label);
    }

    [Fact]
    public async Task CompileAsync_FiscalYearBoundaryInBangkok_LastMillisecondOfSeptemberInTheOldYearFirstOfOctoberInTheNew()
    {
        var all = Reports.AllCases();
        var lastOf2568 = all.Single(c => c.CreatedAt == GeneratedCases.Boundaries[0]);
        var firstOf2569 = all.Single(c => c.CreatedAt == GeneratedCases.Boundaries[1]);
        var september = new RecordingTrace();
        var october = new RecordingTrace();

        await Reports.Complaints.CompileAsync(ReportPeriod.ForMonth(2568, 9), Reports.Now, september, CancellationToken.None);
        await Reports.Complaints.CompileAsync(ReportPeriod.ForMonth(2568, 10), Reports.Now, october, CancellationToken.None);

        Assert.Equal(2568, lastOf2568.FiscalYear);
        Assert.Equal(2569, firstOf2569.FiscalYear);
        Assert.Contains(lastOf2568.Id, september.Ids);
        Assert.DoesNotContain(firstOf2569.Id, september.Ids);
        Assert.Contains(firstOf2569.Id, october.Ids);
        Assert.DoesNotContain(lastOf2568.Id, october.Ids);
    }

    [Fact]
    public async Task CompileAsync_FutureFiscalYear_EmptyFiguresNoError()
    {
        var period = ReportPeriod.ForFiscalYear(2575);
        var trace = new ReportTrace();

        var figures = await Reports.Complaints.CompileAsync(period, Reports.Now, trace, CancellationToken.None);

        Assert.Equal((0, 0, 0), (figures.Total, figures.Completed, figures.InProgress));
        Assert.Equal(12, figures.ByMonth.Count);
        Assert.All(figures.ByMonth, m => Assert.Equal(0, m.Count));
        Assert.Equal(new DurationFigures(0, null, null, null), figures.ToClose);
        Assert.Equal((0, 0, (double?)null), (figures.Ratings.Eligible, figures.Ratings.Rated, figures.Ratings.Average));
        Assert.Equal(0, trace.ToSnapshotTrace().Cases);
    }

    [Fact]
    public async Task CompileAsync_MonthBeforeAnyCase_ZerosForEveryCategoryStatusAndChannel()
    {
        var figures = await Reports.Complaints.CompileAsync(ReportPeriod.ForMonth(2560, 1), Reports.Now, new ReportTrace(), CancellationToken.None);

        Assert.Equal(0, figures.Total);
        Assert.Equal(Reports.Kit.Content.Current.ComplaintCategories.Select(c => c.Id), figures.ByCategory.Select(c => c.Key));
        Assert.All(figures.ByCategory.Concat(figures.ByStatus).Concat(figures.ByChannel).Concat(figures.ByDepartment), r => Assert.Equal(0, r.Count));
        Assert.Equal(6, figures.ByStatus.Count);
        Assert.Equal(5, figures.ByChannel.Count);
        Assert.Equal(new DeadlineFigures(0, 0, 0, 0), figures.Deadlines);
        Assert.Equal([0, 0, 0, 0, 0], figures.Ratings.Distribution);
    }

    [Fact]
    public async Task CompileAsync_PeriodSpanningTwoFiscalYears_EqualsTheSumOfItsParts()
    {
        var span = ReportPeriod.Custom(new DateOnly(2025, 7, 1), new DateOnly(2025, 12, 31));
        var asOf = Reports.Now;

        var whole = await Reports.Complaints.CompileAsync(span, asOf, new ReportTrace(), CancellationToken.None);
        var before = await Reports.Complaints.CompileAsync(ReportPeriod.Custom(new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30)), asOf, new ReportTrace(), CancellationToken.None);
        var after = await Reports.Complaints.CompileAsync(ReportPeriod.ForQuarter(2569, 1), asOf, new ReportTrace(), CancellationToken.None);

        Assert.True(span.SpansFiscalYears);
        Assert.Equal(6, whole.ByMonth.Count);
        Assert.Equal(before.Total + after.Total, whole.Total);
        Assert.Equal(before.Completed + after.Completed, whole.Completed);
        Assert.Equal(before.ByMonth.Concat(after.ByMonth).Select(m => m.Count), whole.ByMonth.Select(m => m.Count));
        Assert.True(before.Total > 0 && after.Total > 0);
    }

    internal static void AssertSame(ComplaintFigures expected, ComplaintFigures actual, string context)
    {
        Assert.True(Json(expected) == Json(actual), $"{context}\nexpected {Json(expected)}\nactual   {Json(actual)}");
        var (e, a) = (string.Join('\n', expected.ServiceRows!.Select(Json)), string.Join('\n', actual.ServiceRows!.Select(Json)));
        Assert.True(e == a, $"{context}\nexpected {e}\nactual   {a}");
    }

    internal static string Json(ComplaintFigures f) => JsonSerializer.Serialize(f, ReportJsonContext.Default.ComplaintFigures);

    internal static string Json(ServiceRow r) => JsonSerializer.Serialize(r, ReportJsonContext.Default.ServiceRow);
}
