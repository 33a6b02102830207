using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ItaBot.Cases;
using ItaBot.Line.Testing;
using ItaBot.Privacy;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Privacy;

/// <summary>Requests from citizens (PDPA sections 30–36), retention (section 37) and the access audit, through the whole service.</summary>
public sealed partial class PrivacyRequestsTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task AccessRequest_InLine_AnswersWithOwnDataOnly_AndTheCopyLinkWorksOnce()
    {
        await using var host = new ServiceHost(_line);
        var (alice, bob) = (Events.NewUserId(), Events.NewUserId());
        var mine = await FileAsync(host, alice, "ไฟถนนซอยอลิซดับสามคืน", "0811111111");
        var theirs = await FileAsync(host, bob, "ขยะหน้าบ้านบ็อบไม่มีคนเก็บ", "0822222222");

        var reply = LineChat.Texts(await new LineChat(host, _line, alice).SayAsync("ขอดูข้อมูลของฉัน"));

        var all = string.Join("\n", reply);
        Assert.Contains(mine.Number, all, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Number, all, StringComparison.Ordinal);
        Assert.Contains("xxxxxx1111", all, StringComparison.Ordinal);   // the phone, masked in chat
        var link = CopyLink().Match(all);
        Assert.True(link.Success, all);
        using var client = host.CreateClient();
        var path = new Uri(link.Value).AbsolutePath;

        var preview = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);   // a link preview: must not spend it
        using var first = await client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);
        using var second = await client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        // The citizen's own data page is not headed as the corruption-report channel.
        Assert.DoesNotContain("แจ้งเบาะแสการทุจริต", await preview.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/zip", first.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await first.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var json = Read(zip, "data.json");
        var csv = Read(zip, "data.csv");
        Assert.Contains("ไฟถนนซอยอลิซดับสามคืน", json, StringComparison.Ordinal);
        Assert.Contains("0811111111", json, StringComparison.Ordinal);
        Assert.Contains(mine.Number, csv, StringComparison.Ordinal);
        foreach (var text in (string[])[theirs.Number, "บ็อบ", "0822222222", bob])
        {
            Assert.DoesNotContain(text, json + csv, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        var request = Assert.Single(host.Services.GetRequiredService<PrivacyRequests>().List());
        Assert.Equal((PrivacyRequestKind.Access, PrivacyRequestStatus.Completed), (request.Kind, request.Status));
        Assert.Contains(request.Log, e => e.What.Contains("ดาวน์โหลด", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CopyPage_AndItsGoneAnswer_HaveTheProtectedHeaders_NoCookie_AndAreHeadedAsThePrivacyNotice()
    {
        await using var host = new ServiceHost(_line);
        using var client = host.CreateBrowserClient(cookies: false);
        var path = "/privacy/copy/" + new string('a', 48);

        using var page = await client.GetAsync(path, TestContext.Current.CancellationToken);
        using var gone = await client.PostAsync(path, null, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Gone), (page.StatusCode, gone.StatusCode));
        foreach (var response in new[] { page, gone })
        {
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{response.StatusCode}: a cookie was set");
            Assert.Contains($"<form class=\"box\" method=\"post\" action=\"{path}\">", html, StringComparison.Ordinal);
            Assert.DoesNotContain("__af", html, StringComparison.Ordinal);   // no antiforgery: no cookie
            Assert.Contains(">ข้อมูลส่วนบุคคลของท่าน</a>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("แจ้งเบาะแสการทุจริต", html, StringComparison.Ordinal);
        }

        Assert.Contains("ลิงก์นี้ใช้ไปแล้วหรือหมดอายุแล้วค่ะ", await gone.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_RefusedWhileTheCaseIsOpen_DoneAfterItCloses_CitizenToldBothTimes()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();
        var filed = await FileAsync(host, user, "ท่อระบายน้ำหน้าบ้านเลขที่ 9 อุดตัน", "0833333333");
        var requests = host.Services.GetRequiredService<PrivacyRequests>();

        var first = await AskErasureAsync(host, user);
        var blocked = await requests.DecideAsync(first.Id, complete: true, null, "s1", "สมชาย");
        var refused = await requests.DecideAsync(first.Id, complete: false, PrivacyRequestTexts.RefusalReasons[0].Text, "s1", "สมชาย");

        Assert.Equal(PrivacyDecisionOutcome.BlockedByOpenCase, blocked.Outcome);
        Assert.Equal([filed.Number], blocked.OpenCases);
        Assert.Equal(PrivacyRequestStatus.Refused, refused.Request!.Status);
        await _line.WaitUntilAsync(l => l.Sends.Any(s => s.Kind == "push" && s.To == user && s.MessagesJson.Contains("มาตรา 33", StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        Assert.Equal("0833333333", Cases(host).Get(filed.Id)!.ContactPhone);

        var cases = Cases(host);
        await cases.ChangeStatusAsync(filed.Id, cases.Get(filed.Id)!.Version, CaseStatus.Completed, "s1", "ล้างท่อแล้ว");
        var second = await AskErasureAsync(host, user);
        var done = await requests.DecideAsync(second.Id, complete: true, null, "s1", "สมชาย");

        Assert.Equal(PrivacyDecisionOutcome.Decided, done.Outcome);
        var erased = cases.Get(filed.Id)!;
        Assert.True(CaseService.IsAnonymised(erased));
        Assert.Null(erased.CitizenLineUserId);
        Assert.Null(erased.ContactPhone);
        Assert.Equal(CaseStatus.Completed, erased.Status);
        Assert.Null(requests.Find(second.Id)!.LineUserId);
        await _line.WaitUntilAsync(l => l.Sends.Any(s => s.Kind == "push" && s.To == user && s.MessagesJson.Contains(second.Number, StringComparison.Ordinal)), TimeSpan.FromSeconds(20));
        Assert.Contains(requests.Find(second.Id)!.Log, e => e.What.StartsWith("ลบข้อมูลส่วนบุคคลแล้ว", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retention_ExpiredClosedCase_IsAnonymised_AndThePastYearsFiguresDoNotChange()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 3, 0, 0, TimeSpan.Zero));
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var cases = Cases(host);
        var user = Events.NewUserId();
        var old = await FileAsync(host, user, "ถนนหน้าโรงเรียนเป็นหลุมลึก", "0844444444");
        clock.Advance(TimeSpan.FromDays(3));
        await cases.ChangeStatusAsync(old.Id, cases.Get(old.Id)!.Version, CaseStatus.Completed, "s1", "ซ่อมแล้ว");
        var open = await FileAsync(host, Events.NewUserId(), "ไฟดับหน้าวัด", "0855555555");
        var compiler = host.Services.GetRequiredService<IReportCompiler>();
        var period = ReportPeriod.ForFiscalYear(2568);
        var asOf = clock.GetUtcNow().UtcDateTime;
        var before = await compiler.CompileAsync(period, "test", asOf, store: false, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromDays(731));
        await host.Services.GetRequiredService<PurgeJob>().RunAsync();
        var after = await compiler.CompileAsync(period, "test", asOf, store: false, TestContext.Current.CancellationToken);

        var purged = cases.Get(old.Id)!;
        Assert.True(CaseService.IsAnonymised(purged));
        Assert.Equal((old.Number, old.CategoryId, CaseStatus.Completed), (purged.Number, purged.CategoryId, purged.Status));
        Assert.Equal("0855555555", cases.Get(open.Id)!.ContactPhone);   // an open case keeps what staff still need
        Assert.Equal(JsonSerializer.Serialize(before.Complaints), JsonSerializer.Serialize(after.Complaints));
        Assert.Equal(2, before.Complaints.Total);   // the closed case and the open one
        Assert.Equal(JsonSerializer.Serialize(before.Trace), JsonSerializer.Serialize(after.Trace));
        var log = host.Services.GetRequiredService<PurgeJob>().ListLog();
        Assert.Contains(log, e => e.Kind == "cases" && e.Count == 1 && e.Detail.Contains(old.Number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffRequestPage_ARequestMadeInLine_NamesItsMakerInThai()
    {
        await using var host = new ServiceHost(_line);
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        using var admin = new StaffBrowser(host);
        await admin.SignInAsync("admin1", totpSecret: secret);
        var request = await host.Services.GetRequiredService<PrivacyRequests>()
            .CreateAsync(PrivacyRequestKind.Access, Events.NewUserId(), null, null, null, PrivacyRequests.CitizenActor);

        var page = await admin.GetPageAsync("/staff/privacy/requests/" + request.Id);

        Assert.Contains("เจ้าของข้อมูล (ทาง LINE)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("· " + PrivacyRequests.CitizenActor + " ·", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffViews_OfACaseAPhotoAndACitizensData_AreEachAuditedWithWhoAndRole()
    {
        await using var host = new ServiceHost(_line);
        var filed = await FileAsync(host, Events.NewUserId(), "ไฟถนนดับทั้งซอย", "0866666666", withPhoto: true);
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
        using var admin = new StaffBrowser(host);
        await admin.SignInAsync("admin1", totpSecret: secret);
        var request = await host.Services.GetRequiredService<PrivacyRequests>().CreateAsync(PrivacyRequestKind.Access, null, "นางสาวทดสอบ", "0866666666", null, "admin1");

        await admin.GetPageAsync("/staff/cases/" + filed.Number);
        await admin.GetPageAsync($"/staff/cases/{filed.Number}/photos/{filed.Photos[0].Id}");
        var page = await admin.GetPageAsync("/staff/privacy/requests/" + request.Id);
        await admin.GetPageAsync($"/staff/privacy/requests/{request.Id}/copy");
        var csv = await admin.GetPageAsync("/staff/privacy/audit?action=&format=csv");

        Assert.Contains(filed.Number, page, StringComparison.Ordinal);   // found by the phone given at filing
        var rows = host.Services.GetRequiredService<AccessAudit>().List(null, null, null, null, null);
        foreach (var (action, target) in (ReadOnlySpan<(string, string)>)[("view-case", filed.Number), ("view-photo", $"{filed.Number}/{filed.Photos[0].Id}"),
            ("view-citizen-data", request.Id), ("export-citizen-data", request.Id), ("export-access-audit", "?action=&format=csv")])
        {
            Assert.Contains(rows, r => r.Action == action && r.Target == target && r.Role == "Admin" && r.StaffName == "เจ้าหน้าที่ admin1");
            if (action != "export-access-audit")
            {
                Assert.Contains($"{action},{target}", csv, StringComparison.Ordinal);
            }
        }

        var unaudited = await admin.Client.GetAsync(new Uri("/staff/cases/ร99-99999", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unaudited.StatusCode);
        Assert.DoesNotContain(host.Services.GetRequiredService<AccessAudit>().List(null, null, null, null, null), r => r.Target == "ร99-99999");
    }

    private async Task<PrivacyRequest> AskErasureAsync(ServiceHost host, string user)
    {
        var chat = new LineChat(host, _line, user);
        var ask = LineChat.Text(await chat.SayAsync("ลบข้อมูลของฉัน"));
        Assert.Contains(PrivacyRequestDialog.AskConfirmErase(30), ask, StringComparison.Ordinal);
        var received = LineChat.Text(await chat.TapAsync(PrivacyRequestDialog.ConfirmEraseData));
        var request = host.Services.GetRequiredService<PrivacyRequests>().List(PrivacyRequestStatus.Pending)[0];
        Assert.Contains(request.Number, received, StringComparison.Ordinal);
        Assert.Equal(PrivacyRequestKind.Erasure, request.Kind);
        return request;
    }

    private static CaseService Cases(ServiceHost host) => host.Services.GetRequiredService<CaseService>();

    private static async Task<CaseRecord> FileAsync(ServiceHost host, string user, string description, string phone, bool withPhoto = false)
    {
        IReadOnlyList<CasePhoto> photos = [];
        if (withPhoto)
        {
            var store = host.Services.GetRequiredService<ItaBot.Media.IPhotoStore>();
            photos = [await store.SaveAsync(new ItaBot.Media.StrippedPhoto(Jpeg(), 64, 48, null), TestContext.Current.CancellationToken)];
        }

        return await Cases(host).CreateAsync(new NewCase
        {
            CategoryId = "road", Channel = CaseChannel.Line, Description = description, CitizenLineUserId = user, ContactConsent = true, ContactPhone = phone,
            Location = new CaseLocation(16.24, 101.99, null, "หน้าบ้าน"), Photos = photos,
        }, CaseService.CitizenActor);
    }

    private static byte[] Jpeg()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"http://localhost:5000/privacy/copy/[0-9a-f]{48}")]
    private static partial Regex CopyLink();
}
