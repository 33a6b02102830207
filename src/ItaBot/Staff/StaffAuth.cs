using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ItaBot.Staff;

/// <summary>Policy names other slices use on their staff endpoints (<c>.RequireAuthorization(StaffPolicies.CaseWork)</c>).</summary>
internal static class StaffPolicies
{
    /// <summary>Any signed-in staff member.</summary>
    public const string Staff = "Staff";

    public const string Admin = "Admin";

    /// <summary>Admin or case officer.</summary>
    public const string CaseWork = "CaseWork";

    /// <summary>Admin or reporter.</summary>
    public const string Reports = "Reports";

    /// <summary>The platform administrator of a deployment of several agencies (an account of the default agency).</summary>
    public const string PlatformAdmin = "platform-admin";
}

internal static class StaffClaims
{
    public const string Department = "itabot:department";
    public const string Stamp = "itabot:stamp";

    /// <summary>The agency the account belongs to (its store): every request of the session runs for it (<see cref="StaffAgencyMiddleware"/>).</summary>
    public const string Agency = "itabot:agency";

    /// <summary>On the half-way cookie: "1" once this sign-in proved a TOTP code.</summary>
    public const string TotpVerified = "itabot:totp";

    /// <summary>The second cookie that carries a sign-in between the password and the full session (TOTP, new password, enrolment).</summary>
    public const string PendingScheme = "StaffPending";

    public static string Id(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not a staff principal.");

    public static StaffRole Role(this ClaimsPrincipal user) => Enum.Parse<StaffRole>(user.FindFirstValue(ClaimTypes.Role) ?? string.Empty);

    public static string? DepartmentOf(this ClaimsPrincipal user) => user.FindFirstValue(Department);

    public static ClaimsPrincipal Principal(StaffAccount account) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Role, account.Role.ToString()),
            new Claim(Department, account.Department ?? string.Empty),
            new Claim(Stamp, account.SecurityStamp),
            new Claim(Agency, Storage.AgencyContext.CurrentId),
        ],
        StaffAccount.AuthenticationScheme));

    public static ClaimsPrincipal Pending(StaffAccount account, bool totpVerified) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(Stamp, account.SecurityStamp),
            new Claim(TotpVerified, totpVerified ? "1" : "0"),
            new Claim(Agency, Storage.AgencyContext.CurrentId),
        ],
        PendingScheme));

    public static string Thai(this StaffRole role) => role switch
    {
        StaffRole.Admin => "ผู้ดูแลระบบ",
        StaffRole.CaseOfficer => "เจ้าหน้าที่รับเรื่อง",
        StaffRole.Reporter => "ผู้ดูสถิติ",
        StaffRole.IntegrityOfficer => "เจ้าหน้าที่ศูนย์ต่อต้านการทุจริต",
        StaffRole.PlatformAdmin => "ผู้ดูแลแพลตฟอร์ม (ทุกหน่วยงาน)",
        _ => role.ToString(),
    };
}

/// <summary>
/// Cookie events of the staff session: a session whose account was disabled or whose stamp changed (new password,
/// role, TOTP reset) ends at its next request; pages without a session go to sign-in, other requests get 401; a
/// signed-in user without the role gets the Thai 403 page.
/// </summary>
internal sealed class StaffCookieEvents(IStaffStore store) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        // The account is looked up in its own agency's store (a session of one agency finds no account in another's).
        using var agency = Storage.AgencyContext.Enter(principal?.FindFirstValue(StaffClaims.Agency));
        var account = id is null ? null : store.Find(id);
        if (account is null || account.Disabled || account.SecurityStamp != principal!.FindFirstValue(StaffClaims.Stamp))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.Path.Equals("/staff/signout", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(context.RedirectUri);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }

        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        StaffPage.Forbidden(context.HttpContext).ExecuteAsync(context.HttpContext);
}

/// <summary>
/// Staff pages run for the signed-in member's agency: their stores then hold only that agency's cases, accounts and
/// records, so a URL naming another agency's case finds nothing. Before a session exists (the sign-in steps) the
/// agency is the one the sign-in form named, carried by the half-way cookie.
/// </summary>
internal static class StaffAgencyMiddleware
{
    public static void UseStaffAgency(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase))
        {
            // Not a staff page: the agency stays the one entered before (a public page's /a/<id>/ prefix).
            await next(context).ConfigureAwait(false);
            return;
        }

        // Cached by the cookie handler: authorization reads the same result.
        var session = await context.AuthenticateAsync(StaffAccount.AuthenticationScheme).ConfigureAwait(false);
        var agency = session.Succeeded ? session.Principal.FindFirstValue(StaffClaims.Agency) : null;
        if (agency is null && path.StartsWithSegments(StaffSignInEndpoints.SignInPath, StringComparison.OrdinalIgnoreCase))
        {
            var pending = await context.AuthenticateAsync(StaffClaims.PendingScheme).ConfigureAwait(false);
            agency = pending.Succeeded ? pending.Principal.FindFirstValue(StaffClaims.Agency) : null;
        }

        using var scope = Storage.AgencyContext.Enter(agency);
        await next(context).ConfigureAwait(false);
    });
}
