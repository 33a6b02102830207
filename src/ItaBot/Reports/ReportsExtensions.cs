using Hangfire;
using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Reports.Docx;

namespace ItaBot.Reports;

internal static class ReportsExtensions
{
    /// <summary>
    /// The whole reports slice: statistics snapshots (sources, compiler, nightly job), the documents (DOCX), and where
    /// they go (staff report pages, the monthly LINE summary, the <c>report</c> command, the walk-in register).
    /// </summary>
    public static void AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Flex.IFlexSamples, MonthlySummarySamples>();
        builder.AddReportCompiler();
        builder.AddReportSources();
        builder.AddReportDocuments();
        builder.AddReportPublishing();
    }

    /// <summary>/staff/services (the walk-in register, any staff member) and /staff/reports… (admins and reporters).</summary>
    public static void MapReports(this IEndpointRouteBuilder app)
    {
        app.MapReportSources();
        app.MapReportPages();
    }

    /// <summary>
    /// Statistics snapshots: the general-complaint source, the compiler and its store, the nightly Hangfire job and the
    /// "reports compile" command. The compiler is built by a factory so that the host starts (and says so in the log)
    /// while a source is missing.
    /// </summary>
    private static void AddReportCompiler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IReportSource<ComplaintFigures>, ComplaintStatistics>();
        builder.Services.AddSingleton<IReportCompiler>(services => ActivatorUtilities.CreateInstance<ReportCompiler>(services));
        builder.Services.AddTransient<ReportSchedule>();
        builder.Services.AddSingleton<ICliCommand, CompileCommand>();
        builder.Services.AddHostedService<ReportsStartup>();
    }
}

/// <summary>Registers the nightly compile and catches up a missed night, once every source of a snapshot is registered.</summary>
internal sealed partial class ReportsStartup(
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    IServiceProviderIsService registered,
    IConfiguration configuration,
    ILogger<ReportsStartup> logger) : IHostedService
{
    /// <summary>On by default: a service that was down at 02:00 compiles the missed night as it starts.</summary>
    public const string CatchUpSetting = "ItaBot:Reports:CompileMissedNightAtStart";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = new[] { typeof(IReportSource<ComplaintFigures>), typeof(IReportSource<CorruptionFigures>), typeof(IReportSource<ServiceFigures>) }
            .Where(t => !registered.IsService(t))
            .Select(t => t.GenericTypeArguments[0].Name)
            .ToList();
        if (missing.Count > 0)
        {
            LogSourcesMissing(logger, string.Join(", ", missing));
            return Task.CompletedTask;
        }

        recurring.AddOrUpdate<ReportSchedule>(ReportSchedule.JobId, s => s.RunAsync(), ReportSchedule.Cron,
            new RecurringJobOptions { TimeZone = WorkingCalendar.Bangkok });
        if (configuration.GetValue(CatchUpSetting, defaultValue: true))
        {
            jobs.Enqueue<ReportSchedule>(s => s.CatchUpAsync());
        }


        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reports: no source registered for {Missing}; the nightly compile is off")]
    private static partial void LogSourcesMissing(ILogger logger, string missing);
}
