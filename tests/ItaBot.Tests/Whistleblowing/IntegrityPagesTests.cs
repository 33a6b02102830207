using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>/staff/integrity: integrity officers only; everyone else (admins too, and visitors) gets 404 on every URL.</summary>
public sealed partial class IntegrityPagesTests : IAsyncLifetime
{
    private const string What = "หัวหน้าฝ่ายเรียกเงินค่าอนุมัติใบอนุญาตก่อสร้างนอกระบบ";

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    private static IEnumerable<(HttpMethod Method, string Path)> Routes(string id) =>
    [
        (HttpMethod.Get, "/staff/integrity"),
        (HttpMethod.Get, "/staff/integrity/" + id),
        (HttpMethod.Get, $"/staff/integrity/{id}/attachments/x"),
        (HttpMethod.Get, $"/staff/integrity/{id}/attachments/x/original"),
        (HttpMethod.Get, "/staff/integrity/new"),
        (HttpMethod.Post, "/staff/integrity/new"),
        (HttpMethod.Post, "/staff/integrity/audit/verify"),
        (HttpMethod.Post, $"/staff/integrity/{id}/status"),
        (HttpMethod.Post, $"/staff/integrity/{id}/message"),
        (HttpMethod.Post, $"/staff/integrity/{id}/identity"),
        (HttpMethod.Post, $"/staff/integrity/{id}/identity/r/decide"),
        (HttpMethod.Post, $"/staff/integrity/{id}/identity/r/open"),
    ];

    [Theory]
    [InlineData("")]
    [InlineData(nameof(StaffRole.Admin))]
    [InlineData(nameof(StaffRole.CaseOfficer))]
    [InlineData(nameof(StaffRole.Reporter))]
    public async Task EveryProtectedUrl_IsNotFound_ForAnyoneButIntegrityOfficers(string roleName)
    {
        StaffRole? role = roleName.Length == 0 ? null : Enum.Parse<StaffRole>(roleName);
        await using var host = new ServiceHost(_line, settings: WhistleblowConversationTests.VaultSettings());
        var id = (await host.Services.GetRequiredService<AgencyVaults>().Current.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What)))).ReportId;
        using var browser = new StaffBrowser(host);
        if (role is { } r)
        {
            var secret = r == StaffRole.Admin ? StaffTotp.NewSecret() : null;
            await StaffTestKit.AddAsync(host, "someone", r, department: r == StaffRole.CaseOfficer ? "engineering" : null, totpSecret: secret);
            await browser.SignInAsync("someone", totpSecret: secret);
            using var home = await browser.Client.GetAsync("/staff", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.DoesNotContain("/staff/integrity", await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        foreach (var (method, path) in Routes(id))
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = new FormUrlEncodedContent([new("text", "x"), new("to", "Assigned")]);
            }

            using var response = await browser.Client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain(What, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EveryProtectedUrl_ForAVisitor_IsNotFoundBeforeTheVaultIsResolved()
    {
        // A vault that cannot open (a wrong key, a locked file) must not turn the visitor's 404 into a 500.
        var resolved = 0;
        await using var host = new ServiceHost(_line);
        host.Services.GetRequiredService<AgencyVaults>().Opener = _ =>
        {
            Interlocked.Increment(ref resolved);
            throw new InvalidOperationException("the vault cannot open");
        };
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (method, path) in Routes("r1"))
        {
            using var request = new HttpRequestMessage(method, path);
            if (method == HttpMethod.Post)
            {
                request.Content = new FormUrlEncodedContent([new("text", "x")]);
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        Assert.Equal(0, Volatile.Read(ref resolved));
    }

    [Fact]
    public async Task Officer_ListsReadsAssignsMessagesVerifiesChain_IdentityNeedsASecondOfficer()
    {
        await using var host = new ServiceHost(_line, settings: WhistleblowConversationTests.VaultSettings());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var filed = await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What, "หัวหน้าฝ่าย<b>"), new ReporterIdentity("นางสาวผู้แจ้ง ใจซื่อ", "0810000000")));
        var first = StaffTotp.NewSecret();
        var second = StaffTotp.NewSecret();
        var one = await StaffTestKit.AddAsync(host, "integrity1", StaffRole.IntegrityOfficer, totpSecret: first);
        await StaffTestKit.AddAsync(host, "integrity2", StaffRole.IntegrityOfficer, totpSecret: second);
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("integrity1", totpSecret: first);

        Assert.Contains("href=\"/staff/integrity\"", await officer.GetPageAsync("/staff"), StringComparison.Ordinal);
        var list = await officer.GetPageAsync("/staff/integrity");
        Assert.Contains(filed.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain(What, list, StringComparison.Ordinal);
        var page = await officer.GetPageAsync("/staff/integrity/" + filed.ReportId);
        Assert.Contains(What, page, StringComparison.Ordinal);
        Assert.Contains("หัวหน้าฝ่าย&lt;b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("นางสาวผู้แจ้ง", page, StringComparison.Ordinal);

        using var assigned = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/status", page, ("to", "Assigned"), ("assignee", one.Id));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(ReportStatus.Assigned, (await vault.ReadAsync(filed.ReportId, "test")).Summary.Status);
        using var message = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/message", page, ("text", "ขอเอกสารเพิ่มค่ะ"));
        Assert.Contains((await vault.ReadAsync(filed.ReportId, "test")).Messages, m => m.Text == "ขอเอกสารเพิ่มค่ะ" && m.Direction == MessageDirection.ToReporter);
        using var noToken = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/message", null, ("text", "ไม่มีโทเคน"));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        using var requested = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/identity", page, ("reason", "ต้องสอบถามพยานเพิ่ม"));
        var afterRequest = await requested.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("รอเจ้าหน้าที่อีกคนพิจารณา", afterRequest, StringComparison.Ordinal);
        Assert.DoesNotContain("/decide", afterRequest, StringComparison.Ordinal);   // not offered to the requester
        var requestId = (await vault.ReadAsync(filed.ReportId, "test")).IdentityRequests.Single().Id;
        using var selfApprove = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/identity/{requestId}/decide", page, ("approve", "yes"));
        Assert.Equal(HttpStatusCode.BadRequest, selfApprove.StatusCode);

        using var colleague = new StaffBrowser(host);
        await colleague.SignInAsync("integrity2", totpSecret: second);
        var theirs = await colleague.GetPageAsync("/staff/integrity/" + filed.ReportId);
        using var approved = await colleague.PostAsync($"/staff/integrity/{filed.ReportId}/identity/{requestId}/decide", theirs, ("approve", "yes"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        using var opened = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/identity/{requestId}/open", page);
        Assert.Contains("นางสาวผู้แจ้ง ใจซื่อ", await opened.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var verified = await officer.PostAsync("/staff/integrity/audit/verify", list);
        Assert.Contains("บันทึกตรวจสอบครบถ้วน", await verified.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs, l => l.Contains(What, StringComparison.Ordinal) || l.Contains("นางสาวผู้แจ้ง", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportPage_LegacyWordFileWithoutViewingCopy_TellsTheOfficerOnlyTheAuditedOriginalOpens()
    {
        await using var host = new ServiceHost(_line, settings: WhistleblowConversationTests.VaultSettings());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        byte[] word = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
        var filed = await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What, "หัวหน้าฝ่าย"),
            Attachments: [new NewAttachment("บันทึก.doc", "application/msword", ReadOnlyMemory<byte>.Empty, word)]));
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, "integrity1", StaffRole.IntegrityOfficer, totpSecret: secret);
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("integrity1", totpSecret: secret);

        var page = await officer.GetPageAsync("/staff/integrity/" + filed.ReportId);

        Assert.Contains("บันทึก.doc <span class=\"muted small\">(" + ItaBot.Whistleblowing.IntegrityEndpoints.NoViewingCopy + ")</span>", page, StringComparison.Ordinal);
        Assert.Contains("/original\">ดาวน์โหลดต้นฉบับ (เอกสารอาจมีชื่อผู้สร้าง)</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("attachments/" + (await vault.ReadAsync(filed.ReportId, "test")).Attachments.Single().Id + "\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPage_AssigneeList_NamesIntegrityOfficersOnly_AndAssignsTheOneChosen()
    {
        await using var host = new ServiceHost(_line, settings: WhistleblowConversationTests.VaultSettings());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var filed = await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What)));
        var secret = StaffTotp.NewSecret();
        var one = await StaffTestKit.AddAsync(host, "integrity1", StaffRole.IntegrityOfficer, totpSecret: secret);
        var two = await StaffTestKit.AddAsync(host, "integrity2", StaffRole.IntegrityOfficer, totpSecret: StaffTotp.NewSecret());
        var clerk = await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, department: "engineering");
        var admin = await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: StaffTotp.NewSecret());
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("integrity1", totpSecret: secret);

        var page = await officer.GetPageAsync("/staff/integrity/" + filed.ReportId);
        var list = AssigneeOptions().Match(page);

        Assert.True(list.Success, "no assignee list on the page");
        Assert.Equal(["เจ้าหน้าที่ integrity1", "เจ้าหน้าที่ integrity2"], OptionTexts().Matches(list.Value).Select(m => m.Groups[1].Value.Trim()));
        Assert.Contains($"value=\"{one.Id}\" selected", list.Value, StringComparison.Ordinal);   // the officer reading it, until assigned
        foreach (var other in (StaffAccount[])[clerk, admin])
        {
            Assert.DoesNotContain(other.Id, page, StringComparison.Ordinal);
        }

        using var refused = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/status", page, ("to", "Assigned"), ("assignee", clerk.Id));
        Assert.Contains("กรุณาเลือกเจ้าหน้าที่ศูนย์ปฏิบัติการต่อต้านการทุจริตค่ะ", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Received, (await vault.ReadAsync(filed.ReportId, "test")).Summary.Status);

        using var assigned = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/status", page, ("to", "Assigned"), ("assignee", two.Id));
        var after = await officer.GetPageAsync("/staff/integrity/" + filed.ReportId);

        var summary = (await vault.ReadAsync(filed.ReportId, "test")).Summary;
        Assert.Equal((ReportStatus.Assigned, two.Id), (summary.Status, summary.AssigneeId));
        Assert.Contains("<dd id=\"report-assignee\">เจ้าหน้าที่ integrity2</dd>", after, StringComparison.Ordinal);
        Assert.Contains($"value=\"{two.Id}\" selected", AssigneeOptions().Match(after).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPage_RetentionExtension_LaterDateKeptAndAudited_EarlierOrMissingRefused()
    {
        await using var host = new ServiceHost(_line, settings: WhistleblowConversationTests.VaultSettings());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var filed = await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What)));
        var secret = StaffTotp.NewSecret();
        var one = await StaffTestKit.AddAsync(host, "integrity1", StaffRole.IntegrityOfficer, totpSecret: secret);
        using var officer = new StaffBrowser(host);
        await officer.SignInAsync("integrity1", totpSecret: secret);
        var before = (await vault.ReadAsync(filed.ReportId, "test")).Summary.RetainUntil;
        var page = await officer.GetPageAsync("/staff/integrity/" + filed.ReportId);
        Assert.Contains("id=\"retention-no-reason\"", page, StringComparison.Ordinal);   // the form says why it asks no reason
        var keepUntil = DateOnly.FromDateTime(WorkingCalendar.ToBangkok(before.UtcDateTime)).AddYears(2);

        using var earlier = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/retention", page, ("until", keepUntil.AddYears(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        using var missing = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/retention", page, ("until", ""));
        Assert.Contains("วันที่ใหม่ต้องหลังวันที่เก็บรักษาเดิมค่ะ", await earlier.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("กรุณาระบุวันที่ค่ะ", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, (await vault.ReadAsync(filed.ReportId, "test")).Summary.RetainUntil);

        using var extended = await officer.PostAsync($"/staff/integrity/{filed.ReportId}/retention", page, ("until", keepUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        Assert.Contains("ขยายระยะเวลาเก็บรักษาแล้วค่ะ", await extended.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var kept = (await vault.ReadAsync(filed.ReportId, "test")).Summary.RetainUntil;
        Assert.Equal(keepUntil, DateOnly.FromDateTime(WorkingCalendar.ToBangkok(kept.UtcDateTime)));
        var audit = await vault.ReadAuditAsync("auditor", filed.ReportId);
        var entry = Assert.Single(audit, e => e.Action == "retention.extend");
        Assert.Equal(one.Id, entry.Actor);
        Assert.Contains(ThaiTime.Date(kept.UtcDateTime), await officer.GetPageAsync("/staff/integrity/" + filed.ReportId), StringComparison.Ordinal);
        Assert.True((await vault.VerifyAuditAsync("auditor")).IsIntact);
    }

    [GeneratedRegex("<select id=\"assignee\" name=\"assignee\">.*?</select>", RegexOptions.Singleline)]
    private static partial Regex AssigneeOptions();

    [GeneratedRegex("<option [^>]*>([^<]*)</option>")]
    private static partial Regex OptionTexts();
}
