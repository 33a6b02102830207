using Hangfire;
using Hangfire.Storage;
using ItaBot.Cli;
using ItaBot.Line.Testing;
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
        }, settings: new Dictionary<string, string?> { [ReportsStartup.CatchUpSetting] = "true" });
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

    [Fact]
    public async Task Commands_ReportsCompile_PrintsFiguresAndStores_EveryOtherCommandListsWithoutTheOtherSources()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using (var host = new ServiceHost(line, services: s =>
        {
            s.AddSingleton<IReportSource<CorruptionFigures>, ReportTestKit.FixedCorruption>();
            s.AddSingleton<IReportSource<ServiceFigures>, ReportTestKit.FixedServices>();
        }))
        {
            using var output = new StringWriter();

            Assert.Equal(0, await CommandLine.TryRunAsync(host.Services, ["reports", "compile", "--period", "fy2568"], output));

            Assert.Contains("fy2568 as of", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("corruption 2", output.ToString(), StringComparison.Ordinal);
            Assert.Single(host.Services.GetRequiredService<IReportCompiler>().List(), s => s.CompiledBy == "command" && s.Period.Slug == "fy2568");
            using var bad = new StringWriter();
            Assert.Equal(2, await CommandLine.TryRunAsync(host.Services, ["reports", "compile", "--period", "fy68"], bad));
        }

        await using var bare = new ServiceHost(line, services: s =>
        {
            s.RemoveAll<IReportSource<CorruptionFigures>>();
            s.RemoveAll<IReportSource<ServiceFigures>>();
        });
        using var list = new StringWriter();
        using var complaintsOnly = new StringWriter();

        Assert.Equal(2, await CommandLine.TryRunAsync(bare.Services, ["no-such-command"], list));
        Assert.Equal(0, await CommandLine.TryRunAsync(bare.Services, ["reports", "compile", "--period", "fy2568", "--source", "complaints"], complaintsOnly));

        Assert.Contains("reports compile", list.ToString(), StringComparison.Ordinal);
        Assert.Contains("fy2568 complaints only: 0", complaintsOnly.ToString(), StringComparison.Ordinal);
    }
}
