using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Staff;

/// <summary>Linking a staff member's LINE account: the code from /staff/account typed to the bot, through the webhook and the LINE stand-in.</summary>
public sealed class StaffLinkTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task CodeFromTheAccountPage_TypedToTheBot_LinksTheAccount_AndTheSameCodeAgainIsRefused()
    {
        await using var host = new ServiceHost(_line);
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var browser = new StaffBrowser(host);
        await browser.SignInAsync("officer1");
        var account = await browser.GetPageAsync("/staff/account");
        var shown = await (await browser.PostAsync("/staff/account/line-code", account)).Content.ReadAsStringAsync();
        var code = System.Text.RegularExpressions.Regex.Match(shown, "id=\"link-code\">เชื่อมต่อ ([0-9]{6})<").Groups[1].Value;
        Assert.Matches("^[0-9]{6}$", code);
        var staff = new LineChat(host, _line);

        var answer = LineChat.TextMessages(await staff.SayAsync("เชื่อมต่อ " + code));

        Assert.Contains("เชื่อมต่อ LINE กับบัญชีเจ้าหน้าที่ของคุณ", answer, StringComparison.Ordinal);
        var stored = host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!;
        Assert.Equal(staff.User, stored.LineUserId);
        Assert.Null(stored.LinkCodeHash);
        Assert.Contains("เชื่อมต่อ LINE แล้ว", await browser.GetPageAsync("/staff/account"), StringComparison.Ordinal);

        var again = LineChat.TextMessages(await new LineChat(host, _line).SayAsync("เชื่อมต่อ " + code));
        Assert.Equal(StaffLinkInterruption.Wrong, again);
        Assert.Equal(staff.User, host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.LineUserId);
    }

    [Fact]
    public async Task CodeAlone_WhileACodeIsPending_Links_UnlinkOnTheAccountPageClearsIt()
    {
        await using var host = new ServiceHost(_line);
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        var (code, _) = (await host.Services.GetRequiredService<StaffAccounts>().NewLinkCodeAsync(officer.Id))!.Value;
        var staff = new LineChat(host, _line);

        var answer = LineChat.TextMessages(await staff.SayAsync(code[..3] + " " + code[3..]));

        Assert.Contains("เชื่อมต่อ LINE กับบัญชีเจ้าหน้าที่ของคุณ", answer, StringComparison.Ordinal);
        Assert.Equal(staff.User, host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.LineUserId);

        using var browser = new StaffBrowser(host);
        await browser.SignInAsync("officer1");
        await browser.PostAsync("/staff/account/line-unlink", await browser.GetPageAsync("/staff/account"));
        Assert.Null(host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.LineUserId);
    }

    [Fact]
    public async Task ExpiredCode_IsRefused_AndNothingIsLinked()
    {
        await using var host = new ServiceHost(_line);
        var store = host.Services.GetRequiredService<IStaffStore>();
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        var (code, _) = (await host.Services.GetRequiredService<StaffAccounts>().NewLinkCodeAsync(officer.Id))!.Value;
        // Ten minutes have passed: the expiry is now behind us.
        await store.UpdateAsync(officer.Id, null, a => a with { LinkCodeExpiresAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-1) });

        var answer = LineChat.TextMessages(await new LineChat(host, _line).SayAsync("เชื่อมต่อ " + code));

        Assert.Equal(StaffLinkInterruption.Wrong, answer);
        Assert.Null(store.Find(officer.Id)!.LineUserId);
    }

    [Fact]
    public async Task GuessingCodes_AfterFiveWrongTries_TheChatIsToldToWait_EvenTheRightCodeThen()
    {
        await using var host = new ServiceHost(_line);
        var officer = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        var (code, _) = (await host.Services.GetRequiredService<StaffAccounts>().NewLinkCodeAsync(officer.Id))!.Value;
        var guesser = new LineChat(host, _line);
        var wrong = code == "000000" ? "000001" : "000000";

        for (var i = 0; i < StaffLinkInterruption.MaxFailures; i++)
        {
            Assert.Equal(StaffLinkInterruption.Wrong, LineChat.TextMessages(await guesser.SayAsync("เชื่อมต่อ " + wrong)));
        }

        Assert.Equal(StaffLinkInterruption.TooMany, LineChat.TextMessages(await guesser.SayAsync("เชื่อมต่อ " + code)));
        Assert.Null(host.Services.GetRequiredService<IStaffStore>().Find(officer.Id)!.LineUserId);
    }

    [Fact]
    public async Task SixDigitsAlone_WithNoCodePending_AreLeftToTheOtherDialogs()
    {
        await using var host = new ServiceHost(_line);

        var answer = LineChat.TextMessages(await new LineChat(host, _line).SayAsync("123456"));

        Assert.DoesNotContain("รหัสเชื่อมต่อ", answer, StringComparison.Ordinal);
    }
}
