using System.Collections.Concurrent;
using ItaBot.LineChannel;
using ItaBot.Reports;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace ItaBot.Tests.Agencies;

/// <summary>The recurring jobs and readings of a deployment with two agencies: each runs once per agency, for that agency.</summary>
public sealed class AgencyJobsTests : TwoAgenciesTest
{
    private const string NameB = TwoAgencies.NameB;
    private const string GroupOfDefault = "C0000000000000000000000000000000d";
    private const string GroupOfA = "C0000000000000000000000000000000a";
    private const string GroupOfB = "C0000000000000000000000000000000b";

    /// <summary>Agencies a and b with the settings these tests add.</summary>
    private TwoAgencies Agencies()
    {
        var agencies = NewAgencies();
        agencies.Settings["ItaBot:Notifications:StaffGroupId"] = GroupOfDefault;
        agencies.Settings["ItaBot:Agencies:a:Notifications:StaffGroupId"] = GroupOfA;
        agencies.Settings["ItaBot:Agencies:b:Notifications:StaffGroupId"] = GroupOfB;
        agencies.Settings["ItaBot:Reports:CompileMissedNightAtStart"] = "false";
        return agencies;
    }

    [Fact]
    public async Task NightlyCompile_WithTwoAgencies_StoresEachAgencysOwnSnapshots()
    {
        using var agencies = Agencies();
        await using var host = agencies.Start(Line);
        var compiler = host.Services.GetRequiredService<IReportCompiler>();
        var slug = ReportSchedule.NightlyPeriods(WorkingCalendar.BangkokDate(TimeProvider.System.GetUtcNow().UtcDateTime))[0].Slug;

        var compiled = await host.Services.GetRequiredService<ReportSchedule>().RunAsync();

        Assert.Equal(3 * ReportSchedule.NightlyPeriods(WorkingCalendar.BangkokDate(TimeProvider.System.GetUtcNow().UtcDateTime)).Count, compiled);
        foreach (var (agency, name) in new[] { (AgencyContext.DefaultId, "เทศบาลตำบลโนนทอง"), ("a", "เทศบาลตำบลโนนทอง"), ("b", NameB) })
        {
            using (AgencyContext.Enter(agency))
            {
                Assert.Equal(name, compiler.Latest(slug)?.AgencyName);
            }
        }
    }

    [Fact]
    public async Task MonthlySummary_WithTwoAgencies_GoesToEachAgencysStaffGroup_ThroughItsOwnChannel()
    {
        using var agencies = Agencies();
        await using var host = agencies.Start(Line);

        var added = await host.Services.GetRequiredService<MonthlySummary>().RunAsync();

        Assert.Equal(3, added);
        await Line.WaitUntilAsync(l => new[] { GroupOfDefault, GroupOfA, GroupOfB }.All(g => l.Sends.Any(s => s.To == g)), TimeSpan.FromSeconds(20));
        Assert.Equal("test-token", Line.Sends.Single(s => s.To == GroupOfDefault).ChannelToken);
        Assert.Equal("token-a", Line.Sends.Single(s => s.To == GroupOfA).ChannelToken);
        var ofB = Line.Sends.Single(s => s.To == GroupOfB);
        Assert.Equal("token-b", ofB.ChannelToken);
        Assert.Contains(NameB, ofB.MessagesJson, StringComparison.Ordinal);
        Assert.Equal(0, await host.Services.GetRequiredService<MonthlySummary>().RunAsync());     // once a month per agency
    }

    [Fact]
    public async Task RecurringJobs_OnTwoNodesWithTwoAgencies_RunOncePerAgencyForTheTick_NotOncePerNodeNorOnceInAll()
    {
        using var twoAgencies = Agencies();
        await using var nodeA = new ServiceHost(Line, TempDirectory.Create(), settings: twoAgencies.Settings);
        _ = nodeA.Services;
        await using var nodeB = new ServiceHost(Line, TempDirectory.Create(), settings: twoAgencies.Settings);
        _ = nodeB.Services;
        using var db = Npgsql.NpgsqlDataSource.Create(Database!);
        Assert.Equal(2, Scalar(db, "select count(*) from hangfire.server"));
        string[] agencies = [AgencyContext.DefaultId, "a", "b"];
        // An open case in every agency whose acknowledge deadline passed: the deadline scan tells that agency's staff group.
        var created = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-3);
        foreach (var agency in agencies)
        {
            using var scope = AgencyContext.Enter(agency);
            await nodeA.Services.GetRequiredService<ItaBot.Cases.CaseService>().ImportAsync([Notifications.CaseFixtures.Case("case-0000" + agency[0], "engineering", created)]);
        }

        await RecurringTicks.AwayFromScheduleBoundariesAsync();
        string[] jobs = [ReportSchedule.JobId, MonthlySummary.JobId, ItaBot.Notifications.NotificationsStartup.DeadlineScanJob];
        var forcedAt = RecurringTicks.ForceOverdue(db, jobs, days: 40);   // the monthly summary's last tick, the 1st, is up to 31 days back

        foreach (var job in jobs)
        {
            await Wait.UntilAsync(() => RecurringTicks.RunsSince(db, job, forcedAt, "Succeeded") >= 1, TimeSpan.FromSeconds(90), $"{job} succeeded");
        }

        // Both schedulers poll every 2 s: three rounds more in which the other node could have run a job again.
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        Assert.All(jobs, job => Assert.Equal(1, RecurringTicks.RunsSince(db, job, forcedAt)));
        // None of them was created for one agency (that run would cover that agency only): each covered every agency itself.
        Assert.Equal(0, Scalar(db, """
            select count(*) from hangfire.job j join hangfire.jobparameter p on p.jobid = j.id and p.name = 'agency'
            where j.createdat >= to_timestamp(@forced / 1000.0) and j.invocationdata::text ~ '(ReportSchedule|MonthlySummary|DeadlineScan)'
            """, ("forced", forcedAt)));

        var today = WorkingCalendar.BangkokDate(TimeProvider.System.GetUtcNow().UtcDateTime);
        var yearToDate = ReportSchedule.NightlyPeriods(today)[0].Slug;
        var month = MonthlySummary.PreviousMonth(TimeProvider.System.GetUtcNow().UtcDateTime);
        foreach (var agency in agencies)
        {
            (string, object)[] of = [("agency", agency), ("forced", forcedAt)];
            // The nightly compile: once for this agency (a second run would have stored a second snapshot of the year to date).
            Assert.Equal(1, Scalar(db, "select count(*) from report_snapshots where agency_id = @agency and slug = @slug and compiled_at >= to_timestamp(@forced / 1000.0)",
                [.. of, ("slug", yearToDate)]));
            // The monthly summary: once for this agency, to its own group.
            Assert.Equal(1, Scalar(db, "select count(*) from notifications where agency_id = @agency and id like @id", [.. of, ("id", MonthlySummary.NotificationId(month) + "%")]));
            // The deadline scan: this agency's overdue case, told to this agency's group.
            Assert.Equal(1, Scalar(db, "select count(*) from notifications where agency_id = @agency and id like 'deadline-missed:%:group'", of));
        }

        // Delivered through each agency's own channel.
        await Line.WaitUntilAsync(l => new[] { GroupOfDefault, GroupOfA, GroupOfB }.All(g => l.Sends.Count(s => s.To == g) >= 2), TimeSpan.FromSeconds(30));
        Assert.All(Line.Sends.Where(s => s.To == GroupOfA), s => Assert.Equal("token-a", s.ChannelToken));
        Assert.All(Line.Sends.Where(s => s.To == GroupOfB), s => Assert.Equal("token-b", s.ChannelToken));
    }

    [Fact]
    public async Task Quota_WithTwoAgencies_IsReadWithEachChannelsToken_AndARefusalHoldsThatChannelOnly()
    {
        using var agencies = Agencies();
        var tokens = new ConcurrentQueue<string>();
        await using var host = new ServiceHost(Line,
            services: s => s.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new QuotaReads(tokens)))),
            settings: agencies.Settings);
        _ = host.Services;

        await Wait.UntilAsync(() => new[] { "test-token", "token-a", "token-b" }.All(tokens.Contains), TimeSpan.FromSeconds(20));
        var quota = host.Services.GetRequiredService<LineQuota>();
        using (AgencyContext.Enter("b"))
        {
            quota.RefusedForTheMonth();
            Assert.True(quota.PushesRefused);
        }

        using (AgencyContext.Enter("a"))
        {
            Assert.False(quota.PushesRefused);
        }

        Assert.False(quota.PushesRefused);
    }

    /// <summary>Records the bearer token of every quota reading.</summary>
    private sealed class QuotaReads(ConcurrentQueue<string> tokens) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/message/quota", StringComparison.Ordinal) && request.Headers.Authorization?.Parameter is { } token)
            {
                tokens.Enqueue(token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
