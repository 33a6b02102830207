using System.Net;
using ItaBot.CasePages;
using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Media;
using ItaBot.Privacy;
using ItaBot.Tests.Media;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Agencies;

/// <summary>
/// A case referred to another agency of the deployment (ส่งต่อหน่วยงานอื่น, issue 18 item 3): it lands in that agency's queue
/// with its history, and the citizen, a friend of the first agency's channel, is told there who has it now.
/// </summary>
public sealed class ReferralTests : TwoAgenciesTest
{
    private const string Reason = "ถนนเส้นนี้อยู่ในเขตเทศบาลตำบลดอนแดง";

    private sealed record Setup(TwoAgencies Agencies, ServiceHost Host, CaseRecord Case, byte[] Jpeg, StaffBrowser AdminOfA, StaffAccount OfficerOfB, string SecretOfB)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            AdminOfA.Dispose();
            await Host.DisposeAsync();
            Agencies.Dispose();
        }
    }

    /// <summary>A LINE complaint of agency A with a photo and a place, A's admin signed in, and a linked officer of B's department for it.</summary>
    private async Task<Setup> TwoAgenciesWithACaseOfAAsync(string citizen)
    {
        var agencies = NewAgencies();
        var host = agencies.Start(Line);
        var cases = host.Services.GetRequiredService<CaseService>();
        var jpeg = TestImages.Jpeg(320, 240);
        var secretOfA = StaffTotp.NewSecret();
        var secretOfB = StaffTotp.NewSecret();
        CaseRecord filed;
        StaffAccount officerOfB;
        using (AgencyContext.Enter("a"))
        {
            var photo = await host.Services.GetRequiredService<IPhotoStore>().SaveAsync(new StrippedPhoto(jpeg, 320, 240, null), TestContext.Current.CancellationToken);
            filed = await cases.CreateAsync(new NewCase
            {
                CategoryId = "road",
                Channel = CaseChannel.Line,
                Description = "ถนนหน้าโรงเรียนบ้านหนองบัวเป็นหลุมลึก รถจักรยานยนต์ล้มแล้วสองคัน",
                Photos = [new CasePhoto(photo.Id, photo.ContentType, photo.Width, photo.Height, photo.Bytes)],
                Location = new CaseLocation(16.2481, 101.9052, null, "หน้าโรงเรียนบ้านหนองบัว"),
                CitizenLineUserId = citizen,
                ContactConsent = true,
                ContactPhone = "0812345678",
            }, CaseService.CitizenActor);
            await StaffTestKit.AddAsync(host, "somchai", StaffRole.Admin, totpSecret: secretOfA);
        }

        using (AgencyContext.Enter("b"))
        {
            var officer = await StaffTestKit.AddAsync(host, "wilai", StaffRole.CaseOfficer, "engineering", totpSecret: secretOfB);
            var (_, linked) = await host.Services.GetRequiredService<IStaffStore>().UpdateAsync(officer.Id, null, s => s with { LineUserId = Events.NewUserId() });
            officerOfB = linked!;
        }

        var admin = new StaffBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("somchai", totpSecret: secretOfA, agency: "a")).StatusCode);
        return new Setup(agencies, host, filed, jpeg, admin, officerOfB, secretOfB);
    }

    private static Task<HttpResponseMessage> ReferAsync(StaffBrowser admin, string page, CaseRecord c, string agency, string reason) =>
        admin.PostAsync(CaseAccess.Href(c) + "/refer", page, ("version", c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("agency", agency), ("reason", reason));

    [Fact]
    public async Task Refer_CaseOfAToB_ClosesItInAAsReferred_FilesItInBsQueueWithItsHistory_AndTellsTheCitizenInAsChannel()
    {
        var citizen = Events.NewUserId();
        await using var setup = await TwoAgenciesWithACaseOfAAsync(citizen);
        var (host, filed, admin) = (setup.Host, setup.Case, setup.AdminOfA);
        var cases = host.Services.GetRequiredService<CaseService>();
        var pageOfA = await admin.GetPageAsync(CaseAccess.Href(filed));
        Assert.Contains("ส่งต่อหน่วยงานอื่นในระบบ", pageOfA, StringComparison.Ordinal);
        Assert.Contains(TwoAgencies.NameB, pageOfA, StringComparison.Ordinal);   // the other agency is offered; A itself is not
        Assert.DoesNotContain($"<option value=\"a\"", pageOfA, StringComparison.Ordinal);

        var referred = await ReferAsync(admin, pageOfA, filed, "b", Reason);

        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        Assert.EndsWith("?done=referred", referred.Headers.Location!.OriginalString, StringComparison.Ordinal);
        CaseRecord inA, inB;
        using (AgencyContext.Enter("a"))
        {
            inA = cases.Get(filed.Id)!;
        }

        // Closed in A as referred (counted as referred, not resolved), with a link to B's case.
        Assert.Equal(CaseStatus.Referred, inA.Status);
        Assert.NotNull(inA.ClosedAt);
        Assert.Equal("b", inA.ReferredTo!.AgencyId);
        using (AgencyContext.Enter("a"))
        {
            Assert.Equal(CaseStatus.Referred, host.Services.GetRequiredService<ICaseStore>().FindFacts(inA)!.StatusAt(inA.ClosedAt!.Value));
        }

        using (AgencyContext.Enter("b"))
        {
            inB = cases.GetByNumber(inA.ReferredTo.Number)!;
            Assert.Contains(cases.List(new CaseFilter { Status = CaseStatus.Received }).Items, c => c.Id == inB.Id);   // B's queue
        }

        Assert.Equal(inA.ReferredTo.CaseId, inB.Id);
        Assert.Equal(filed.Description, inB.Description);
        Assert.Equal(filed.Location, inB.Location);
        Assert.Equal(filed.ContactPhone, inB.ContactPhone);
        Assert.Equal(CaseStatus.Received, inB.Status);
        Assert.Equal("engineering", inB.Department);
        Assert.Equal(("a", filed.Id, filed.Number, Reason), (inB.ReferredFrom!.AgencyId, inB.ReferredFrom.CaseId, inB.ReferredFrom.Number, inB.ReferredFrom.Reason));
        Assert.Equal([CaseEventKind.Created, CaseEventKind.StatusChanged], inB.ReferredFrom.History.Select(e => e.Kind));
        Assert.Equal("เจ้าหน้าที่ somchai", inB.ReferredFrom.History[^1].Actor);   // A's staff by name: their ids mean nothing in B
        Assert.Equal("a", inB.CitizenAgencyId);
        var photoOfB = Assert.Single(inB.Photos);
        Assert.NotEqual(filed.Photos[0].Id, photoOfB.Id);   // B's own copy, in B's photo store

        // The citizen is told in A's channel (A's token), short and polite: who has it now, its number, how to follow it.
        await Line.WaitUntilAsync(l => l.Sends.Any(s => s.To == citizen), TimeSpan.FromSeconds(20));
        var notice = Line.Sends.Single(s => s.To == citizen);
        Assert.Equal("token-a", notice.ChannelToken);
        var text = LineChat.Text(System.Text.Json.Nodes.JsonNode.Parse(notice.MessagesJson)!.AsArray());
        Assert.Contains($"ส่งต่อให้{TwoAgencies.NameB}ดูแลแล้วค่ะ", text, StringComparison.Ordinal);
        Assert.Contains("เลขที่เรื่องใหม่: " + inB.Number, text, StringComparison.Ordinal);
        Assert.Contains(Reason, text, StringComparison.Ordinal);
        Assert.Contains("ทางแชทนี้", text, StringComparison.Ordinal);

        // B's staff are told as of a new case, through B's channel.
        await Line.WaitUntilAsync(l => l.Sends.Any(s => s.To == setup.OfficerOfB.LineUserId), TimeSpan.FromSeconds(20));
        var toOfficer = Line.Sends.Single(s => s.To == setup.OfficerOfB.LineUserId);
        Assert.Equal("token-b", toOfficer.ChannelToken);
        Assert.Contains("เรื่องร้องเรียนใหม่ " + inB.Number, toOfficer.MessagesJson, StringComparison.Ordinal);

        // B's officer sees it in B's list and page: the history from A, the reason, the photo.
        using var officer = new StaffBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SignInAsync("wilai", totpSecret: setup.SecretOfB, agency: "b")).StatusCode);
        Assert.Contains(inB.Number, await officer.GetPageAsync("/staff/cases"), StringComparison.Ordinal);
        var pageOfB = await officer.GetPageAsync(CaseAccess.Href(inB));
        Assert.Contains($"{TwoAgencies.NameA} เลขที่ {filed.Number}", pageOfB, StringComparison.Ordinal);
        Assert.Contains(Reason, pageOfB, StringComparison.Ordinal);
        Assert.Contains("ประวัติจาก" + TwoAgencies.NameA, pageOfB, StringComparison.Ordinal);
        Assert.Contains("หลุมลึก", pageOfB, StringComparison.Ordinal);
        var photo = await officer.Client.GetAsync(new Uri($"{CaseAccess.Href(inB)}/photos/{photoOfB.Id}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(setup.Jpeg, await photo.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        // A's officer does not open B's case (by id: B numbers its cases itself, so the number may be one of A's too); A's own page says where it went.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync(new Uri("/staff/cases/" + inB.Id, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        var after = await admin.GetPageAsync(CaseAccess.Href(inA));
        Assert.Contains($"{TwoAgencies.NameB} เลขที่ {inB.Number}", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"refer-form\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"answer-form\"", after, StringComparison.Ordinal);

        // B works it: the citizen hears of it in A's chat, with B's name on it.
        var progress = await officer.PostAsync(CaseAccess.Href(inB) + "/status", pageOfB, ("version", "1"), ("status", nameof(CaseStatus.InProgress)),
            ("note", "ส่งช่างเข้าซ่อมพรุ่งนี้ค่ะ"));
        Assert.Equal(HttpStatusCode.Redirect, progress.StatusCode);
        await Line.WaitUntilAsync(l => l.Sends.Count(s => s.To == citizen) == 2, TimeSpan.FromSeconds(20));
        var later = Line.Sends.Where(s => s.To == citizen).Last();
        Assert.Equal("token-a", later.ChannelToken);
        var laterText = LineChat.Text(System.Text.Json.Nodes.JsonNode.Parse(later.MessagesJson)!.AsArray());
        Assert.StartsWith("จาก" + TwoAgencies.NameB, laterText, StringComparison.Ordinal);
        Assert.Contains(inB.Number, laterText, StringComparison.Ordinal);
        Assert.Contains("ส่งช่างเข้าซ่อมพรุ่งนี้ค่ะ", laterText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refer_ACaseAlreadyReferred_AisRefusedEveryChange_AndTheHistoryInBStaysAsReferred()
    {
        await using var setup = await TwoAgenciesWithACaseOfAAsync(Events.NewUserId());
        var (host, filed, admin) = (setup.Host, setup.Case, setup.AdminOfA);
        var page = await admin.GetPageAsync(CaseAccess.Href(filed));
        Assert.Equal(HttpStatusCode.Redirect, (await ReferAsync(admin, page, filed, "b", Reason)).StatusCode);
        var cases = host.Services.GetRequiredService<CaseService>();
        CaseRecord inA;
        using (AgencyContext.Enter("a"))
        {
            inA = cases.Get(filed.Id)!;
        }

        var version = inA.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var answer = await admin.PostAsync(CaseAccess.Href(inA) + "/answer", page, ("version", version), ("answer", "ขอบคุณค่ะ"));
        var note = await admin.PostAsync(CaseAccess.Href(inA) + "/note", page, ("version", version), ("note", "โทรหาผู้ร้องแล้ว"));
        var again = await ReferAsync(admin, page, inA, "b", Reason);

        foreach (var refused in new[] { answer, note, again })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"เรื่องนี้ส่งต่อให้{TwoAgencies.NameB}แล้ว", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (AgencyContext.Enter("a"))
        {
            Assert.Equal(inA.Version, cases.Get(filed.Id)!.Version);
        }

        using (AgencyContext.Enter("b"))
        {
            var inB = Assert.Single(cases.List(new CaseFilter()).Items);
            // A's history as it was when referred: filed, then referred with the reason; nothing written in A after it.
            Assert.Equal([(CaseEventKind.Created, (CaseStatus?)null, "ผู้ร้อง"), (CaseEventKind.StatusChanged, CaseStatus.Referred, "เจ้าหน้าที่ somchai")],
                inB.ReferredFrom!.History.Select(e => (e.Kind, e.Kind == CaseEventKind.Created ? null : e.To, e.Actor == CaseService.CitizenActor ? "ผู้ร้อง" : e.Actor)));
            Assert.Equal(Reason, inB.ReferredFrom.History[^1].Note);
        }
    }

    [Fact]
    public async Task Refer_ToAnUnknownAgencyOrToItself_IsRefusedWithTheReason_AndNothingChanges()
    {
        await using var setup = await TwoAgenciesWithACaseOfAAsync(Events.NewUserId());
        var (host, filed, admin) = (setup.Host, setup.Case, setup.AdminOfA);
        var page = await admin.GetPageAsync(CaseAccess.Href(filed));

        var unknown = await ReferAsync(admin, page, filed, "c", Reason);
        var itself = await ReferAsync(admin, page, filed, "a", Reason);
        var noReason = await ReferAsync(admin, page, filed, "b", " ");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains(CaseService.UnknownAgencyText, await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
        Assert.Contains(CaseService.UnknownAgencyText, await itself.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains(CaseService.ReasonRequiredText, await noReason.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var cases = host.Services.GetRequiredService<CaseService>();
        using (AgencyContext.Enter("a"))
        {
            Assert.Equal((CaseStatus.Received, filed.Version), (cases.Get(filed.Id)!.Status, cases.Get(filed.Id)!.Version));
        }

        using (AgencyContext.Enter("b"))
        {
            Assert.Empty(cases.List(new CaseFilter()).Items);
        }
    }

    [Fact]
    public async Task Refer_AProtectedReportsNumber_IsRefusedWithTheReason_AndTheReportStaysInAsVault()
    {
        await using var setup = await TwoAgenciesWithACaseOfAAsync(Events.NewUserId());
        var (host, admin) = (setup.Host, setup.AdminOfA);
        Submission report;
        using (AgencyContext.Enter("a"))
        {
            report = await host.Services.GetRequiredService<AgencyVaults>().Current.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent("ปลัดเรียกเงินใต้โต๊ะ 5,000 บาท")));
        }

        var page = await admin.GetPageAsync(CaseAccess.Href(setup.Case));
        var refused = await admin.PostAsync("/staff/cases/" + Uri.EscapeDataString(report.Number) + "/refer", page, ("version", "1"), ("agency", "b"), ("reason", Reason));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(CaseEndpoints.ProtectedNotReferredText, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ใต้โต๊ะ", text, StringComparison.Ordinal);
        using (AgencyContext.Enter("b"))
        {
            Assert.Empty(host.Services.GetRequiredService<CaseService>().List(new CaseFilter()).Items);
        }

        using (AgencyContext.Enter("a"))
        {
            var summary = Assert.Single(await host.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("auditor"), r => r.Number == report.Number);
            Assert.Equal(ReportStatus.Received, summary.Status);
        }
    }

    /// <summary>Refers the setup's case to B through A's case page and returns A's case and B's new case as stored.</summary>
    private static async Task<(CaseRecord InA, CaseRecord InB)> ReferredAsync(Setup setup)
    {
        var page = await setup.AdminOfA.GetPageAsync(CaseAccess.Href(setup.Case));
        Assert.Equal(HttpStatusCode.Redirect, (await ReferAsync(setup.AdminOfA, page, setup.Case, "b", Reason)).StatusCode);
        var cases = setup.Host.Services.GetRequiredService<CaseService>();
        CaseRecord inA;
        using (AgencyContext.Enter("a"))
        {
            inA = cases.Get(setup.Case.Id)!;
        }

        using (AgencyContext.Enter("b"))
        {
            return (inA, cases.Get(inA.ReferredTo!.CaseId)!);
        }
    }

    private static CaseRecord InAgency(ServiceHost host, string agency, string id)
    {
        using var scope = AgencyContext.Enter(agency);
        return host.Services.GetRequiredService<CaseService>().Get(id)!;
    }

    [Fact]
    public async Task ReferredCase_TheCitizenAsksAfterItInAsChat_AndIsAnsweredWithBsNumberStatusAndName_AndAFollowUpAndAPhotoLandInBsCase()
    {
        var citizen = Events.NewUserId();
        await using var setup = await TwoAgenciesWithACaseOfAAsync(citizen);
        var host = setup.Host;
        var (inA, inB) = await ReferredAsync(setup);
        var chat = new LineChat(host, Line, citizen, agency: "a", secret: TwoAgencies.SecretA);

        // "Where is my case?" in A's chat: B's number, B's status, and who has it now.
        var status = LineChat.Text(await chat.SayAsync("เรื่องของฉันถึงไหนแล้วคะ"));
        Assert.Contains($"• {inB.Number} {CaseStatus.Received.Thai()} (", status, StringComparison.Ordinal);
        Assert.Contains("ดูแลโดย" + TwoAgencies.NameB, status, StringComparison.Ordinal);
        Assert.DoesNotContain(CaseStatus.Referred.Thai(), status, StringComparison.Ordinal);

        // A card of before the referral (A's case id) opens B's case as it is now.
        var detail = LineChat.Text(await chat.TapAsync(CaseCards.ViewPrefix + inA.Id));
        Assert.Contains($"เรื่องเลขที่ {inB.Number}\nสถานะ: {CaseStatus.Received.Thai()}", detail, StringComparison.Ordinal);
        Assert.Contains($"ดูแลโดย: {TwoAgencies.NameB} (ส่งต่อจากเรื่องเลขที่ {inA.Number})", detail, StringComparison.Ordinal);

        // A follow-up from B's card goes to B's case, and B's officer is told through B's channel.
        Assert.Contains(ComplaintTexts.AskFollowUp, LineChat.Text(await chat.TapAsync(CaseCards.FollowUpPrefix + inB.Id)), StringComparison.Ordinal);
        Assert.Contains(ComplaintTexts.FollowUpSent, LineChat.Text(await chat.SayAsync("หลุมใหญ่ขึ้นอีกแล้วค่ะ เมื่อคืนรถล้มอีกคัน")), StringComparison.Ordinal);
        var followed = InAgency(host, "b", inB.Id);
        Assert.Equal((CaseEventKind.CitizenFollowUp, "หลุมใหญ่ขึ้นอีกแล้วค่ะ เมื่อคืนรถล้มอีกคัน"), (followed.Timeline[^1].Kind, followed.Timeline[^1].Note));
        Assert.Equal(inA.Version, InAgency(host, "a", inA.Id).Version);   // nothing written to A's closed case
        await Line.WaitUntilAsync(l => l.Sends.Any(s => s.To == setup.OfficerOfB.LineUserId && s.MessagesJson.Contains("ผู้ร้องส่งข้อมูลเพิ่ม", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20));
        var told = Line.Sends.Single(s => s.To == setup.OfficerOfB.LineUserId && s.MessagesJson.Contains("ผู้ร้องส่งข้อมูลเพิ่ม", StringComparison.Ordinal));
        Assert.Equal("token-b", told.ChannelToken);
        Assert.Contains(inB.Number, told.MessagesJson, StringComparison.Ordinal);

        // A photo, from A's old card: stored in B's photo store, on B's case.
        var jpeg = TestImages.Jpeg(640, 480);
        Line.AddContent("followup-photo", jpeg, "image/jpeg");
        await chat.TapAsync(CaseCards.FollowUpPrefix + inA.Id);
        Assert.Contains(ComplaintTexts.FollowUpPhotoSent, LineChat.Text(await chat.SendAsync(LineChat.Image(citizen, "followup-photo"))), StringComparison.Ordinal);
        var withPhoto = InAgency(host, "b", inB.Id);
        Assert.Equal(2, withPhoto.Photos.Count);
        Assert.Equal(CaseService.PhotoAddedNote, withPhoto.Timeline[^1].Note);
        using (AgencyContext.Enter("b"))
        {
            using var stored = host.Services.GetRequiredService<IPhotoStore>().Open(withPhoto.Photos[^1].Id);
            Assert.NotNull(stored);
        }

        using (AgencyContext.Enter("a"))
        {
            Assert.Null(host.Services.GetRequiredService<IPhotoStore>().Open(withPhoto.Photos[^1].Id));   // moved, not left in A's store
        }

        // B's officer sees both in B's case timeline.
        using var officer = new StaffBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SignInAsync("wilai", totpSecret: setup.SecretOfB, agency: "b")).StatusCode);
        var pageOfB = WebUtility.HtmlDecode(await officer.GetPageAsync(CaseAccess.Href(inB)));
        Assert.Contains("หลุมใหญ่ขึ้นอีกแล้วค่ะ เมื่อคืนรถล้มอีกคัน", pageOfB, StringComparison.Ordinal);
        Assert.Contains(CaseService.PhotoAddedNote, pageOfB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReferredCase_CompletedByB_AsksForTheRatingInAsChat_AndTheScoreAndCommentLandOnBsCase()
    {
        var citizen = Events.NewUserId();
        await using var setup = await TwoAgenciesWithACaseOfAAsync(citizen);
        var host = setup.Host;
        var (inA, inB) = await ReferredAsync(setup);
        var cases = host.Services.GetRequiredService<CaseService>();
        using (AgencyContext.Enter("b"))
        {
            var working = await cases.ChangeStatusAsync(inB.Id, inB.Version, CaseStatus.InProgress, setup.OfficerOfB.Id, null);
            Assert.True((await cases.ChangeStatusAsync(inB.Id, working.Case!.Version, CaseStatus.Completed, setup.OfficerOfB.Id, "ซ่อมถนนเรียบร้อยแล้วค่ะ")).Changed);
        }

        // The closing notice comes through A's channel, headed with B's name, and carries the stars.
        await Line.WaitUntilAsync(l => l.Sends.Any(s => s.To == citizen && s.MessagesJson.Contains("ความพึงพอใจ", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        var closing = Line.Sends.Single(s => s.To == citizen && s.MessagesJson.Contains("ความพึงพอใจ", StringComparison.Ordinal));
        Assert.Equal("token-a", closing.ChannelToken);
        var messages = System.Text.Json.Nodes.JsonNode.Parse(closing.MessagesJson)!.AsArray();
        Assert.StartsWith("จาก" + TwoAgencies.NameB, LineChat.Text(messages), StringComparison.Ordinal);
        var five = Assert.Single(LineChat.QuickReplyData(messages), d => d.EndsWith("&score=5", StringComparison.Ordinal));

        // Tapped in A's chat: the score is B's (measure 3 of the agency that did the work); A's referred case stays unrated.
        var chat = new LineChat(host, Line, citizen, agency: "a", secret: TwoAgencies.SecretA);
        Assert.Contains(ComplaintTexts.RateThanks(5), LineChat.Text(await chat.TapAsync(five)), StringComparison.Ordinal);
        await chat.SayAsync("ช่างมาเร็วมากค่ะ ขอบคุณค่ะ");
        var rated = InAgency(host, "b", inB.Id);
        Assert.Equal((5, "ช่างมาเร็วมากค่ะ ขอบคุณค่ะ"), (rated.Rating!.Score, rated.Rating.Comment));
        using (AgencyContext.Enter("b"))
        {
            Assert.Equal(5, host.Services.GetRequiredService<ICaseStore>().FindFacts(rated)!.RatingScore);
        }

        Assert.Null(InAgency(host, "a", inA.Id).Rating);
        // "ให้คะแนน" typed later finds nothing left to rate, not A's referred case.
        Assert.Contains(ComplaintTexts.RateNothing, LineChat.Text(await chat.SayAsync("ให้คะแนน")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_InA_OfACitizenWhoseCaseWasReferred_WaitsWhileBWorksIt_ThenAnonymisesBsCopyToo_AndBothLogsSaySo()
    {
        var citizen = Events.NewUserId();
        await using var setup = await TwoAgenciesWithACaseOfAAsync(citizen);
        var host = setup.Host;
        var (inA, inB) = await ReferredAsync(setup);
        var requests = host.Services.GetRequiredService<PrivacyRequests>();
        var cases = host.Services.GetRequiredService<CaseService>();
        PrivacyRequest request;
        using (AgencyContext.Enter("a"))
        {
            request = await requests.CreateAsync(PrivacyRequestKind.Erasure, citizen, null, null, null, PrivacyRequests.CitizenActor);

            // A's case is closed (referred), but the matter is open in B: the erasure waits, naming B's case.
            var blocked = await requests.DecideAsync(request.Id, complete: true, null, "admin-a", "เจ้าหน้าที่ somchai");
            Assert.Equal(PrivacyDecisionOutcome.BlockedByOpenCase, blocked.Outcome);
            Assert.Equal([$"{inB.Number} ({TwoAgencies.NameB})"], blocked.OpenCases);
        }

        using (AgencyContext.Enter("b"))
        {
            Assert.True((await cases.ChangeStatusAsync(inB.Id, inB.Version, CaseStatus.Completed, setup.OfficerOfB.Id, "ซ่อมแล้วค่ะ")).Changed);
        }

        PrivacyDecision done;
        using (AgencyContext.Enter("a"))
        {
            done = await requests.DecideAsync(request.Id, complete: true, null, "admin-a", "เจ้าหน้าที่ somchai");
        }

        Assert.Equal(PrivacyDecisionOutcome.Decided, done.Outcome);
        Assert.Contains($"{TwoAgencies.NameB} เลขที่ {inB.Number}", done.Request!.Log[^2].What, StringComparison.Ordinal);
        Assert.True(CaseService.IsAnonymised(InAgency(host, "a", inA.Id)));
        var copy = InAgency(host, "b", inB.Id);
        Assert.True(CaseService.IsAnonymised(copy));
        Assert.Equal((null, null, CaseService.ErasedText), (copy.ContactPhone, copy.CitizenLineUserId, copy.Description));
        // The history B received from A and the reason are notes too: nothing of them is left.
        Assert.Equal(CaseService.ErasedText, copy.ReferredFrom!.Reason);
        Assert.All(copy.ReferredFrom.History.Concat(copy.Timeline), e => Assert.True(e.Note is null or CaseService.ErasedText, e.Note));
        Assert.Equal(inA.Number, copy.ReferredFrom.Number);   // the link stays (numbers are not personal data)
        using (AgencyContext.Enter("b"))
        {
            Assert.Null(host.Services.GetRequiredService<IPhotoStore>().Open(inB.Photos[0].Id));   // B's copy of the photo is gone too
            var entry = Assert.Single(host.Services.GetRequiredService<IPrivacyStore>().ListPurgeLog(10));
            Assert.Contains(inB.Number, entry.Detail, StringComparison.Ordinal);
            Assert.Contains(request.Number, entry.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RetentionPurge_AnonymisesEachAgencysCopyWhenItsOwnPeriodHasPassed_BsCopyWithTheHistoryFromA()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var cases = host.Services.GetRequiredService<CaseService>();
        var citizen = Events.NewUserId();
        CaseRecord inA;
        using (AgencyContext.Enter("a"))
        {
            var filed = await cases.CreateAsync(new NewCase
            {
                CategoryId = "road", Channel = CaseChannel.Line, Description = "ถนนหน้าบ้านนางสมศรีเป็นหลุม", CitizenLineUserId = citizen,
                ContactConsent = true, ContactPhone = "0812345678",
            }, CaseService.CitizenActor);
            var noted = await cases.AddInternalNoteAsync(filed.Id, filed.Version, "โทรคุยกับนางสมศรี 0812345678 แล้ว", "admin-a");
            var referred = await cases.ReferAsync(filed.Id, noted.Case!.Version, "b", Reason, "admin-a", _ => "เจ้าหน้าที่ somchai");
            Assert.True(referred.Change.Changed);
            inA = referred.Change.Case!;
        }

        // B works it ten days longer than A had it.
        clock.Advance(TimeSpan.FromDays(10));
        var inB = InAgency(host, "b", inA.ReferredTo!.CaseId);
        using (AgencyContext.Enter("b"))
        {
            Assert.True((await cases.ChangeStatusAsync(inB.Id, inB.Version, CaseStatus.Completed, "officer-b", "ซ่อมแล้วค่ะ")).Changed);
        }

        var purge = host.Services.GetRequiredService<PurgeJob>();
        var days = host.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value.Retention.CaseDays;

        // A's period has passed, B's (from B's own closing) has not: B still holds what it needs for its own case.
        clock.Advance(TimeSpan.FromDays(days - 5));
        await purge.RunAsync();
        Assert.True(CaseService.IsAnonymised(InAgency(host, "a", inA.Id)));
        Assert.Equal("0812345678", InAgency(host, "b", inB.Id).ContactPhone);

        clock.Advance(TimeSpan.FromDays(6));
        await purge.RunAsync();
        var copy = InAgency(host, "b", inB.Id);
        Assert.True(CaseService.IsAnonymised(copy));
        Assert.Contains(copy.ReferredFrom!.History, e => e.Kind == CaseEventKind.InternalNote);
        Assert.All(copy.ReferredFrom.History, e => Assert.True(e.Note is null or CaseService.ErasedText, e.Note));
        Assert.Equal(CaseService.ErasedText, copy.ReferredFrom.Reason);
    }
}
