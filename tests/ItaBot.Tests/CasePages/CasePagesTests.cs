using System.Globalization;
using System.Net;
using ItaBot.CasePages;
using ItaBot.Cases;
using ItaBot.Line.Testing;
using ItaBot.Media;
using ItaBot.Notifications;
using ItaBot.QandA;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Content;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.CasePages;

/// <summary>The staff case pages through the whole service: refusals, department walls, encoding, stale edits, pushes, photos.</summary>
public sealed class CasePagesTests : IAsyncLifetime
{
    private static readonly string[] PageRoutes = ["/staff/cases", "/staff/cases/new", "/staff/cases/{n}", "/staff/cases/{n}/photos/{p}", "/staff/handovers"];

    private static readonly string[] FormRoutes =
    [
        "/staff/cases/new", "/staff/cases/{n}/assign", "/staff/cases/{n}/status", "/staff/cases/{n}/answer", "/staff/cases/{n}/note",
        "/staff/handovers/{h}/answer", "/staff/handovers/reload-content",
    ];

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task EveryCaseRoute_WithoutASession_PagesRedirectToSignIn_FormsGet401()
    {
        await using var host = new ServiceHost(_line);
        var (record, photo) = await CaseWithPhotoAsync(host, "street-light");
        using var anonymous = new StaffBrowser(host);
        var signIn = await anonymous.GetPageAsync("/staff/signin");

        foreach (var route in PageRoutes.Select(r => Fill(r, record, photo)))
        {
            var response = await anonymous.Client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route}: {response.StatusCode}");
            Assert.StartsWith("/staff/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        foreach (var route in FormRoutes.Select(r => Fill(r, record, photo)))
        {
            var response = await anonymous.PostAsync(route, signIn, ("version", "1"), ("note", "x"));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {response.StatusCode}");
        }

        Assert.Equal(1, host.Services.GetRequiredService<CaseService>().Get(record.Id)!.Version);
    }

    [Theory]
    [InlineData(nameof(StaffRole.Reporter))]
    [InlineData(nameof(StaffRole.IntegrityOfficer))]
    public async Task EveryCaseRoute_ForARoleWithoutCaseWork_Is403(string roleName)
    {
        var role = Enum.Parse<StaffRole>(roleName);
        await using var host = new ServiceHost(_line);
        var (record, photo) = await CaseWithPhotoAsync(host, "street-light");
        var secret = role == StaffRole.IntegrityOfficer ? StaffTotp.NewSecret() : null;
        await StaffTestKit.AddAsync(host, "someone", role, totpSecret: secret);
        using var browser = new StaffBrowser(host);
        await browser.SignInAsync("someone", totpSecret: secret);
        var home = await browser.GetPageAsync("/staff");

        foreach (var route in PageRoutes.Select(r => Fill(r, record, photo)))
        {
            Assert.True((await browser.Client.GetAsync(route)).StatusCode == HttpStatusCode.Forbidden, route);
        }

        foreach (var route in FormRoutes.Select(r => Fill(r, record, photo)))
        {
            var response = await browser.PostAsync(route, home, ("version", "1"), ("note", "x"), ("status", "Completed"));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route}: {response.StatusCode}");
        }

        Assert.DoesNotContain("/staff/cases", home, StringComparison.Ordinal);
        Assert.Equal(1, host.Services.GetRequiredService<CaseService>().Get(record.Id)!.Version);
    }

    [Fact]
    public async Task CaseOfAnotherDepartment_IsNotFoundOnEveryRoute_AndNotListed_ButAnAdminSeesIt()
    {
        await using var host = new ServiceHost(_line);
        var (garbage, photo) = await CaseWithPhotoAsync(host, "garbage");   // health
        var (light, _) = await CaseWithPhotoAsync(host, "street-light");  // engineering
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");
        var list = await officer.GetPageAsync("/staff/cases");

        foreach (var route in new[] { "/staff/cases/{n}", "/staff/cases/{n}/photos/{p}", "/staff/cases/" + garbage.Id }.Select(r => Fill(r, garbage, photo)))
        {
            Assert.True((await officer.Client.GetAsync(route)).StatusCode == HttpStatusCode.NotFound, route);
        }

        foreach (var route in new[] { "/staff/cases/{n}/assign", "/staff/cases/{n}/status", "/staff/cases/{n}/answer", "/staff/cases/{n}/note" }.Select(r => Fill(r, garbage, photo)))
        {
            var response = await officer.PostAsync(route, list, ("version", "1"), ("note", "x"), ("answer", "x"), ("status", "Completed"));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {response.StatusCode}");
        }

        Assert.Contains(light.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain(garbage.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain(garbage.Number, await officer.GetPageAsync("/staff/cases?department=health"), StringComparison.Ordinal);
        Assert.Equal(1, host.Services.GetRequiredService<CaseService>().Get(garbage.Id)!.Version);

        using var admin = await AdminAsync(host);
        Assert.Contains(garbage.Number, await admin.GetPageAsync("/staff/cases"), StringComparison.Ordinal);
        Assert.Contains(garbage.Number, await admin.GetPageAsync(CaseAccess.Href(garbage)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptAndHtml_InDescriptionNotesAndPlace_AreShownEncoded_AndTheLineIdNever()
    {
        await using var host = new ServiceHost(_line);
        const string Script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var citizen = Events.NewUserId();
        var cases = host.Services.GetRequiredService<CaseService>();
        var record = await cases.CreateAsync(new NewCase
        {
            CategoryId = "street-light",
            Channel = CaseChannel.Line,
            Description = "บรรทัดแรก " + Script + "\nบรรทัดสอง",
            Location = new CaseLocation(null, null, null, "หน้าบ้าน " + Script),
            CitizenLineUserId = citizen,
        }, CaseService.CitizenActor);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");
        var page = await officer.GetPageAsync(CaseAccess.Href(record));
        var noted = await officer.PostAsync(CaseAccess.Href(record) + "/note", page, ("version", "1"), ("note", "บันทึก " + Script));
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);

        page = await officer.GetPageAsync(noted.Headers.Location!.OriginalString);
        var list = await officer.GetPageAsync("/staff/cases");

        foreach (var html in new[] { page, list })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain(citizen, html, StringComparison.Ordinal);
        }

        Assert.Contains("บรรทัดแรก &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;<br>บรรทัดสอง", page, StringComparison.Ordinal);
        Assert.Contains("หน้าบ้าน &lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("บันทึก &lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("บันทึกภายใน", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoOfficersEditingAtOnce_TheSecondIsToldWithTheLatestState_AndNothingIsLost_FormsWithoutTokenAre400()
    {
        await using var host = new ServiceHost(_line);
        var (record, _) = await CaseWithPhotoAsync(host, "street-light");
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        await StaffTestKit.AddAsync(host, "officer2", StaffRole.CaseOfficer, "engineering");
        using var first = new StaffBrowser(host);
        using var second = new StaffBrowser(host);
        await first.SignInAsync("officer1");
        await second.SignInAsync("officer2");
        var href = CaseAccess.Href(record);
        var firstPage = await first.GetPageAsync(href);
        var secondPage = await second.GetPageAsync(href);

        foreach (var form in new[] { "/status", "/assign", "/answer", "/note" })
        {
            var forged = await first.PostAsync(href + form, null, ("version", "1"), ("status", "Completed"), ("note", "ปลอม"), ("answer", "ปลอม"));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await first.PostAsync("/staff/cases/new", null, ("channel", "Phone"), ("category", "road"), ("description", "ปลอม"))).StatusCode);
        var done = await first.PostAsync(href + "/status", firstPage, ("version", "1"), ("status", "InProgress"), ("note", "ลงพื้นที่แล้ว"));
        var stale = await second.PostAsync(href + "/note", secondPage, ("version", "1"), ("note", "ข้อความของคนที่สอง"));
        var staleStatus = await second.PostAsync(href + "/status", secondPage, ("version", "1"), ("status", "Rejected"), ("note", "ไม่ใช่เรื่องของเรา"));
        var stalePage = await stale.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, staleStatus.StatusCode);
        Assert.Contains("มีผู้อื่นแก้ไขเรื่องนี้ไปก่อนแล้ว", stalePage, StringComparison.Ordinal);
        Assert.Contains("กำลังดำเนินการ", stalePage, StringComparison.Ordinal);            // the latest state
        Assert.Contains("ลงพื้นที่แล้ว", stalePage, StringComparison.Ordinal);              // with the first officer's note
        Assert.Contains(">ข้อความของคนที่สอง</textarea>", stalePage, StringComparison.Ordinal); // and the second's typing kept
        Assert.Contains("name=\"version\" value=\"2\"", stalePage, StringComparison.Ordinal);
        var stored = host.Services.GetRequiredService<CaseService>().Get(record.Id)!;
        Assert.Equal(CaseStatus.InProgress, stored.Status);
        Assert.Equal(2, stored.Version);
        Assert.DoesNotContain(stored.Timeline, e => e.Note == "ข้อความของคนที่สอง" || e.Note == "ไม่ใช่เรื่องของเรา");
    }

    [Fact]
    public async Task AssignThenComplete_ThroughThePage_PushesTheNoticeAndRatingRequestToTheCitizen()
    {
        await using var host = new ServiceHost(_line);
        var citizen = Events.NewUserId();
        var record = await host.Services.GetRequiredService<CaseService>().CreateAsync(new NewCase
        {
            CategoryId = "road", Channel = CaseChannel.Line, Description = "ถนนเป็นหลุมลึก", CitizenLineUserId = citizen,
        }, CaseService.CitizenActor);
        var officer2 = await StaffTestKit.AddAsync(host, "officer2", StaffRole.CaseOfficer, "engineering");
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");
        var href = CaseAccess.Href(record);

        var page = await officer.GetPageAsync(href);
        Assert.Contains($"value=\"{officer2.Id}\"", page, StringComparison.Ordinal);
        var assigned = await officer.PostAsync(href + "/assign", page, ("version", "1"), ("assignee", officer2.Id), ("note", ""));
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        page = await officer.GetPageAsync(href);
        Assert.Contains(CaseEndpoints.StatusNoteToCitizen.Replace("\"", "&quot;", StringComparison.Ordinal), page, StringComparison.Ordinal);   // said before it is sent
        var rejectedWithoutNote = await officer.PostAsync(href + "/status", page, ("version", "2"), ("status", "Rejected"), ("note", " "));
        Assert.Equal(HttpStatusCode.BadRequest, rejectedWithoutNote.StatusCode);
        Assert.Contains("กรุณาระบุเหตุผลที่ไม่รับเรื่อง", await rejectedWithoutNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var completed = await officer.PostAsync(href + "/status", page, ("version", "2"), ("status", "Completed"), ("note", "ซ่อมเรียบร้อยแล้ว"));
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);

        await _line.WaitUntilAsync(l => l.Sends.Any(s => s.Kind == "push" && s.To == citizen && s.MessagesJson.Contains("ดำเนินการเสร็จสิ้นแล้ว", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15));
        var push = _line.Sends.Single(s => s.Kind == "push" && s.To == citizen && s.MessagesJson.Contains("ดำเนินการเสร็จสิ้นแล้ว", StringComparison.Ordinal));
        Assert.Contains(record.Number, push.MessagesJson, StringComparison.Ordinal);
        Assert.Contains("rate=", push.MessagesJson, StringComparison.Ordinal);   // the rating buttons
        var stored = host.Services.GetRequiredService<CaseService>().Get(record.Id)!;
        Assert.Equal(CaseStatus.Completed, stored.Status);
        Assert.Equal(officer2.Id, stored.AssigneeId);
        var shown = await officer.GetPageAsync(href);
        Assert.Contains("มอบหมายให้ เจ้าหน้าที่ officer2", shown, StringComparison.Ordinal);
        Assert.Contains("เรื่องนี้ปิดแล้ว", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PhotoRoute_ServesTheCasesOwnPhoto_AndRefusesAPhotoOfAnotherCase()
    {
        await using var host = new ServiceHost(_line);
        var (mine, myPhoto) = await CaseWithPhotoAsync(host, "street-light");
        var (other, otherPhoto) = await CaseWithPhotoAsync(host, "road");   // same department
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");

        var own = await officer.Client.GetAsync(CaseAccess.Href(mine) + "/photos/" + myPhoto);
        var foreign = await officer.Client.GetAsync(CaseAccess.Href(mine) + "/photos/" + otherPhoto);
        var page = await officer.GetPageAsync(CaseAccess.Href(mine));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/jpeg", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Photo, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Contains($"src=\"{CaseAccess.Href(mine)}/photos/{myPhoto}\"", page, StringComparison.Ordinal);
        Assert.NotEqual(mine.Id, other.Id);
    }

    [Fact]
    public async Task WalkInComplaint_GetsANumber_ShowsOnTheList_AndItsAnswerFormIsDisabled()
    {
        await using var host = new ServiceHost(_line);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");
        var home = await officer.GetPageAsync("/staff");
        Assert.Contains("href=\"/staff/cases\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/staff/cases/new\"", home, StringComparison.Ordinal);
        var form = await officer.GetPageAsync("/staff/cases/new");

        var missing = await officer.PostAsync("/staff/cases/new", form, ("channel", "WalkIn"), ("category", ""), ("description", "มีต้นไม้ล้ม"));
        var created = await officer.PostAsync("/staff/cases/new", form, ("channel", "Phone"), ("category", "trees"), ("description", "ต้นไม้ล้มขวางถนน\nหน้าโรงเรียน"),
            ("place", "ซอย 3"), ("contact-name", "ป้าสมศรี"), ("contact-phone", "081-234-5678"), ("consent", "on"));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("ต้นไม้ล้ม", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);   // typed text kept
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var record = Assert.Single(host.Services.GetRequiredService<CaseService>().List(new CaseFilter()).Items);
        Assert.Equal(CaseChannel.Phone, record.Channel);
        Assert.Matches(@"^ร\d{2}-\d{5}$", record.Number);
        Assert.Equal("0812345678", record.ContactPhone);
        var page = await officer.GetPageAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("บันทึกเรื่องแล้ว", page, StringComparison.Ordinal);
        Assert.Contains("0812345678", page, StringComparison.Ordinal);
        Assert.Contains("<fieldset disabled>", page, StringComparison.Ordinal);
        Assert.Contains(record.Number, await officer.GetPageAsync("/staff/cases?channel=Phone"), StringComparison.Ordinal);
        Assert.DoesNotContain(record.Number, await officer.GetPageAsync("/staff/cases?channel=Letter"), StringComparison.Ordinal);
        var answer = await officer.PostAsync(CaseAccess.Href(record) + "/answer", page, ("version", "1"), ("answer", "ตอบแล้ว"));
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(1, host.Services.GetRequiredService<CaseService>().Get(record.Id)!.Version);
    }

    [Fact]
    public async Task PhoneNumber_IsShownOnlyWhenTheCitizenConsented()
    {
        await using var host = new ServiceHost(_line);
        var cases = host.Services.GetRequiredService<CaseService>();
        var consented = await cases.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.Line, Description = "หลุม", ContactPhone = "0811111111", ContactConsent = true, CitizenLineUserId = Events.NewUserId() }, CaseService.CitizenActor);
        var refused = await cases.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.Line, Description = "หลุม", ContactPhone = "0822222222", ContactConsent = false, CitizenLineUserId = Events.NewUserId() }, CaseService.CitizenActor);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");

        Assert.Contains("0811111111", await officer.GetPageAsync(CaseAccess.Href(consented)), StringComparison.Ordinal);
        Assert.DoesNotContain("0822222222", await officer.GetPageAsync(CaseAccess.Href(refused)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PagesFiftyNewestFirst_AndFiltersByStatusAndNumber()
    {
        await using var host = new ServiceHost(_line);
        var cases = host.Services.GetRequiredService<CaseService>();
        var created = new List<CaseRecord>();
        for (var i = 0; i < 52; i++)
        {
            created.Add(await cases.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.WalkIn, Description = "หลุม " + i.ToString(CultureInfo.InvariantCulture) }, "desk"));
        }

        await cases.ChangeStatusAsync(created[0].Id, 1, CaseStatus.InProgress, "desk", null);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");

        var first = await officer.GetPageAsync("/staff/cases");
        var second = await officer.GetPageAsync("/staff/cases?page=2");
        var inProgress = await officer.GetPageAsync("/staff/cases?status=InProgress");
        var byNumber = await officer.GetPageAsync("/staff/cases?number=" + Uri.EscapeDataString(created[7].Number));

        Assert.Contains(created[51].Number, first, StringComparison.Ordinal);
        Assert.DoesNotContain(">" + created[1].Number + "<", first, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains(">" + created[0].Number + "<", second, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second, StringComparison.Ordinal);
        Assert.Contains(">" + created[0].Number + "<", inProgress, StringComparison.Ordinal);
        Assert.DoesNotContain(">" + created[1].Number + "<", inProgress, StringComparison.Ordinal);
        Assert.Contains(">" + created[7].Number + "<", byNumber, StringComparison.Ordinal);
        Assert.DoesNotContain(">" + created[8].Number + "<", byNumber, StringComparison.Ordinal);
        // assignee and deadline columns; the search hint in this year's numbering
        Assert.Contains("<th>ผู้รับผิดชอบ</th>", first, StringComparison.Ordinal);
        Assert.Contains("<td class=\"assignee\">ยังไม่ได้มอบหมาย</td>", first, StringComparison.Ordinal);
        Assert.Contains("<td class=\"deadline\">รับเรื่อง วันที่ ", first, StringComparison.Ordinal);
        Assert.Contains("<td class=\"deadline\">ตอบ วันที่ ", second, StringComparison.Ordinal);   // created[0] was acknowledged
        Assert.Contains("เช่น " + created[0].Number[..4] + "00042", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewHandover_IsPushedToLinkedStaffOfTheHandoverDepartment_Once()
    {
        await using var host = new ServiceHost(_line);
        var staff = host.Services.GetRequiredService<IStaffStore>();
        var clerk = await StaffTestKit.AddAsync(host, "clerk1", StaffRole.CaseOfficer, "palad");
        var engineer = await StaffTestKit.AddAsync(host, "engineer1", StaffRole.CaseOfficer, "engineering");
        var clerkLine = Events.NewUserId();
        var engineerLine = Events.NewUserId();
        await staff.UpdateAsync(clerk.Id, null, a => a with { LineUserId = clerkLine });
        await staff.UpdateAsync(engineer.Id, null, a => a with { LineUserId = engineerLine });
        var citizen = Events.NewUserId();

        await host.PostWebhookAsync(Events.Body(Events.Text(citizen, "ชุมชนเราขอกล้องวงจรปิดได้ไหม")));
        await _line.WaitUntilAsync(l => l.Sends.Any(s => s.Kind == "reply"), TimeSpan.FromSeconds(15));
        await host.PostWebhookAsync(Events.Body(Events.Postback(citizen, QaAnswerDialog.HandoverYesData)));

        await _line.WaitUntilAsync(l => l.Sends.Any(s => s.Kind == "push" && s.To == clerkLine), TimeSpan.FromSeconds(15));
        var push = Assert.Single(_line.Sends, s => s.Kind == "push" && s.To == clerkLine);
        Assert.Contains("ชุมชนเราขอกล้องวงจรปิดได้ไหม", push.MessagesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(_line.Sends, s => s.To == engineerLine);
        Assert.DoesNotContain(citizen, push.MessagesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandoverAnswer_SavedAsFaq_TheBotAnswersTheNextCitizenItself()
    {
        using var pack = new TempContentPack();
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?> { ["ItaBot:Content:Directory"] = pack.Directory });
        var store = host.Services.GetRequiredService<ItaBot.Storage.LiteDb.MessagingStore>();
        var qa = host.Services.GetRequiredService<IQaStore>();
        const string question = "ตลาดนัดคลองถม \"หน้าเทศบาล\" มีวันไหนบ้าง";
        await store.Writer.WriteAsync(qa.HandoverWrite(question, Events.NewUserId(), "c1"));
        var handover = Assert.Single(qa.ListOpenHandovers());
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "palad");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");

        var page = await officer.GetPageAsync("/staff/handovers");
        var answered = await officer.PostAsync($"/staff/handovers/{handover.Id}/answer", page,
            ("answer", "ตลาดนัดคลองถมหน้าเทศบาลมีทุกวันพุธ เวลา 16.00–21.00 น. ค่ะ\nจอดรถได้ที่ลานจอดเทศบาล"), ("save_faq", "on"));

        Assert.Equal("/staff/handovers?done=answered-saved", answered.Headers.Location!.OriginalString);
        Assert.Contains("staff-" + handover.Id, pack.Read("faq.yaml"), StringComparison.Ordinal);
        var matcher = host.Services.GetRequiredService<QaMatcher>();
        var decision = matcher.Match("ตลาดนัดคลองถมหน้าเทศบาลมีวันไหนบ้าง");
        Assert.Equal(QaDecisionKind.Answer, decision.Kind);
        Assert.Equal("faq:staff-" + handover.Id, decision.Ranking.Best!.Entry.Id);
    }

    [Fact]
    public async Task HandoverAnswer_GoesToTheOutboxInTheSameWrite_AndReachesTheCitizenOnce()
    {
        await using var host = new ServiceHost(_line);
        var citizen = Events.NewUserId();
        var store = host.Services.GetRequiredService<ItaBot.Storage.LiteDb.MessagingStore>();
        var qa = host.Services.GetRequiredService<IQaStore>();
        await store.Writer.WriteAsync(qa.HandoverWrite("ขอเบอร์โทร <b>กองช่าง</b> หน่อย", citizen, citizen));
        var handover = Assert.Single(qa.ListOpenHandovers());
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");

        var page = await officer.GetPageAsync("/staff/handovers");
        var answered = await officer.PostAsync($"/staff/handovers/{handover.Id}/answer", page, ("answer", "โทร 0-2123-4567 ต่อ 12 ค่ะ"));
        var again = await officer.PostAsync($"/staff/handovers/{handover.Id}/answer", page, ("answer", "ตอบซ้ำ"));

        Assert.Contains("ขอเบอร์โทร &lt;b&gt;กองช่าง&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain(citizen, page, StringComparison.Ordinal);
        Assert.DoesNotContain("reload-content", page, StringComparison.Ordinal);   // admins only
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var notification = host.Services.GetRequiredService<INotificationStore>().Find(HandoverEndpoints.NotificationKind + ":" + handover.Id);
        Assert.NotNull(notification);
        Assert.Equal(citizen, notification.To);
        await _line.WaitUntilAsync(l => l.Sends.Any(s => s.Kind == "push" && s.To == citizen), TimeSpan.FromSeconds(15));
        await Wait.UntilAsync(() => host.Services.GetRequiredService<INotificationStore>().Find(notification.Id)!.State == NotificationState.Sent);
        var push = Assert.Single(_line.Sends, s => s.Kind == "push" && s.To == citizen);
        Assert.Contains("0-2123-4567", push.MessagesJson, StringComparison.Ordinal);
        Assert.DoesNotContain("ตอบซ้ำ", push.MessagesJson, StringComparison.Ordinal);
        Assert.Empty(qa.ListOpenHandovers());
    }

    [Fact]
    public async Task ReloadContent_IsForAdminsOnly_NeedsTheAntiforgeryToken_AndReloadsThePack()
    {
        await using var host = new ServiceHost(_line);
        await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("officer1");
        var officerPage = await officer.GetPageAsync("/staff/handovers");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync("/staff/handovers/reload-content", officerPage)).StatusCode);

        using var admin = await AdminAsync(host);
        var page = await admin.GetPageAsync("/staff/handovers");
        var before = host.Services.GetRequiredService<ItaBot.Content.ContentPackProvider>().Version;
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/staff/handovers/reload-content", pageWithToken: null)).StatusCode);
        Assert.Equal(before, host.Services.GetRequiredService<ItaBot.Content.ContentPackProvider>().Version);
        var reloaded = await admin.PostAsync("/staff/handovers/reload-content", page);

        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.Contains("โหลดข้อมูลใหม่แล้ว", await reloaded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, host.Services.GetRequiredService<ItaBot.Content.ContentPackProvider>().Version);
    }

    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 0xFF, 0xD9];

    private static async Task<(CaseRecord Case, string PhotoId)> CaseWithPhotoAsync(ServiceHost host, string category)
    {
        var photo = await host.Services.GetRequiredService<IPhotoStore>().SaveAsync(new StrippedPhoto(Photo, 4, 3, null), CancellationToken.None);
        var record = await host.Services.GetRequiredService<CaseService>().CreateAsync(new NewCase
        {
            CategoryId = category,
            Channel = CaseChannel.Line,
            Description = "เรื่องทดสอบ " + category,
            Photos = [photo],
            CitizenLineUserId = Events.NewUserId(),
        }, CaseService.CitizenActor);
        return (record, photo.Id);
    }

    private static async Task<StaffBrowser> AdminAsync(ServiceHost host)
    {
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        var admin = new StaffBrowser(host);
        Assert.Equal("/staff", (await admin.SignInAsync("admin1", totpSecret: secret)).Headers.Location!.OriginalString);
        return admin;
    }

    private static string Fill(string route, CaseRecord record, string photo) => route
        .Replace("{n}", Uri.EscapeDataString(record.Number), StringComparison.Ordinal)
        .Replace("{p}", photo, StringComparison.Ordinal)
        .Replace("{h}", "000000000000000000000000", StringComparison.Ordinal);
}
