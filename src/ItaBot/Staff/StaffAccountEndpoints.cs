using System.Globalization;
using ItaBot.Staff.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace ItaBot.Staff;

/// <summary>/staff (home) and /staff/account: change password, TOTP, LINE link code.</summary>
internal static class StaffAccountEndpoints
{
    private static TimeZoneInfo Bangkok => WorkingCalendar.Bangkok;

    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("/", Home);
        staff.MapGet("/account", (HttpContext context, StaffAccounts accounts, IDataProtectionProvider protection, string? done) =>
            AccountPage(context, accounts, protection, done == "password" ? "เปลี่ยนรหัสผ่านแล้วค่ะ" : null, "ok"));
        staff.MapPost("/account/password", ChangePasswordAsync);
        staff.MapPost("/account/totp", EnrolTotpAsync);
        staff.MapPost("/account/totp/remove", RemoveTotpAsync);
        staff.MapPost("/account/line-code", LineCodeAsync);
        staff.MapPost("/account/line-unlink", UnlinkAsync);
    }

    private static async Task<IResult> Home(HttpContext context, IEnumerable<StaffLink> links, IEnumerable<IStaffHomePanel> panels, IAuthorizationService authorization)
    {
        var shown = new List<Type>();
        foreach (var panel in panels)
        {
            if ((await authorization.AuthorizeAsync(context.User, panel.Policy).ConfigureAwait(false)).Succeeded)
            {
                shown.Add(panel.Component);
            }
        }

        var visible = new List<StaffLink>();
        foreach (var link in links)
        {
            if ((await authorization.AuthorizeAsync(context.User, link.Policy).ConfigureAwait(false)).Succeeded)
            {
                visible.Add(link);
            }
        }

        return StaffPage.Page<HomePage, HomeModel>(new(context.User.Identity?.Name ?? string.Empty, context.User.Role().Thai(), visible, shown));
    }

    internal sealed record HomeModel(string Name, string Role, IReadOnlyList<StaffLink> Links, IReadOnlyList<Type> Panels);

    /// <param name="Enrolment">Fields to turn TOTP on; null when it is on already.</param>
    internal sealed record AccountModel(StaffAccount Account, string Department, StaffSignInEndpoints.TotpEnrolment? Enrolment,
        string? Message, string MessageKind, LinkCode? LinkCode);

    /// <summary>A LINE link code just issued, and until when (Bangkok time) it may be typed.</summary>
    internal sealed record LinkCode(string Code, string Expires);

    internal static IResult AccountPage(HttpContext context, StaffAccounts accounts, IDataProtectionProvider protection,
        string? message = null, string kind = "error", LinkCode? linkCode = null)
    {
        var account = accounts.Store.Find(context.User.Id())!;
        var department = account.Department is { } id ? accounts.Store.FindDepartment(id)?.Name ?? id : "-";
        var enrolment = account.TotpSecret is null ? StaffSignInEndpoints.Enrolment(protection, account, StaffTotp.NewSecret()) : null;
        return StaffPage.Page<Pages.AccountPage, AccountModel>(new(account, department, enrolment, message, kind, linkCode));
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, StaffPasswords passwords, IDataProtectionProvider protection)
    {
        var account = accounts.Store.Find(context.User.Id())!;
        if (passwords.Verify(account, form["current"].ToString()) == PasswordVerificationResult.Failed)
        {
            return AccountPage(context, accounts, protection, "รหัสผ่านปัจจุบันไม่ถูกต้องค่ะ");
        }

        if (StaffSignInEndpoints.NewPasswordProblem(form, account.UserName) is { } problem)
        {
            return AccountPage(context, accounts, protection, problem);
        }

        var updated = await accounts.SetPasswordAsync(account.Id, form["new"].ToString()).ConfigureAwait(false);
        // The new stamp ends every other session of this account; this one goes on with a fresh cookie.
        await context.SignInAsync(StaffAccount.AuthenticationScheme, StaffClaims.Principal(updated!)).ConfigureAwait(false);
        return Results.Redirect("/staff/account?done=password");
    }

    private static async Task<IResult> EnrolTotpAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        var id = context.User.Id();
        if (StaffSignInEndpoints.EnrolmentSecret(protection, form, id) is not { } secret
            || !await accounts.EnrolTotpAsync(id, secret, form["code"].ToString()).ConfigureAwait(false))
        {
            return AccountPage(context, accounts, protection, "รหัสไม่ถูกต้องหรือหมดเวลา กรุณาสแกนรหัส QR ใหม่แล้วลองอีกครั้งค่ะ");
        }

        return AccountPage(context, accounts, protection, "เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้วค่ะ", "ok");
    }

    private static async Task<IResult> RemoveTotpAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        var account = accounts.Store.Find(context.User.Id())!;
        if (account.TotpRequired || account.TotpSecret is null)
        {
            return AccountPage(context, accounts, protection, "บทบาทนี้ต้องใช้การยืนยันตัวตนสองขั้นตอนค่ะ");
        }

        if (await accounts.CheckTotpAsync(account.Id, form["code"].ToString()).ConfigureAwait(false) != SignInOutcome.Success)
        {
            return AccountPage(context, accounts, protection, "รหัสไม่ถูกต้องค่ะ");
        }

        var current = accounts.Store.Find(account.Id)!;
        await accounts.ResetTotpAsync(account.Id, current.Version).ConfigureAwait(false);
        await context.SignInAsync(StaffAccount.AuthenticationScheme, StaffClaims.Principal(accounts.Store.Find(account.Id)!)).ConfigureAwait(false);
        return AccountPage(context, accounts, protection, "ปิดการยืนยันตัวตนสองขั้นตอนแล้วค่ะ", "ok");
    }

    private static async Task<IResult> LineCodeAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        _ = form;
        if (await accounts.NewLinkCodeAsync(context.User.Id()).ConfigureAwait(false) is not var (code, expires))
        {
            return Results.Redirect("/staff/signin");
        }

        return AccountPage(context, accounts, protection, linkCode: new LinkCode(code, Local(expires)));
    }

    private static async Task<IResult> UnlinkAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        _ = form;
        await accounts.UnlinkLineAsync(context.User.Id()).ConfigureAwait(false);
        return AccountPage(context, accounts, protection, "ยกเลิกการเชื่อมต่อ LINE แล้วค่ะ", "ok");
    }

    internal static string Local(DateTime? utc) => utc is { } at
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), Bangkok).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("th-TH"))
        : "-";
}
