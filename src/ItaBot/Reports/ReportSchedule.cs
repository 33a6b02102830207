using Hangfire;
using ItaBot.Cases;

namespace ItaBot.Reports;

/// <summary>
/// The nightly compile (02:00 Bangkok), as of the end of the day before (midnight Bangkok), so each night's snapshots
/// cover whole days and a recompile as of the same instant is identical: the fiscal year to yesterday, the previous
/// month, and in October the fiscal year just ended (compiled every night of October, as late changes come in).
/// Hangfire's in-memory schedule starts afresh with the process, so a start after a missed night compiles at once.
/// </summary>
internal sealed partial class ReportSchedule(IReportCompiler compiler, TimeProvider time, ILogger<ReportSchedule> logger, Agencies.AgencyDirectory? agencies = null)
{
    public const string JobId = "reports-nightly";
    public const string Cron = "0 2 * * *";
    public const string CompiledBy = "schedule";

    /// <summary>What the run on Bangkok day <paramref name="today"/> compiles.</summary>
    public static IReadOnlyList<ReportPeriod> NightlyPeriods(DateOnly today)
    {
        var yesterday = today.AddDays(-1);
        var previousMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var periods = new List<ReportPeriod>
        {
            ReportPeriod.YearToDate(yesterday),
            ReportPeriod.ForMonth(previousMonth.Year + ReportPeriod.BuddhistEraOffset, previousMonth.Month),
        };
        if (today.Month == 10)
        {
            periods.Add(ReportPeriod.ForFiscalYear(ReportPeriod.FiscalYearOf(today) - 1));
        }

        return periods;
    }

    /// <summary>The nightly compile of every agency (each its own records and snapshots); the snapshots compiled in all.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task<int> RunAsync() => EachAgencyAsync(NightlyAsync);

    private Task<int> EachAgencyAsync(Func<Task<int>> work) => agencies is null ? work() : agencies.EachAgencyAsync(work);

    private async Task<int> NightlyAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.BangkokDate(now);
        var asOf = TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingCalendar.Bangkok);
        var periods = NightlyPeriods(today);
        foreach (var period in periods)
        {
            await compiler.CompileAsync(period, CompiledBy, asOf).ConfigureAwait(false);
        }

        LogNightly(logger, periods.Count);
        return periods.Count;
    }

    /// <summary>How many fiscal years back the start-up looks for records to publish.</summary>
    public const int BackfillYears = 6;

    /// <summary>
    /// At start: runs the nightly compile when last night's year-to-date snapshot is missing, then compiles whatever
    /// /transparency lists that is missing (<see cref="BackfillAsync"/>).
    /// </summary>
    public Task<int> CatchUpAsync() => EachAgencyAsync(CatchUpForAgencyAsync);

    private async Task<int> CatchUpForAgencyAsync()
    {
        var today = WorkingCalendar.BangkokDate(time.GetUtcNow().UtcDateTime);
        var nightly = compiler.Latest(NightlyPeriods(today)[0].Slug) is null ? await NightlyAsync().ConfigureAwait(false) : 0;
        return nightly + await BackfillAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The periods /transparency publishes for a fiscal year that have ended by <paramref name="today"/>: the year, its
    /// first half and its quarters.
    /// </summary>
    public static IReadOnlyList<ReportPeriod> PublishedPeriods(int fiscalYear, DateOnly today) =>
        [.. new[] { ReportPeriod.ForFiscalYear(fiscalYear), ReportPeriod.ForHalfYear(fiscalYear) }
            .Concat(Enumerable.Range(1, 4).Select(q => ReportPeriod.ForQuarter(fiscalYear, q)))
            .Where(p => p.To < today)];

    /// <summary>
    /// Compiles, as of midnight Bangkok, every published period of the last <see cref="BackfillYears"/> fiscal years
    /// that has no stored snapshot, skipping fiscal years without a single record, so that a data directory filled before
    /// the schedule ran (an import, <c>seed</c>, a restored backup) shows every year on /transparency.
    /// </summary>
    public async Task<int> BackfillAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = WorkingCalendar.BangkokDate(now);
        var asOf = TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), WorkingCalendar.Bangkok);
        var current = ReportPeriod.FiscalYearOf(today);
        var compiled = 0;
        for (var year = current; year > current - BackfillYears; year--)
        {
            var missing = PublishedPeriods(year, today).Where(p => compiler.Latest(p.Slug) is null).ToList();
            if (missing.Count == 0)
            {
                continue;
            }

            var probe = year == current ? ReportPeriod.YearToDate(today.AddDays(-1)) : ReportPeriod.ForFiscalYear(year);
            if (probe.To < probe.From || IsEmpty(await compiler.CompileAsync(probe, CompiledBy, asOf, store: false).ConfigureAwait(false)))
            {
                continue;
            }

            foreach (var period in missing)
            {
                await compiler.CompileAsync(period, CompiledBy, asOf).ConfigureAwait(false);
                compiled++;
            }
        }

        if (compiled > 0)
        {
            LogBackfilled(logger, compiled);
        }

        return compiled;
    }

    private static bool IsEmpty(ReportSnapshot s) =>
        s.Complaints.Total + s.Corruption.Total + s.Services.EServiceTotal + s.Services.WalkInTotal + s.Services.Questions.Questions == 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reports: {Count} missing snapshots of past periods compiled at start")]
    private static partial void LogBackfilled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly report compile stored {Count} snapshots")]
    private static partial void LogNightly(ILogger logger, int count);
}
