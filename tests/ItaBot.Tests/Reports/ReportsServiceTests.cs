using Hangfire;
using Hangfire.Storage;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Reports;

/// <summary>AddReports in the whole service: the nightly job, the catch-up compile at start, and a start without every source.</summary>
public sealed class ReportsServiceTests
{
    [Fact]
    public async Task Start_WithEverySource_RegistersNightlyJobInBangkokAndCompilesTheMissedNight()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, services: s =>
        {
            s.AddSingleton<IReportSource<CorruptionFigures>, ReportTestKit.FixedCorruption>();
            s.AddSingleton<IReportSource<ServiceFigures>, ReportTestKit.FixedServices>();
        });
        using var client = host.CreateClient();
        var compiler = host.Services.GetRequiredService<IReportCompiler>();

        await Wait.UntilAsync(() => compiler.List().Count >= 2, TimeSpan.FromSeconds(20), "the catch-up compile");

        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ReportSchedule.JobId);
        Assert.Equal(ReportSchedule.Cron, job.Cron);
        Assert.Equal("Asia/Bangkok", job.TimeZoneId);
        Assert.All(compiler.List(), s => Assert.Equal(ReportSchedule.CompiledBy, s.CompiledBy));
    }

    [Fact]
    public async Task Start_WithoutTheOtherSources_StartsAndSaysTheNightlyCompileIsOff()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        // As on a branch where the protected-report and services slices are not registered (removed here if they are).
        await using var host = new ServiceHost(line, services: s =>
        {
            s.RemoveAll<IReportSource<CorruptionFigures>>();
            s.RemoveAll<IReportSource<ServiceFigures>>();
        });
        using var client = host.CreateClient();

        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.True(health.IsSuccessStatusCode);
        Assert.Contains(host.Logs, l => l.Contains("CorruptionFigures, ServiceFigures; the nightly compile is off", StringComparison.Ordinal));
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.DoesNotContain(connection.GetRecurringJobs(), j => j.Id == ReportSchedule.JobId);
    }
}
