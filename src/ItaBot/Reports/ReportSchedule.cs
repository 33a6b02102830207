using Hangfire;
using ItaBot.Cases;

namespace ItaBot.Reports;

/// <summary>
/// The nightly compile (02:00 Bangkok), as of the end of the day before (midnight Bangkok), so each night's snapshots
/// cover whole days and a recompile as of the same instant is identical: the fiscal year to yesterday, the previous
/// month, and in October the fiscal year just ended (compiled every night of October, as late changes come in).
/// Hangfire's in-memory schedule starts afresh with the process, so a start after a missed night compiles at once.
/// </summary>
internal sealed partial class ReportSchedule(IReportCompiler compiler, TimeProvider time, ILogger<ReportSchedule> logger)
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

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync()
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

    /// <summary>At start: runs the nightly compile when last night's year-to-date snapshot is missing.</summary>
    public Task<int> CatchUpAsync()
    {
        var today = WorkingCalendar.BangkokDate(time.GetUtcNow().UtcDateTime);
        return compiler.Latest(NightlyPeriods(today)[0].Slug) is null ? RunAsync() : Task.FromResult(0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Nightly report compile stored {Count} snapshots")]
    private static partial void LogNightly(ILogger logger, int count);
}
