using System.Net;
using System.Security.Claims;
using ItaBot.Line.Testing;
using ItaBot.Notifications;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Notifications;

public sealed class DashboardAuthorizationTests
{
    [Fact]
    public void IsAdmin_OnlyAnAuthenticatedPrincipalWithTheAdminRoleClaim()
    {
        static ClaimsPrincipal Principal(string? authenticationType, params string[] roles) =>
            new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], authenticationType));

        Assert.True(StaffAdminDashboardFilter.IsAdmin(Principal(StaffAccount.AuthenticationScheme, "Admin")));
        Assert.True(StaffAdminDashboardFilter.IsAdmin(Principal(StaffAccount.AuthenticationScheme, "CaseOfficer", "Admin")));
        Assert.False(StaffAdminDashboardFilter.IsAdmin(Principal(StaffAccount.AuthenticationScheme, "CaseOfficer")));
        Assert.False(StaffAdminDashboardFilter.IsAdmin(Principal(StaffAccount.AuthenticationScheme, "Reporter")));
        Assert.False(StaffAdminDashboardFilter.IsAdmin(Principal(StaffAccount.AuthenticationScheme, "admin")));
        Assert.False(StaffAdminDashboardFilter.IsAdmin(Principal(null, "Admin")));       // not authenticated
        Assert.False(StaffAdminDashboardFilter.IsAdmin(new ClaimsPrincipal(new ClaimsIdentity([new Claim("role", "Admin")], "Staff"))));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(nameof(StaffRole.CaseOfficer), HttpStatusCode.Forbidden)]
    [InlineData(nameof(StaffRole.Reporter), HttpStatusCode.Forbidden)]
    [InlineData(nameof(StaffRole.Admin), HttpStatusCode.OK)]
    public async Task Dashboard_SignedInWithTheStaffCookie_AdmitsAdminsOnly(string? roleName, HttpStatusCode expected)
    {
        StaffRole? role = roleName is null ? null : Enum.Parse<StaffRole>(roleName);
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line);
        using var staff = new StaffBrowser(host);
        if (role is { } r)
        {
            var secret = r == StaffRole.Admin ? StaffTotp.NewSecret() : null;
            await StaffTestKit.AddAsync(host, "user1", r, r == StaffRole.CaseOfficer ? "engineering" : null, totpSecret: secret);
            Assert.Equal(HttpStatusCode.Redirect, (await staff.SignInAsync("user1", totpSecret: secret)).StatusCode);
        }

        using var response = await staff.Client.GetAsync(new Uri("/hangfire", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("ItaBot jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }
}
