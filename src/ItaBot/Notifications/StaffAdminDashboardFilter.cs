using System.Security.Claims;
using Hangfire.Dashboard;
using ItaBot.Staff;
using Microsoft.AspNetCore.Authentication;

namespace ItaBot.Notifications;

/// <summary>
/// The Hangfire dashboard is for admins: the request is authenticated with the staff cookie scheme and needs the role
/// claim "Admin". Nobody signed in gets 401, another role 403 (Hangfire picks between them from
/// <see cref="HttpContext.User"/>, which this filter sets to the staff principal). With no staff scheme registered at
/// all, nobody gets in.
/// </summary>
internal sealed class StaffAdminDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public const string AdminRole = nameof(StaffRole.Admin);

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var principal = await AuthenticateAsync(http).ConfigureAwait(false);
        if (principal is null)
        {
            return false;
        }

        http.User = principal;
        return IsAdmin(principal);
    }

    public static async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http)
    {
        var schemes = http.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is null || await schemes.GetSchemeAsync(StaffAccount.AuthenticationScheme).ConfigureAwait(false) is null)
        {
            return null;
        }

        var result = await http.AuthenticateAsync(StaffAccount.AuthenticationScheme).ConfigureAwait(false);
        return result.Succeeded ? result.Principal : null;
    }

    public static bool IsAdmin(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.HasClaim(ClaimTypes.Role, AdminRole);
}
