using System.Globalization;
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
            AccountPage(context, accounts, protection, done == "password" ? StaffPage.Message("เปลี่ยนรหัสผ่านแล้วค่ะ", "ok") : null));
        staff.MapPost("/account/password", ChangePasswordAsync);
        staff.MapPost("/account/totp", EnrolTotpAsync);
        staff.MapPost("/account/totp/remove", RemoveTotpAsync);
        staff.MapPost("/account/line-code", LineCodeAsync);
        staff.MapPost("/account/line-unlink", UnlinkAsync);
    }

    private static async Task<IResult> Home(HttpContext context, IEnumerable<StaffLink> links, IEnumerable<IStaffHomePanel> panels, IAuthorizationService authorization)
    {
        var shown = new List<Html>();
        foreach (var panel in panels)
        {
            if ((await authorization.AuthorizeAsync(context.User, panel.Policy).ConfigureAwait(false)).Succeeded)
            {
                shown.Add(panel.Render(context));
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

        var items = visible.Count == 0
            ? Html.Of($"""<p class="muted">ยังไม่มีงานในระบบสำหรับบัญชีนี้ หน้ารายการเรื่องร้องเรียนจะแสดงที่นี่ค่ะ</p>""")
            : Html.Of($"""<ul class="links">{visible.Select(l => Html.Of($"""<li><a href="{l.Href}">{l.Title}</a>{(l.Description is null ? Html.Empty : Html.Of($" — <span class=\"muted\">{l.Description}</span>"))}</li>"""))}</ul>""");
        return StaffPage.Render(context, "หน้าหลัก", Html.Of($"""
            <p>สวัสดีค่ะ คุณ{context.User.Identity?.Name} ({context.User.Role().Thai()})</p>
            {items}
            {Html.Join(shown)}
            <p><a href="/staff/account">บัญชีของฉัน</a> — รหัสผ่าน การยืนยันตัวตนสองขั้นตอน และการเชื่อมต่อ LINE</p>
            """));
    }

    internal static IResult AccountPage(HttpContext context, StaffAccounts accounts, IDataProtectionProvider protection, Html? message)
    {
        var account = accounts.Store.Find(context.User.Id())!;
        var department = account.Department is { } id ? accounts.Store.FindDepartment(id)?.Name ?? id : "-";
        var totp = account.TotpSecret is not null
            ? Html.Of($"""
                <p>เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้ว</p>
                {(account.TotpRequired ? Html.Of($"""<p class="muted">บทบาทนี้ต้องใช้ตลอด หากเปลี่ยนโทรศัพท์ ให้ผู้ดูแลระบบล้างการตั้งค่าแล้วตั้งใหม่ค่ะ</p>""") : Html.Of($"""
                <form method="post" action="/staff/account/totp/remove">{StaffPage.Antiforgery(context)}
                <label for="remove-code">ปิดการใช้งาน: ใส่รหัส 6 หลักปัจจุบัน</label>
                <input id="remove-code" name="code" inputmode="numeric" maxlength="7" required>
                <button class="secondary" type="submit">ปิดการยืนยันตัวตนสองขั้นตอน</button></form>
                """))}
                """)
            : Html.Of($"""
                <form method="post" action="/staff/account/totp">{StaffPage.Antiforgery(context)}
                {StaffSignInEndpoints.EnrolFields(protection, account, StaffTotp.NewSecret())}
                <button type="submit">เปิดใช้</button></form>
                """);
        var line = account.LineUserId is not null
            ? Html.Of($"""
                <p>เชื่อมต่อ LINE แล้ว เมื่อ {Local(account.LineLinkedAt)} — คุณจะได้รับการแจ้งเตือนเรื่องร้องเรียนทาง LINE</p>
                <form method="post" action="/staff/account/line-unlink">{StaffPage.Antiforgery(context)}<button class="secondary" type="submit">ยกเลิกการเชื่อมต่อ LINE</button></form>
                """)
            : Html.Of($"""<p>ยังไม่ได้เชื่อมต่อ LINE</p>""");
        return StaffPage.Render(context, "บัญชีของฉัน", Html.Of($"""
            {message ?? Html.Empty}
            <section class="box">
            <p>ชื่อ: {account.DisplayName}<br>ชื่อผู้ใช้: {account.UserName}<br>บทบาท: {account.Role.Thai()}<br>หน่วยงาน: {department}</p>
            </section>
            <h2>เปลี่ยนรหัสผ่าน</h2>
            <form class="box" method="post" action="/staff/account/password">{StaffPage.Antiforgery(context)}
            <label for="current">รหัสผ่านปัจจุบัน</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required>
            {StaffSignInEndpoints.NewPasswordFields()}
            <button type="submit">เปลี่ยนรหัสผ่าน</button>
            </form>
            <h2>การยืนยันตัวตนสองขั้นตอน (TOTP)</h2>
            <section class="box">{totp}</section>
            <h2>เชื่อมต่อ LINE เพื่อรับการแจ้งเตือน</h2>
            <section class="box">{line}
            <form method="post" action="/staff/account/line-code">{StaffPage.Antiforgery(context)}<button type="submit">ขอรหัสเชื่อมต่อ LINE</button></form>
            </section>
            """));
    }

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, StaffPasswords passwords, IDataProtectionProvider protection)
    {
        var account = accounts.Store.Find(context.User.Id())!;
        if (passwords.Verify(account, form["current"].ToString()) == PasswordVerificationResult.Failed)
        {
            return AccountPage(context, accounts, protection, StaffPage.Message("รหัสผ่านปัจจุบันไม่ถูกต้องค่ะ"));
        }

        if (StaffSignInEndpoints.NewPasswordProblem(form, account.UserName) is { } problem)
        {
            return AccountPage(context, accounts, protection, StaffPage.Message(problem));
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
            return AccountPage(context, accounts, protection, StaffPage.Message("รหัสไม่ถูกต้องหรือหมดเวลา กรุณาสแกนรหัส QR ใหม่แล้วลองอีกครั้งค่ะ"));
        }

        return AccountPage(context, accounts, protection, StaffPage.Message("เปิดใช้การยืนยันตัวตนสองขั้นตอนแล้วค่ะ", "ok"));
    }

    private static async Task<IResult> RemoveTotpAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        var account = accounts.Store.Find(context.User.Id())!;
        if (account.TotpRequired || account.TotpSecret is null)
        {
            return AccountPage(context, accounts, protection, StaffPage.Message("บทบาทนี้ต้องใช้การยืนยันตัวตนสองขั้นตอนค่ะ"));
        }

        if (await accounts.CheckTotpAsync(account.Id, form["code"].ToString()).ConfigureAwait(false) != SignInOutcome.Success)
        {
            return AccountPage(context, accounts, protection, StaffPage.Message("รหัสไม่ถูกต้องค่ะ"));
        }

        var current = accounts.Store.Find(account.Id)!;
        await accounts.ResetTotpAsync(account.Id, current.Version).ConfigureAwait(false);
        await context.SignInAsync(StaffAccount.AuthenticationScheme, StaffClaims.Principal(accounts.Store.Find(account.Id)!)).ConfigureAwait(false);
        return AccountPage(context, accounts, protection, StaffPage.Message("ปิดการยืนยันตัวตนสองขั้นตอนแล้วค่ะ", "ok"));
    }

    private static async Task<IResult> LineCodeAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        _ = form;
        if (await accounts.NewLinkCodeAsync(context.User.Id()).ConfigureAwait(false) is not var (code, expires))
        {
            return Results.Redirect("/staff/signin");
        }

        return AccountPage(context, accounts, protection, Html.Of($"""
            <section class="msg note">
            <p>พิมพ์ข้อความนี้ในแชท LINE ของเทศบาล (ใช้ได้ครั้งเดียว ถึงเวลา {Local(expires)} น.)</p>
            <p class="code" id="link-code">เชื่อมต่อ {code}</p>
            </section>
            """));
    }

    private static async Task<IResult> UnlinkAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, IDataProtectionProvider protection)
    {
        _ = form;
        await accounts.UnlinkLineAsync(context.User.Id()).ConfigureAwait(false);
        return AccountPage(context, accounts, protection, StaffPage.Message("ยกเลิกการเชื่อมต่อ LINE แล้วค่ะ", "ok"));
    }

    internal static string Local(DateTime? utc) => utc is { } at
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), Bangkok).ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("th-TH"))
        : "-";
}
