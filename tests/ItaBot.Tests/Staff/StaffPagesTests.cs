using System.Net;
using System.Security.Claims;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Staff;

/// <summary>The staff pages through the whole service: sign-in steps, refusals for every route, antiforgery, encoding, session end.</summary>
public sealed class StaffPagesTests : IAsyncLifetime
{
    private static readonly string[] PageRoutes = ["/staff", "/staff/account", "/staff/admin/staff", "/staff/admin/staff/{id}", "/staff/admin/departments"];

    private static readonly string[] FormRoutes =
    [
        "/staff/account/password", "/staff/account/totp", "/staff/account/totp/remove", "/staff/account/line-code", "/staff/account/line-unlink",
        "/staff/admin/staff", "/staff/admin/staff/{id}", "/staff/admin/staff/{id}/password", "/staff/admin/staff/{id}/totp",
        "/staff/admin/departments", "/staff/admin/departments/engineering",
    ];

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task EveryStaffRoute_WithoutASession_PagesRedirectToSignIn_FormsGet401()
    {
        await using var host = new ServiceHost(_line);
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var anonymous = new StaffBrowser(host);

        foreach (var route in PageRoutes.Select(r => r.Replace("{id}", officer.Id, StringComparison.Ordinal)))
        {
            var response = await anonymous.Client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, route);
            Assert.StartsWith("/staff/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var signInPage = await anonymous.GetPageAsync("/staff/signin");
        foreach (var route in FormRoutes.Select(r => r.Replace("{id}", officer.Id, StringComparison.Ordinal)))
        {
            var response = await anonymous.PostAsync(route, signInPage, ("name", "x"));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task AdminRoutes_ForACaseOfficer_Get403WithAThaiPage_HisOwnPagesWork()
    {
        await using var host = new ServiceHost(_line);
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var browser = new StaffBrowser(host);
        Assert.Equal("/staff", (await browser.SignInAsync("officer1")).Headers.Location!.OriginalString);

        var home = await browser.GetPageAsync("/staff");
        Assert.Contains("เจ้าหน้าที่ officer1", home, StringComparison.Ordinal);
        await browser.GetPageAsync("/staff/account");
        foreach (var route in PageRoutes.Where(r => r.StartsWith("/staff/admin", StringComparison.Ordinal)).Select(r => r.Replace("{id}", officer.Id, StringComparison.Ordinal)))
        {
            var response = await browser.Client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, route);
            Assert.Contains("ไม่มีสิทธิ์", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var route in FormRoutes.Where(r => r.StartsWith("/staff/admin", StringComparison.Ordinal)).Select(r => r.Replace("{id}", officer.Id, StringComparison.Ordinal)))
        {
            var response = await browser.PostAsync(route, home, ("name", "x"), ("version", "1"));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, route);
        }

        Assert.Equal(StaffRole.CaseOfficer, host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.Role);
    }

    [Fact]
    public async Task Policies_CaseWorkAndReports_LetInExactlyTheirRoles()
    {
        await using var host = new ServiceHost(_line);
        var authorization = host.Services.GetRequiredService<IAuthorizationService>();
        var expected = new Dictionary<string, StaffRole[]>(StringComparer.Ordinal)
        {
            [StaffPolicies.Admin] = [StaffRole.Admin],
            [StaffPolicies.CaseWork] = [StaffRole.Admin, StaffRole.CaseOfficer],
            [StaffPolicies.Reports] = [StaffRole.Admin, StaffRole.Reporter],
            [StaffPolicies.Staff] = Enum.GetValues<StaffRole>(),
        };

        foreach (var (policy, roles) in expected)
        {
            foreach (var role in Enum.GetValues<StaffRole>())
            {
                var user = StaffClaims.Principal(new StaffAccount { Id = "x", UserName = "x", DisplayName = "x", Role = role, PasswordHash = "x", SecurityStamp = "s" });
                Assert.Equal(roles.Contains(role), (await authorization.AuthorizeAsync(user, policy)).Succeeded);
            }

            Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), policy)).Succeeded);
        }
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_Is400_AndChangesNothing()
    {
        await using var host = new ServiceHost(_line);
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var browser = new StaffBrowser(host);
        await browser.SignInAsync("officer1");

        var response = await browser.PostAsync("/staff/account/line-code", pageWithToken: null);
        using var fresh = new StaffBrowser(host);
        var signIn = await fresh.PostAsync("/staff/signin", null, ("user", "officer1"), ("password", StaffBrowser.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Null(host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.LinkCodeHash);
    }

    [Fact]
    public async Task Admin_SignInNeedsTheTotpCode_ThenCreatesAnOfficerWhoseScriptNameIsShownEncoded()
    {
        await using var host = new ServiceHost(_line);
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        using var admin = new StaffBrowser(host);

        var afterPassword = await admin.PostAsync("/staff/signin", await admin.GetPageAsync("/staff/signin"), ("user", "admin1"), ("password", StaffBrowser.Password));
        Assert.Equal("/staff/signin/totp", afterPassword.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Client.GetAsync("/staff")).StatusCode);   // no session before the code
        var codePage = await admin.GetPageAsync("/staff/signin/totp");
        var wrong = await admin.PostAsync("/staff/signin/totp", codePage, ("code", "000000"));
        Assert.Contains("รหัสไม่ถูกต้อง", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var done = await admin.PostAsync("/staff/signin/totp", codePage, ("code", StaffTotp.Compute(secret, TimeProvider.System.GetUtcNow())));
        Assert.Equal("/staff", done.Headers.Location!.OriginalString);

        var list = await admin.GetPageAsync("/staff/admin/staff");
        var created = await admin.PostAsync("/staff/admin/staff", list,
            ("user", "Officer2"), ("name", "<script>alert('x')</script>สมศรี"), ("role", "CaseOfficer"), ("department", "engineering"));
        var page = await created.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("id=\"one-time-password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;สมศรี", page, StringComparison.Ordinal);
        var stored = host.Services.GetRequiredService<IStaffStore>().FindByUserName("officer2")!;
        Assert.Equal("<script>alert('x')</script>สมศรี", stored.DisplayName);
        Assert.True(stored.MustChangePassword);
    }

    [Fact]
    public async Task NewAdmin_MustChangeTheOneTimePassword_ThenEnrolTotp_BeforeAnyStaffPage()
    {
        await using var host = new ServiceHost(_line);
        var (_, issued) = await host.Services.GetRequiredService<StaffAccounts>().CreateAsync("boss", "หัวหน้า", StaffRole.Admin, null, false);
        using var browser = new StaffBrowser(host);

        var first = await browser.SignInAsync("boss", issued!.OneTimePassword);
        Assert.Equal("/staff/signin/password", first.Headers.Location!.OriginalString);
        var passwordPage = await browser.GetPageAsync("/staff/signin/password");
        var mismatch = await browser.PostAsync("/staff/signin/password", passwordPage, ("new", "ลมหนาวมาแล้ว-2568"), ("confirm", "อย่างอื่น-2568"));
        Assert.Contains("ไม่ตรงกัน", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var changed = await browser.PostAsync("/staff/signin/password", passwordPage, ("new", "ลมหนาวมาแล้ว-2568"), ("confirm", "ลมหนาวมาแล้ว-2568"));
        Assert.Equal("/staff/signin/enrol", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/staff")).StatusCode);

        var enrolPage = await browser.GetPageAsync("/staff/signin/enrol");
        Assert.Contains("data:image/png;base64,", enrolPage, StringComparison.Ordinal);
        var secret = System.Text.RegularExpressions.Regex.Match(enrolPage, "id=\"totp-secret\">([A-Z2-7 ]+)<").Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        var enrolled = await browser.PostAsync("/staff/signin/enrol", enrolPage, ("code", StaffTotp.Compute(secret, TimeProvider.System.GetUtcNow())),
            ("enrolment", System.Text.RegularExpressions.Regex.Match(enrolPage, "name=\"enrolment\" value=\"([^\"]+)\"").Groups[1].Value));

        Assert.Equal("/staff", enrolled.Headers.Location!.OriginalString);
        await browser.GetPageAsync("/staff/admin/staff");
        var stored = host.Services.GetRequiredService<IStaffStore>().FindByUserName("boss")!;
        Assert.False(stored.MustChangePassword);
        Assert.NotNull(stored.TotpSecret);
        Assert.DoesNotContain(secret, stored.TotpSecret, StringComparison.Ordinal);   // kept encrypted
    }

    [Fact]
    public async Task DisablingAnAccount_OrResettingItsPassword_EndsItsOpenSessionAtTheNextRequest()
    {
        await using var host = new ServiceHost(_line);
        var accounts = host.Services.GetRequiredService<StaffAccounts>();
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        var other = await StaffTestKit.AddAsync(host, "officer2", StaffRole.CaseOfficer, "engineering");
        using var first = new StaffBrowser(host);
        using var second = new StaffBrowser(host);
        await first.SignInAsync("officer1");
        await second.SignInAsync("officer2");
        await first.GetPageAsync("/staff");
        await second.GetPageAsync("/staff");

        var current = host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!;
        await accounts.UpdateAsync(officer.Id, current.Version, current.DisplayName, current.Role, current.Department, false, disabled: true);
        await accounts.ResetPasswordAsync(other.Id, host.Services.GetRequiredService<IStaffStore>().Find(other.Id)!.Version);

        Assert.Equal(HttpStatusCode.Redirect, (await first.Client.GetAsync("/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.Client.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPasswordFiveTimes_LocksTheAccountWithAThaiMessage()
    {
        await using var host = new ServiceHost(_line);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var browser = new StaffBrowser(host);

        string page = string.Empty;
        for (var i = 0; i < 5; i++)
        {
            page = await (await browser.SignInAsync("officer1", "wrong-password")).Content.ReadAsStringAsync();
        }

        var right = await browser.SignInAsync("officer1");

        Assert.Contains("ถูกล็อกชั่วคราว", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("ถูกล็อกชั่วคราว", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_LockedAccountAndUnknownName_GetTheSameAnswer()
    {
        await using var host = new ServiceHost(_line);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var browser = new StaffBrowser(host);
        for (var i = 0; i < 5; i++)
        {
            await browser.SignInAsync("officer1", "wrong-password");
            await browser.SignInAsync("nobody", "wrong-password");
        }

        var locked = await (await browser.SignInAsync("officer1", "wrong-password")).Content.ReadAsStringAsync();
        var unknown = await (await browser.SignInAsync("nobody", "wrong-password")).Content.ReadAsStringAsync();

        Assert.Equal(MessageOf(unknown), MessageOf(locked));
        Assert.Contains("ถูกล็อกชั่วคราว", MessageOf(locked), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_ACopyOfTheOldCookie_NoLongerOpensAnyPage()
    {
        await using var host = new ServiceHost(_line);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var browser = new StaffBrowser(host);
        var signedIn = await browser.SignInAsync("officer1");
        var copied = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("itabot.staff=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/staff")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/staff/signout", await browser.GetPageAsync("/staff"))).StatusCode);

        var replayed = await thief.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/staff/signin", replayed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyAndSameSiteStrict_AndSignOutEndsIt()
    {
        await using var host = new ServiceHost(_line);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var browser = new StaffBrowser(host);

        var signedIn = await browser.SignInAsync("officer1");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("itabot.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var home = await browser.GetPageAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/staff/signout", home)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task Admin_EditFromAStalePage_IsToldSomeoneChangedItFirst()
    {
        await using var host = new ServiceHost(_line);
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var admin = new StaffBrowser(host);
        await admin.SignInAsync("admin1", totpSecret: secret);
        var edit = await admin.GetPageAsync("/staff/admin/staff/" + officer.Id);
        var version = host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.Version;

        var firstSave = await admin.PostAsync("/staff/admin/staff/" + officer.Id, edit, ("name", "ชื่อแรก"), ("role", "CaseOfficer"), ("department", "engineering"), ("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var secondSave = await admin.PostAsync("/staff/admin/staff/" + officer.Id, edit, ("name", "ชื่อที่สอง"), ("role", "Reporter"), ("department", ""), ("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("บันทึกแล้ว", await firstSave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("มีผู้แก้ไขข้อมูลนี้ไปก่อนแล้ว", await secondSave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("ชื่อแรก", host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.DisplayName);
    }

    private static string MessageOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<p class=\"msg error\" role=\"status\">([^<]*)</p>") is { Success: true } m ? m.Groups[1].Value : "(no message)";
}
