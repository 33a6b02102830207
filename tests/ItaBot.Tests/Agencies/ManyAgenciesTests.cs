using System.Net;
using ItaBot.Cases;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItaBot.Tests.Agencies;

/// <summary>Two agencies (ItaBot:Agencies:a and :b) served by one process on one PostgreSQL database (issue 18 item 3).</summary>
public sealed class ManyAgenciesTests : TwoAgenciesTest
{
    private const string SecretA = TwoAgencies.SecretA;
    private const string SecretB = TwoAgencies.SecretB;
    private const string NameB = TwoAgencies.NameB;

    /// <summary>Posts one event to an agency's webhook and returns the send that answered its reply token.</summary>
    private async Task<ItaBot.Line.Testing.StandInSend> AskAsync(ServiceHost host, string agency, string secret, System.Text.Json.Nodes.JsonObject e)
    {
        var response = await host.PostWebhookAsync(Events.Body(e), path: "/webhook/" + agency, secret: secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = Events.ReplyToken(e);
        await Line.WaitUntilAsync(l => l.Sends.Any(s => s.ReplyToken == token), TimeSpan.FromSeconds(20));
        return Line.Sends.Single(s => s.ReplyToken == token);
    }

    [Fact]
    public async Task TwoAgencies_CitizenOfEach_IsAnsweredWithItsOwnChannelTokenAndContentPack()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);

        var inA = await AskAsync(host, "a", SecretA, Events.Postback(Events.NewUserId(), "info=contact"));
        var inB = await AskAsync(host, "b", SecretB, Events.Postback(Events.NewUserId(), "info=contact"));
        var inDefault = Events.Postback(Events.NewUserId(), "info=contact");
        Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(inDefault))).StatusCode);
        await Line.WaitUntilAsync(l => l.Sends.Any(s => s.ReplyToken == Events.ReplyToken(inDefault)), TimeSpan.FromSeconds(20));

        Assert.Equal("token-a", inA.ChannelToken);
        Assert.Equal("token-b", inB.ChannelToken);
        Assert.Equal("test-token", Line.Sends.Single(s => s.ReplyToken == Events.ReplyToken(inDefault)).ChannelToken);
        // The contact card and the map pin carry the agency's name from its own pack.
        var answerA = LineChat.Everything(System.Text.Json.Nodes.JsonNode.Parse(inA.MessagesJson)!.AsArray());
        var answerB = LineChat.Everything(System.Text.Json.Nodes.JsonNode.Parse(inB.MessagesJson)!.AsArray());
        Assert.Contains("ติดต่อเทศบาลตำบลโนนทอง", answerA, StringComparison.Ordinal);
        Assert.DoesNotContain(NameB, answerA, StringComparison.Ordinal);
        Assert.Contains("ติดต่อ" + NameB, answerB, StringComparison.Ordinal);
        Assert.DoesNotContain("ติดต่อเทศบาลตำบลโนนทอง", answerB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoAgencies_EventsAndCases_AreKeptApartAndNumberedPerAgency()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var eventOfA = Events.Text(Events.NewUserId(), "สวัสดีค่ะ");
        await AskAsync(host, "a", SecretA, eventOfA);

        var cases = host.Services.GetRequiredService<CaseService>();
        var inbox = host.Services.GetRequiredService<IInboxStore>();
        CaseRecord caseOfA, caseOfB;
        using (AgencyContext.Enter("a"))
        {
            caseOfA = await cases.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะล้นถัง" }, CaseService.CitizenActor);
            Assert.NotNull(inbox.Find(Events.EventId(eventOfA)));
        }

        using (AgencyContext.Enter("b"))
        {
            caseOfB = await cases.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะหน้าตลาด" }, CaseService.CitizenActor);
            // The same number in each agency, and B never reads A's case or A's webhook event, by id or by number.
            Assert.Equal(caseOfA.Number, caseOfB.Number);
            Assert.Null(cases.Get(caseOfA.Id));
            Assert.Equal(caseOfB.Id, cases.GetByNumber(caseOfA.Number)!.Id);
            Assert.DoesNotContain(cases.List(new CaseFilter()).Items, c => c.Id == caseOfA.Id);
            Assert.Null(inbox.Find(Events.EventId(eventOfA)));
        }

        Assert.Null(cases.Get(caseOfA.Id));     // nor does the default agency
        using var database = NpgsqlDataSource.Create(agencies.Settings["ConnectionStrings:ItaBot"]!);
        Assert.Equal(1, Scalar(database, "select count(*) from inbox where agency_id = 'a' and id = @id", ("id", Events.EventId(eventOfA))));
        Assert.Equal(0, Scalar(database, "select count(*) from inbox where agency_id <> 'a' and id = @id", ("id", Events.EventId(eventOfA))));
        Assert.Equal(1, Scalar(database, "select count(*) from cases where agency_id = 'a'"));
        Assert.Equal(1, Scalar(database, "select count(*) from cases where agency_id = 'b'"));
    }

    [Fact]
    public async Task Start_AgencyWithoutItsOwnVaultKey_RefusesNamingTheSetting()
    {
        var settings = OneDatabase();
        settings["ItaBot:Agencies:a:Line:ChannelSecret"] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        settings["ItaBot:Agencies:a:Line:ChannelAccessToken"] = "token-a";
        await using var host = new ServiceHost(Line, settings: settings);

        var error = Assert.ThrowsAny<Exception>(() => host.Services);

        var validation = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error is AggregateException { InnerException: { } inner } ? inner : error);
        Assert.Contains(validation.Failures, f => f.StartsWith("ItaBot:Agencies:a:Vault:Kek", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffPages_AdminOfAgencyA_SeeOnlyAsCases_EvenByGuessingBsCaseUrls()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var cases = host.Services.GetRequiredService<CaseService>();
        var secret = ItaBot.Staff.StaffTotp.NewSecret();
        CaseRecord ofA, firstOfB, secondOfB;
        using (AgencyContext.Enter("a"))
        {
            ofA = await cases.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะล้นถังหน้าวัด" }, CaseService.CitizenActor);
            await Staff.StaffTestKit.AddAsync(host, "somchai", ItaBot.Staff.StaffRole.Admin, totpSecret: secret);
        }

        using (AgencyContext.Enter("b"))
        {
            firstOfB = await cases.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะหน้าตลาดสด" }, CaseService.CitizenActor);
            secondOfB = await cases.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.Line, Description = "ถนนหน้าตลาดสดเป็นหลุม" }, CaseService.CitizenActor);
        }

        using var officer = new Staff.StaffBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SignInAsync("somchai", totpSecret: secret, agency: "a")).StatusCode);

        var list = await officer.GetPageAsync("/staff/cases");
        Assert.Contains("ขยะล้นถังหน้าวัด", list, StringComparison.Ordinal);
        Assert.Contains(ofA.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain("ตลาดสด", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secondOfB.Number, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.Client.GetAsync(new Uri("/staff/cases/" + ofA.Id, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.Client.GetAsync(new Uri("/staff/cases/" + firstOfB.Id, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.Client.GetAsync(new Uri("/staff/cases/" + secondOfB.Id, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.Client.GetAsync(new Uri("/staff/cases/" + Uri.EscapeDataString(secondOfB.Number), UriKind.Relative))).StatusCode);

        // The same name and password do not sign in to agency B, where the account does not exist.
        using var elsewhere = new Staff.StaffBrowser(host);
        var refused = await elsewhere.SignInAsync("somchai", totpSecret: secret, agency: "b");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgenciesPage_PlatformAdminOfTheDefaultAgency_ListsEveryAgency_AndNoOneElseOpensIt()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var secret = ItaBot.Staff.StaffTotp.NewSecret();
        await Staff.StaffTestKit.AddAsync(host, "platform", ItaBot.Staff.StaffRole.PlatformAdmin, totpSecret: secret);
        using (AgencyContext.Enter("a"))
        {
            await Staff.StaffTestKit.AddAsync(host, "admina", ItaBot.Staff.StaffRole.Admin, totpSecret: secret);
            await Staff.StaffTestKit.AddAsync(host, "platforma", ItaBot.Staff.StaffRole.PlatformAdmin, totpSecret: secret);
        }

        using var platform = new Staff.StaffBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await platform.SignInAsync("platform", totpSecret: secret, agency: "default")).StatusCode);
        var page = await platform.GetPageAsync("/staff/agencies");
        Assert.Contains("เทศบาลตำบลโนนทอง", page, StringComparison.Ordinal);
        Assert.Contains(NameB, page, StringComparison.Ordinal);
        Assert.Contains("/webhook/b", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Client.GetAsync(new Uri("/staff/cases", UriKind.Relative))).StatusCode);

        foreach (var user in new[] { "admina", "platforma" })
        {
            using var other = new Staff.StaffBrowser(host);
            Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync(user, totpSecret: secret, agency: "a")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync(new Uri("/staff/agencies", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task StaffAddCommand_WithAgency_CreatesTheAccountInThatAgencyOnly()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        using var output = new StringWriter();

        var code = await ItaBot.Cli.CommandLine.TryRunAsync(host.Services,
            ["staff", "add", "--user", "wilai", "--name", "วิไล", "--role", "CaseOfficer", "--department", "engineering", "--agency", "b"], output);

        Assert.Equal(0, code);
        var store = host.Services.GetRequiredService<ItaBot.Staff.IStaffStore>();
        using (AgencyContext.Enter("b"))
        {
            Assert.NotNull(store.FindByUserName("wilai"));
        }

        Assert.Null(store.FindByUserName("wilai"));
        using (AgencyContext.Enter("a"))
        {
            Assert.Null(store.FindByUserName("wilai"));
        }

        using var unknown = new StringWriter();
        Assert.Equal(2, await ItaBot.Cli.CommandLine.TryRunAsync(host.Services, ["staff", "add", "--agency", "c"], unknown));
        Assert.Contains("Unknown agency 'c'", unknown.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgencyWebhook_SignedWithAnotherAgencysSecret_Is401_AndAnUnknownAgencyIs404()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var body = Events.Body(Events.Text(Events.NewUserId(), "สวัสดีค่ะ"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostWebhookAsync(body, path: "/webhook/b", secret: SecretA)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostWebhookAsync(body, path: "/webhook/a", secret: ServiceHost.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostWebhookAsync(body, path: "/webhook", secret: SecretB)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.PostWebhookAsync(body, path: "/webhook/c", secret: SecretA)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(body, path: "/webhook/b", secret: SecretB)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.PostWebhookAsync(Events.Body(Events.Text(Events.NewUserId(), "สวัสดีค่ะ")), path: "/webhook/default")).StatusCode);
    }
}

/// <summary>The agency settings checked at start.</summary>
public sealed class AgencySettingsTests
{
    [Fact]
    public async Task Start_SeveralAgenciesOnLiteDb_RefusesWithOneLineNamingTheProvider()
    {
        await using var line = await ItaBot.Line.Testing.LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        await using var host = new ServiceHost(line, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Agencies:a:Line:ChannelSecret"] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            ["ItaBot:Agencies:a:Line:ChannelAccessToken"] = "token-a",
            ["ItaBot:Agencies:a:Vault:Kek"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });

        var error = Assert.ThrowsAny<Exception>(() => host.Services);

        var validation = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error is AggregateException { InnerException: { } inner } ? inner : error);
        var failure = Assert.Single(validation.Failures);
        Assert.Contains("LiteDB serves one agency", failure, StringComparison.Ordinal);
        Assert.Contains("ItaBot:Storage:Provider=PostgreSql", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

}
