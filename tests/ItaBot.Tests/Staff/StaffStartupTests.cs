using System.Net;
using System.Text.RegularExpressions;
using ItaBot.Cli;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Staff;

/// <summary>Accounts at start: the "staff add" command, and the demo accounts of simulator mode.</summary>
public sealed partial class StaffStartupTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task StaffAdd_PrintsAOneTimePassword_ThatSignsInOnlyToChangeIt()
    {
        await using var host = new ServiceHost(_line);
        using var output = new StringWriter();

        var exit = await CommandLine.TryRunAsync(host.Services,
            ["staff", "add", "--user", "Somsri", "--name", "สมศรี มีสุข", "--role", "CaseOfficer", "--department", "engineering", "--head"], output);

        Assert.Equal(0, exit);
        var password = OneTime().Match(output.ToString()).Value;
        Assert.NotEmpty(password);
        var stored = host.Services.GetRequiredService<IStaffStore>().FindByUserName("somsri")!;
        Assert.Equal(("สมศรี มีสุข", StaffRole.CaseOfficer, "engineering", true, true),
            (stored.DisplayName, stored.Role, stored.Department, stored.IsDepartmentHead, stored.MustChangePassword));
        using var browser = new StaffBrowser(host);
        Assert.Equal("/staff/signin/password", (await browser.SignInAsync("somsri", password)).Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("--user", "x", "--name", "ชื่อ", "--role", "Admin")]                                   // user name too short
    [InlineData("--user", "someone", "--name", "ชื่อ", "--role", "Boss")]                              // no such role
    [InlineData("--user", "someone", "--name", "ชื่อ", "--role", "CaseOfficer")]                       // an officer needs a department
    [InlineData("--user", "someone", "--name", "ชื่อ", "--role", "Admin", "--department", "nowhere")]  // unknown department
    public async Task StaffAdd_BadArguments_ExitNonZero_CreateNothing(params string[] arguments)
    {
        await using var host = new ServiceHost(_line);
        using var output = new StringWriter();

        var exit = await CommandLine.TryRunAsync(host.Services, ["staff", "add", .. arguments], output);

        Assert.NotEqual(0, exit);
        Assert.False(host.Services.GetRequiredService<IStaffStore>().Any());
    }

    [Fact]
    public async Task SimulatorMode_WithNoAccounts_CreatesDemoAdminOfficerAndIntegrityOfficer_AdminAndIntegrityMustEnrolTotpFirst()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ItaBot:Line:ChannelSecret"] = string.Empty,
            ["ItaBot:Line:ChannelAccessToken"] = string.Empty,
        });
        Assert.NotNull(host.Services.GetService<SimulatorMode>());

        await Wait.UntilAsync(() => host.Logs.Any(l => l.Contains("demo staff accounts", StringComparison.Ordinal)), what: "the demo accounts log line");
        var line = host.Logs.First(l => l.Contains("demo staff accounts", StringComparison.Ordinal));
        var passwords = OneTime().Matches(line).Select(m => m.Value).ToList();
        Assert.Equal(3, passwords.Count);

        using var admin = new StaffBrowser(host);
        Assert.Equal("/staff/signin/enrol", (await admin.SignInAsync(StaffStartup.DemoAdmin, passwords[0])).Headers.Location!.OriginalString);
        using var officer = new StaffBrowser(host);
        Assert.Equal("/staff", (await officer.SignInAsync(StaffStartup.DemoOfficer, passwords[1])).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await officer.Client.GetAsync("/staff")).StatusCode);
        using var integrity = new StaffBrowser(host);
        Assert.Equal("/staff/signin/enrol", (await integrity.SignInAsync(StaffStartup.DemoIntegrityOfficer, passwords[2])).Headers.Location!.OriginalString);
        Assert.Equal(StaffRole.IntegrityOfficer, host.Services.GetRequiredService<IStaffStore>().List().Single(a => a.UserName == StaffStartup.DemoIntegrityOfficer).Role);
    }

    [GeneratedRegex("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}")]
    private static partial Regex OneTime();
}
