using ItaBot.Staff.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace ItaBot.Staff;

/// <summary>
/// /staff/signin and the steps after the password: TOTP code, a new password after a one-time one, TOTP enrolment
/// for roles that require it. Between the steps a short-lived second cookie (<see cref="StaffClaims.PendingScheme"/>)
/// carries the sign-in; the staff session cookie is issued only when every step is done.
/// </summary>
internal static class StaffSignInEndpoints
{
    public const string SignInPath = "/staff/signin";
    private const string ReturnUrlItem = "returnUrl";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, (HttpContext context, string? returnUrl) => ShowSignIn(context, LocalOnly(returnUrl)));
        app.MapPost(SignInPath, SignInAsync);
        app.MapGet("/staff/signin/totp", TotpPageAsync);
        app.MapPost("/staff/signin/totp", TotpAsync);
        app.MapGet("/staff/signin/password", PasswordPageAsync);
        app.MapPost("/staff/signin/password", PasswordAsync);
        app.MapGet("/staff/signin/enrol", EnrolPageAsync);
        app.MapPost("/staff/signin/enrol", EnrolAsync);
        app.MapPost("/staff/signout", SignOutAsync).RequireAuthorization(StaffPolicies.Staff);
    }

    private static IResult ShowSignIn(HttpContext context, string? returnUrl, string? message = null) =>
        StaffPage.Page<SignInPage, SignInModel>(new(message, returnUrl, context.RequestServices.GetRequiredService<Agencies.AgencyDirectory>().All));

    internal sealed record SignInModel(string? Message, string? ReturnUrl, IReadOnlyList<Agencies.AgencyInfo> Agencies);

    /// <summary>A sign-in step's page: the message to show, if any.</summary>
    internal sealed record StepModel(string? Message);

    internal sealed record EnrolModel(string Role, TotpEnrolment Enrolment, string? Message);

    /// <summary>What the enrolment fields show: the otpauth address, its QR code, the secret in groups, and the sealed secret to post back.</summary>
    internal sealed record TotpEnrolment(string Uri, string Qr, string Secret, string Sealed);

    private static async Task<IResult> SignInAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, Agencies.AgencyDirectory agencies)
    {
        var returnUrl = LocalOnly(form["returnUrl"]);
        // The named agency's accounts (an unknown one has none: the same answer as a wrong password).
        var agencyId = form["agency"].ToString() is { Length: > 0 } named ? named : Storage.AgencyContext.DefaultId;
        using var agency = Storage.AgencyContext.Enter(agencyId);
        var (outcome, account) = agencies.Find(agencyId) is null
            ? (SignInOutcome.Invalid, null)
            : await accounts.CheckPasswordAsync(form["user"].ToString(), form["password"].ToString()).ConfigureAwait(false);
        if (outcome != SignInOutcome.Success)
        {
            // One answer for a locked account and a wrong or unknown name, so that the lock does not tell which names exist.
            return ShowSignIn(context, returnUrl, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง หรือบัญชีถูกล็อกชั่วคราวเพราะใส่รหัสผิดหลายครั้ง กรุณาตรวจสอบแล้วลองใหม่ภายหลัง หรือติดต่อผู้ดูแลระบบค่ะ");
        }

        return await ContinueAsync(context, accounts, account!, totpVerified: false, returnUrl).ConfigureAwait(false);
    }

    private static async Task<IResult> TotpPageAsync(HttpContext context, StaffAccounts accounts) =>
        await PendingAsync(context, accounts).ConfigureAwait(false) is { } pending ? TotpPage(null) : Restart();

    private static IResult TotpPage(string? message) =>
        StaffPage.Page<SignInTotpPage, StepModel>(new(message));

    private static async Task<IResult> TotpAsync(HttpContext context, IFormCollection form, StaffAccounts accounts)
    {
        if (await PendingAsync(context, accounts).ConfigureAwait(false) is not { } pending)
        {
            return Restart();
        }

        var outcome = await accounts.CheckTotpAsync(pending.Account.Id, form["code"].ToString()).ConfigureAwait(false);
        return outcome switch
        {
            SignInOutcome.Success => await ContinueAsync(context, accounts, accounts.Store.Find(pending.Account.Id)!, true, pending.ReturnUrl).ConfigureAwait(false),
            SignInOutcome.Locked => await LockedAsync(context).ConfigureAwait(false),
            _ => TotpPage("รหัสไม่ถูกต้อง หรือใช้ไปแล้ว กรุณารอรหัสใหม่จากแอปแล้วลองอีกครั้งค่ะ"),
        };
    }

    private static async Task<IResult> PasswordPageAsync(HttpContext context, StaffAccounts accounts) =>
        await PendingAsync(context, accounts).ConfigureAwait(false) is { } ? PasswordPage(null) : Restart();

    private static IResult PasswordPage(string? message) =>
        StaffPage.Page<SignInPasswordPage, StepModel>(new(message));

    private static async Task<IResult> PasswordAsync(HttpContext context, IFormCollection form, StaffAccounts accounts)
    {
        if (await PendingAsync(context, accounts).ConfigureAwait(false) is not { } pending)
        {
            return Restart();
        }

        if (NewPasswordProblem(form, pending.Account.UserName) is { } problem)
        {
            return PasswordPage(problem);
        }

        var updated = await accounts.SetPasswordAsync(pending.Account.Id, form["new"].ToString()).ConfigureAwait(false);
        return updated is null ? Restart() : await ContinueAsync(context, accounts, updated, pending.TotpVerified, pending.ReturnUrl).ConfigureAwait(false);
    }

    private static async Task<IResult> EnrolPageAsync(HttpContext context, StaffAccounts accounts, IDataProtectionProvider protection) =>
        await PendingAsync(context, accounts).ConfigureAwait(false) is { } pending
            ? EnrolPage(protection, pending.Account, StaffTotp.NewSecret(), null)
            : Restart();

    private static IResult EnrolPage(IDataProtectionProvider protection, StaffAccount account, string secret, string? message) =>
        StaffPage.Page<SignInEnrolPage, EnrolModel>(new(account.Role.Thai(), Enrolment(protection, account, secret), message));

    private static async Task<IResult> EnrolAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        if (await PendingAsync(context, accounts).ConfigureAwait(false) is not { } pending)
        {
            return Restart();
        }

        if (EnrolmentSecret(protection, form, pending.Account.Id) is not { } secret)
        {
            return EnrolPage(protection, pending.Account, StaffTotp.NewSecret(), "หมดเวลาตั้งค่า กรุณาสแกนรหัส QR ใหม่อีกครั้งค่ะ");
        }

        if (!await accounts.EnrolTotpAsync(pending.Account.Id, secret, form["code"].ToString()).ConfigureAwait(false))
        {
            return EnrolPage(protection, pending.Account, secret, "รหัสไม่ถูกต้อง ตรวจสอบเวลาในโทรศัพท์ แล้วใส่รหัสล่าสุดจากแอปค่ะ");
        }

        return await ContinueAsync(context, accounts, accounts.Store.Find(pending.Account.Id)!, true, pending.ReturnUrl).ConfigureAwait(false);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IFormCollection form, StaffAccounts accounts)
    {
        _ = form;   // bound so that the antiforgery token is checked
        await accounts.SignedOutAsync(context.User.Id()).ConfigureAwait(false);   // a copy of the cookie stops working too
        await context.SignOutAsync(StaffAccount.AuthenticationScheme).ConfigureAwait(false);
        await context.SignOutAsync(StaffClaims.PendingScheme).ConfigureAwait(false);
        return Results.Redirect(SignInPath);
    }

    /// <summary>The next step of a sign-in whose password was right; the session itself when none is left.</summary>
    private static async Task<IResult> ContinueAsync(HttpContext context, StaffAccounts accounts, StaffAccount account, bool totpVerified, string? returnUrl)
    {
        string? next = account.TotpSecret is not null && !totpVerified ? "/staff/signin/totp"
            : account.MustChangePassword ? "/staff/signin/password"
            : account.TotpRequired && account.TotpSecret is null ? "/staff/signin/enrol"
            : null;
        if (next is not null)
        {
            var properties = new AuthenticationProperties();
            properties.Items[ReturnUrlItem] = returnUrl;
            await context.SignInAsync(StaffClaims.PendingScheme, StaffClaims.Pending(account, totpVerified), properties).ConfigureAwait(false);
            return Results.Redirect(next);
        }

        var signedIn = await accounts.SignedInAsync(account.Id).ConfigureAwait(false) ?? account;
        await context.SignOutAsync(StaffClaims.PendingScheme).ConfigureAwait(false);
        await context.SignInAsync(StaffAccount.AuthenticationScheme, StaffClaims.Principal(signedIn)).ConfigureAwait(false);
        return Results.Redirect(LocalOnly(returnUrl) ?? "/staff");
    }

    internal sealed record Pending(StaffAccount Account, bool TotpVerified, string? ReturnUrl);

    /// <summary>The sign-in in progress, if its cookie is valid and the account unchanged since the password.</summary>
    private static async Task<Pending?> PendingAsync(HttpContext context, StaffAccounts accounts)
    {
        var result = await context.AuthenticateAsync(StaffClaims.PendingScheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is not { } id
            || accounts.Store.Find(id) is not { Disabled: false } account
            || account.SecurityStamp != result.Principal.FindFirst(StaffClaims.Stamp)?.Value)
        {
            return null;
        }

        return new Pending(account, result.Principal.FindFirst(StaffClaims.TotpVerified)?.Value == "1",
            result.Properties.Items.TryGetValue(ReturnUrlItem, out var url) ? LocalOnly(url) : null);
    }

    private static async Task<IResult> LockedAsync(HttpContext context)
    {
        await context.SignOutAsync(StaffClaims.PendingScheme).ConfigureAwait(false);
        return ShowSignIn(context, null, "บัญชีนี้ถูกล็อกชั่วคราวเพราะใส่รหัสผิดหลายครั้ง กรุณาลองใหม่ภายหลัง หรือติดต่อผู้ดูแลระบบค่ะ");
    }

    private static IResult Restart() => Results.Redirect(SignInPath);

    /// <summary>Only our own staff pages (and the dashboard) are places to go back to: no open redirect.</summary>
    internal static string? LocalOnly(string? url) =>
        url is { Length: > 0 } && (url.StartsWith("/staff", StringComparison.Ordinal) || url.StartsWith("/hangfire", StringComparison.Ordinal))
            && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url : null;

    internal static string? NewPasswordProblem(IFormCollection form, string userName) =>
        form["new"].ToString() != form["confirm"].ToString() ? "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกันค่ะ"
        : StaffPasswords.Problem(form["new"].ToString(), userName);

    /// <summary>A new secret's enrolment: the secret travels protected (15 minutes) in a hidden field.</summary>
    internal static TotpEnrolment Enrolment(IDataProtectionProvider protection, StaffAccount account, string secret)
    {
        var uri = StaffTotp.Uri(secret, account.UserName);
        var sealedSecret = Enrolments(protection).Protect(account.Id + ":" + secret, TimeSpan.FromMinutes(15));
        return new TotpEnrolment(uri, StaffTotp.QrDataUri(uri), StaffTotp.Grouped(secret), sealedSecret);
    }

    internal static string? EnrolmentSecret(IDataProtectionProvider protection, IFormCollection form, string accountId)
    {
        try
        {
            var value = Enrolments(protection).Unprotect(form["enrolment"].ToString());
            return value.StartsWith(accountId + ":", StringComparison.Ordinal) ? value[(accountId.Length + 1)..] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Enrolments(IDataProtectionProvider protection) =>
        protection.CreateProtector("ItaBot.Staff.TotpEnrolment").ToTimeLimitedDataProtector();
}
