using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ItaBot.Notifications;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    [InlineData("CaseOfficer", HttpStatusCode.Forbidden)]
    [InlineData("Reporter", HttpStatusCode.Forbidden)]
    [InlineData("Admin", HttpStatusCode.OK)]
    public async Task Dashboard_AuthenticatesWithTheStaffSchemeAndAdmitsAdminsOnly(string? role, HttpStatusCode expected)
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, services: services =>
            services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, HeaderStaffScheme>(StaffAccount.AuthenticationScheme, _ => { }));
        using var http = host.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        if (role is not null)
        {
            request.Headers.Add(HeaderStaffScheme.Header, role);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("ItaBot jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dashboard_WithoutAnyStaffScheme_AdmitsNobody()
    {
        await using var line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line);
        using var http = host.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add(HeaderStaffScheme.Header, "Admin");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Stands in for the staff cookie scheme: the request's role header becomes a signed-in staff principal.</summary>
    private sealed class HeaderStaffScheme(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Header = "X-Test-Staff-Role";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "staff"), new Claim(ClaimTypes.Role, role.ToString())], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
