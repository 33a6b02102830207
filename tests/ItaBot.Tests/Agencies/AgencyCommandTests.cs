using System.Globalization;
using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItaBot.Tests.Agencies;

/// <summary>Commands with <c>--agency &lt;id&gt;</c> (issue 18 item 3) work for that agency only; an unknown id is refused with the list.</summary>
public sealed class AgencyCommandTests : PostgreSqlServiceTest
{
    private (ServiceHost Host, Content.TempContentPack PackOfB) TwoAgenciesService()
    {
        var packB = TwoAgencies.PackOfB();
        var directory = TempDirectory.Create();
        return (new ServiceHost(Line, directory, settings: TwoAgencies.Add(OneDatabase(directory), packB)), packB);
    }

    private static async Task<(int? Exit, string Output)> RunAsync(ServiceHost host, params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CommandLine.TryRunAsync(host.Services, args, output);
        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
        return (exit, output.ToString());
    }

    private static int CasesOf(ServiceHost host, string agency)
    {
        using var scope = AgencyContext.Enter(agency);
        return host.Services.GetRequiredService<ICaseStore>().Census().Cases;
    }

    [Fact]
    public async Task Seed_WithAgency_FillsThatAgencyOnly()
    {
        var (host, packB) = TwoAgenciesService();
        await using var _ = host;
        using var __ = packB;

        var (exit, output) = await RunAsync(host, "seed", "--cases", "40", "--fiscal-years", "2569-2570", "--cases-only", "--agency", "b");

        Assert.True(exit == 0, output);
        Assert.Equal(40, CasesOf(host, "b"));
        Assert.Equal(0, CasesOf(host, "a"));
        Assert.Equal(0, CasesOf(host, AgencyContext.DefaultId));
    }

    [Fact]
    public async Task Seed_WithAgency_OnPostgreSql_FilesTheDemoProtectedReportsIntoThatAgencysVault_AndWritesNoVaultFile()
    {
        var (host, packB) = TwoAgenciesService();
        await using var _ = host;
        using var __ = packB;

        var (exit, output) = await RunAsync(host, "seed", "--cases", "40", "--fiscal-years", "2569-2570", "--agency", "b");

        Assert.True(exit == 0, output);
        Assert.Contains("3 protected reports through the vault", output, StringComparison.Ordinal);
        // B's integrity officer lists and opens them through B's vault (B's KEK); the other agencies' vaults stay empty.
        var vaults = host.Services.GetRequiredService<AgencyVaults>();
        var ofB = await vaults.For("b").ListAsync("officer-b");
        Assert.Equal(3, ofB.Count);
        foreach (var report in ofB)
        {
            var opened = await vaults.For("b").ReadAsync(report.ReportId, "officer-b");
            Assert.False(string.IsNullOrWhiteSpace(opened.Content.WhatHappened));
            Assert.Equal("กองคลัง", opened.Content.Unit);
        }

        Assert.Empty(await vaults.For("a").ListAsync("officer-a"));
        Assert.Empty(await vaults.For(AgencyContext.DefaultId).ListAsync("officer"));
        using var database = NpgsqlDataSource.Create(Database!);
        Assert.Equal(3, Scalar(database, "select count(*) from vault_reports where agency_id = 'b'"));
        Assert.Equal(0, Scalar(database, "select count(*) from vault_reports where agency_id <> 'b'"));
        Assert.Empty(Directory.EnumerateFiles(host.DataDirectory, "vault*.db", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Report_WithAgency_CountsThatAgencysCasesOnly()
    {
        var (host, packB) = TwoAgenciesService();
        await using var _ = host;
        using var __ = packB;
        var cases = host.Services.GetRequiredService<CaseService>();
        foreach (var (agency, count) in new[] { ("a", 1), ("b", 3) })
        {
            using var scope = AgencyContext.Enter(agency);
            for (var i = 0; i < count; i++)
            {
                await cases.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะล้นถังหน้าตลาด " + i }, CaseService.CitizenActor);
            }
        }

        var today = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), WorkingCalendar.Bangkok).Date;
        string[] Period(string agency) => ["report", "--from", today.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--to", today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--out", TempDirectory.Create(), "--agency", agency];

        var ofB = await RunAsync(host, Period("b"));
        var ofA = await RunAsync(host, Period("a"));

        Assert.True(ofB.Exit == 0, ofB.Output);
        Assert.Contains(", 3 cases,", ofB.Output, StringComparison.Ordinal);
        Assert.True(ofA.Exit == 0, ofA.Output);
        Assert.Contains(", 1 cases,", ofA.Output, StringComparison.Ordinal);
        using var database = NpgsqlDataSource.Create(Database!);
        Assert.Equal(1, Scalar(database, "select count(*) from report_snapshots where agency_id = 'b'"));
        Assert.Equal(1, Scalar(database, "select count(*) from report_snapshots where agency_id = 'a'"));
    }

    [Fact]
    public async Task RichMenuDeploy_WithAgency_PutsTheMenuOnThatAgencysChannel()
    {
        var (host, packB) = TwoAgenciesService();
        await using var _ = host;
        using var __ = packB;

        var (exit, output) = await RunAsync(host, "richmenu", "deploy", "--agency", "b");

        Assert.True(exit == 0, output);
        var calls = Line.CallsWithToken.Where(c => c.Call.Contains("/richmenu", StringComparison.Ordinal)).ToList();
        Assert.Contains(calls, c => c.Call == "POST /v2/bot/richmenu");
        Assert.All(calls, c => Assert.Equal("token-b", c.ChannelToken));
    }

    [Fact]
    public async Task VaultVerify_WithAgency_ChecksTheAuditChain()
    {
        var (host, packB) = TwoAgenciesService();
        await using var _ = host;
        using var __ = packB;

        var (exit, output) = await RunAsync(host, "vault", "verify", "--agency", "b");

        Assert.True(exit == 0, output);
        Assert.Contains("Audit chain intact", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed", "--cases", "5")]
    [InlineData("report", "--fiscal-year", "2569")]
    [InlineData("richmenu", "deploy")]
    [InlineData("vault", "verify")]
    [InlineData("staff", "add", "--user", "wilai")]
    public async Task Command_WithAnUnknownAgency_IsRefusedWithTheListOfAgencies_AndDoesNothing(params string[] command)
    {
        var (host, packB) = TwoAgenciesService();
        await using var _ = host;
        using var __ = packB;
        Assert.NotNull(host.Services);   // started: what the start sends to LINE is not the command's
        var calls = Line.Calls.Count;

        var (exit, output) = await RunAsync(host, [.. command, "--agency", "c"]);

        Assert.Equal(2, exit);
        Assert.Contains("Unknown agency 'c' after --agency. Agencies: default, a, b.", output, StringComparison.Ordinal);
        Assert.Equal(calls, Line.Calls.Count);
        Assert.All(new[] { AgencyContext.DefaultId, "a", "b" }, agency => Assert.Equal(0, CasesOf(host, agency)));
    }
}
