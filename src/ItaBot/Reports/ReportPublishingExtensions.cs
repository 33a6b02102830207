using Hangfire;
using ItaBot.Cli;
using ItaBot.Staff;

namespace ItaBot.Reports;

internal static class ReportPublishingExtensions
{
    /// <summary>
    /// Where compiled reports go: the staff report pages, the monthly summary to the staff LINE group (a Hangfire
    /// recurring job on the 1st at 09:00 Bangkok) and the <c>report</c> command. The compiler and the renderers come from
    /// AddReports and the document slices; they are resolved when used, so none of this stops the service without them.
    /// </summary>
    internal static void AddReportPublishing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new StaffLink("รายงานสถิติ", ReportPages.Path, StaffPolicies.Reports, "รวบรวมสถิติ ตรวจสอบที่มาของตัวเลข และดาวน์โหลดเอกสาร ITA"));
        builder.Services.AddTransient<MonthlySummary>();
        builder.Services.AddSingleton<ICliCommand, ReportCommand>();
        builder.Services.AddHostedService<ReportPublishingStartup>();
    }

    /// <summary>/staff/reports…: admins and reporters only.</summary>
    internal static void MapReportPages(this IEndpointRouteBuilder app) =>
        ReportPages.Map(app.MapGroup("/staff").RequireAuthorization(StaffPolicies.Reports));
}

/// <summary>Registers the monthly summary job and runs a summary missed by a restart on the 1st.</summary>
internal sealed class ReportPublishingStartup(IRecurringJobManager recurring, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<MonthlySummary>(MonthlySummary.JobId, s => s.RunAsync(), MonthlySummary.Cron,
            new RecurringJobOptions { TimeZone = WorkingCalendar.Bangkok });
        jobs.Enqueue<MonthlySummary>(s => s.CatchUpAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
