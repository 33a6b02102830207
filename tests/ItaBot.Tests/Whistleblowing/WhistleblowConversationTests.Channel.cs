using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Line.Messages;
using ItaBot.Notifications;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using ItaBot.Webhook;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>
/// The protected channel's later parts through the whole service: status notices through the sealed address, retention
/// warnings, the officers' entry of walk-in, letter and phone reports, evidence files, and what a crash, a full memory
/// or a refused answer must not cost.
/// </summary>
public sealed partial class WhistleblowConversationTests
{
    private const string SubmittedPrefix = "ส่งเบาะแสเรียบร้อยแล้วค่ะ";

    // ---------------------------------------------------------------- 1. status notices

    [Fact]
    public async Task StatusNotice_OptedInReporter_GetsTheFixedSentenceAtTheirLineId_OutboxHoldsOnlyTheSealedReference()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var user = Events.NewUserId();
        var (receipt, _) = await FileReportAsync(host, user, notify: true);
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var reportId = Assert.Single(await vault.ListAsync("officer-1")).ReportId;
        await WaitForCheckpointAsync(host);
        using var officer = await SignInOfficerAsync(host, "integrity1");
        var page = await officer.GetPageAsync("/staff/integrity/" + reportId);

        var before = _line.Sends.Count;
        using var assigned = await officer.PostAsync($"/staff/integrity/{reportId}/status", page, ("to", "Assigned"), ("assignee", OfficerId(host, "integrity1")));
        using var asked = await officer.PostAsync($"/staff/integrity/{reportId}/message", page, ("text", "ขอทราบวันเวลาที่แน่นอนค่ะ"));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);

        await _line.WaitUntilAsync(l => l.Sends.Skip(before).Count(s => s.Kind == "push" && s.To == user) >= 2, TimeSpan.FromSeconds(15));
        var pushes = _line.Sends.Skip(before).Where(s => s.Kind == "push" && s.To == user).ToList();
        Assert.Equal(2, pushes.Count);
        Assert.All(pushes, p => Assert.Equal(WhistleTexts.StatusNotice, LineChat.TextMessages(p.MessagesJson)));
        var notices = host.Services.GetRequiredService<MessagingStore>().Database.GetCollection(ItaBot.Notifications.LiteDb.LiteDbNotificationStore.CollectionName)
            .Find(LiteDB.Query.EQ("Kind", ProtectedReporterNotices.ReporterKind)).ToList();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal(ProtectedReporterNotices.SealedPrefix + reportId, n["To"].AsString));
        Assert.Contains(await vault.ReadAuditAsync("auditor", reportId), e => e.Action == "notifier.open" && e.Actor == ProtectedReports.NotifierActor);

        // Nothing durable holds the reporter's LINE id, nor the report or the officer's question: every file under the
        // data directory, and the logs (the leak check, extended to notices).
        string[] secrets = [user, DisplayName, Officials, What, When, Where, receipt, receipt.Replace(" ", string.Empty, StringComparison.Ordinal), "ขอทราบวันเวลาที่แน่นอนค่ะ"];
        var found = new List<string>();
        await ScanFilesAsync(host.DataDirectory, secrets, found, "after notices:");
        Assert.Empty(found);
        Assert.DoesNotContain(host.Logs, l => secrets.Any(secret => l.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StatusNotice_ReporterWhoDidNotOptIn_GetsNothing_AndANoticeWhoseAddressIsGoneIsDropped()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var quiet = await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent("ไม่ขอรับแจ้งสถานะ")));
        using var officer = await SignInOfficerAsync(host, "integrity1");
        var page = await officer.GetPageAsync("/staff/integrity/" + quiet.ReportId);

        using var assigned = await officer.PostAsync($"/staff/integrity/{quiet.ReportId}/status", page, ("to", "Assigned"), ("assignee", OfficerId(host, "integrity1")));

        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var outbox = host.Services.GetRequiredService<MessagingStore>().Database.GetCollection(ItaBot.Notifications.LiteDb.LiteDbNotificationStore.CollectionName);
        Assert.Equal(0, outbox.Count(LiteDB.Query.EQ("Kind", ProtectedReporterNotices.ReporterKind)));

        // Queued anyway (as if the reporter opted out between the change and the push): dropped, nobody is pushed.
        var before = _line.Sends.Count;
        await host.Services.GetRequiredService<ProtectedReporterNotices>().NotifyReporterAsync(quiet.ReportId, "test", WhistleTexts.StatusNotice);
        var id = $"{ProtectedReporterNotices.ReporterKind}:{quiet.ReportId}:test";
        await Wait.UntilAsync(() => host.Services.GetRequiredService<INotificationStore>().Find(id) is { State: NotificationState.Parked }, TimeSpan.FromSeconds(15),
            "the notice without an address is dropped");
        Assert.DoesNotContain(_line.Sends.Skip(before), s => s.Kind == "push");
    }

    // ---------------------------------------------------------------- 2. retention warnings

    [Fact]
    public async Task RetentionWarning_LinkedIntegrityOfficersHearOncePerReportAndDate_NothingOfTheReport()
    {
        var settings = VaultSettings();
        settings["ItaBot:Vault:DefaultRetention"] = "10.00:00:00";
        settings["ItaBot:Whistleblowing:RetentionWarning"] = "14.00:00:00";
        settings["ItaBot:Notifications:StaffCaseUrl"] = "https://itabot.example.go.th/staff/cases/{0}";
        await using var host = new ServiceHost(_line, settings: settings);
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var soon = await vault.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent("เรื่องที่จะหมดอายุ")));
        var officerLine = await LinkAsync(host, await StaffTestKit.AddAsync(host, "integrity1", StaffRole.IntegrityOfficer, totpSecret: StaffTotp.NewSecret()));
        var caseOfficerLine = await LinkAsync(host, await StaffTestKit.AddAsync(host, "clerk", StaffRole.CaseOfficer, department: "engineering"));
        var before = _line.Sends.Count;

        var added = await host.Services.GetRequiredService<RetentionWarningJob>().RunAsync();
        var again = await host.Services.GetRequiredService<RetentionWarningJob>().RunAsync();

        Assert.Equal((1, 0), (added, again));
        await _line.WaitUntilAsync(l => l.Sends.Skip(before).Any(s => s.To == officerLine), TimeSpan.FromSeconds(15));
        var push = Assert.Single(_line.Sends.Skip(before), s => s.To == officerLine);
        Assert.Equal(RetentionWarningJob.Sentence(TimeSpan.FromDays(14)) + "\nhttps://itabot.example.go.th/staff/integrity", LineChat.TextMessages(push.MessagesJson));
        Assert.DoesNotContain(soon.Number, push.MessagesJson, StringComparison.Ordinal);
        Assert.DoesNotContain(_line.Sends.Skip(before), s => s.To == caseOfficerLine);

        // An extension is a new retention date, hence a new warning when it comes near again.
        await vault.ExtendRetentionAsync(soon.ReportId, "integrity1", TimeProvider.System.GetUtcNow().AddDays(12));
        Assert.Equal(1, await host.Services.GetRequiredService<RetentionWarningJob>().RunAsync());
    }

    // ---------------------------------------------------------------- 3. officers' entry

    [Fact]
    public async Task OfficerEntry_WalkInReportWithPdf_FiledWithChannelAndOfficer_ReceiptOnAPrintableSlip_ReporterFollowsUpOnTheWeb()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        using var officer = await SignInOfficerAsync(host, "integrity1");
        var page = await officer.GetPageAsync("/staff/integrity/new");
        Assert.Contains("มาแจ้งด้วยตนเอง", page, StringComparison.Ordinal);
        const string what = "ผู้มาติดต่อเล่าว่าเจ้าหน้าที่งานทะเบียนเรียกเงินพิเศษห้าร้อยบาทเพื่อเร่งออกเอกสาร";
        var pdf = Pdf("สำเนาใบเสร็จปลอมที่ผู้แจ้งนำมา");

        using var form = new MultipartFormDataContent
        {
            { new StringContent(StaffBrowser.Token(page)), "__af" },
            { new StringContent(nameof(ReportChannel.WalkIn)), "channel" },
            { new StringContent("เจ้าหน้าที่งานทะเบียน<script>"), "officials" },
            { new StringContent(what), "what" },
            { new StringContent("contact"), "identity" },
            { new StringContent("นายผู้มาแจ้ง ด้วยตนเอง"), "name" },
        };
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "ใบเสร็จของนายสมชาย.pdf");
        using var response = await officer.Client.PostAsync("/staff/integrity/new", form, TestContext.Current.CancellationToken);
        var slip = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var receipt = ReceiptPattern().Match(slip).Value;
        Assert.NotEmpty(receipt);
        Assert.Contains("ใบรับแจ้งเบาะแส", slip, StringComparison.Ordinal);
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var row = Assert.Single(await vault.ListAsync("auditor"));
        Assert.Equal(ReportChannel.WalkIn, row.Channel);
        Assert.True(row.HasIdentity);
        Assert.Contains(row.Number, slip, StringComparison.Ordinal);
        Assert.Contains(await vault.ReadAuditAsync("auditor", row.ReportId), e => e.Action == "report.submit" && e.Actor != ProtectedReports.ReporterActor);
        var view = await vault.ReadAsync(row.ReportId, "auditor");
        Assert.Equal((what, "เจ้าหน้าที่งานทะเบียน<script>"), (view.Content.WhatHappened, view.Content.Officials));
        var document = Assert.Single(view.Attachments);
        Assert.Equal(("application/pdf", true, true), (document.ContentType, document.ViewingBytes > 0, document.HasOriginal));   // viewing copy: properties blanked
        Assert.DoesNotContain("สมชาย", document.FileName, StringComparison.Ordinal);

        // The officer downloads the original (audited), never rendered inline.
        var reportPage = await officer.GetPageAsync("/staff/integrity/" + row.ReportId);
        Assert.Contains("เจ้าหน้าที่งานทะเบียน&lt;script&gt;", reportPage, StringComparison.Ordinal);
        using var download = await officer.Client.GetAsync($"/staff/integrity/{row.ReportId}/attachments/{document.Id}/original", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains(await vault.ReadAuditAsync("auditor", row.ReportId), e => e.Action == "attachment.original");

        // The reporter follows it up on the web with the slip's receipt.
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        using var followUp = await client.PostAsync("/report/follow-up", new FormUrlEncodedContent([new("receipt", receipt)]), TestContext.Current.CancellationToken);
        Assert.Contains(row.Number, await followUp.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs, l => l.Contains(what, StringComparison.Ordinal) || l.Contains(receipt, StringComparison.Ordinal));

        // The leak check, extended to the officers' entry: the report, the identity and the receipt are in the vault only, encrypted.
        var found = new List<string>();
        await ScanFilesAsync(host.DataDirectory, [what, "นายผู้มาแจ้ง ด้วยตนเอง", "สำเนาใบเสร็จปลอมที่ผู้แจ้งนำมา", receipt, receipt.Replace(" ", string.Empty, StringComparison.Ordinal)], found, "officer entry:");
        Assert.Empty(found);
    }

    // ---------------------------------------------------------------- 4. evidence files

    [Fact]
    public async Task LineFileMessage_DuringIntake_PdfKeptWithAViewingCopy_AProgramIsRefused()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var user = Events.NewUserId();
        await FillReportAsync(host, user);
        await Chat(host, user).TapAsync(WhistleblowDialog.EditData);
        await Chat(host, user).TapAsync(WhistleblowDialog.EditPrefix + "evidence");
        var pdf = Pdf("บันทึกการประชุมลับเรื่องแบ่งเงินค่าคอมมิชชั่น");
        _line.AddContent("file-pdf", pdf, "application/pdf");
        _line.AddContent("file-exe", [.. "MZ"u8, .. new byte[200]], "application/octet-stream");

        Assert.Equal(WhistleTexts.FileRefused, LineChat.TextMessages(await Chat(host, user).SendAsync(FileMessage(user, "file-exe", "หลักฐาน.pdf"))));
        Assert.Contains(WhistleTexts.EvidenceReceived(1), LineChat.TextMessages(await Chat(host, user).SendAsync(FileMessage(user, "file-pdf", "รายงาน.pdf"))), StringComparison.Ordinal);
        var summary = LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.NextData));
        Assert.Contains(WhistleTexts.DescribeEvidence(0, 1), summary, StringComparison.Ordinal);
        Assert.Matches(ReceiptPattern(), LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.SubmitData)));

        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var reportId = Assert.Single(await vault.ListAsync("auditor")).ReportId;
        var document = Assert.Single((await vault.ReadAsync(reportId, "auditor")).Attachments);
        Assert.Equal(("application/pdf", (long)pdf.Length), (document.ContentType, document.ViewingBytes));   // a viewing copy, properties blanked in place
        Assert.Equal(pdf, (await vault.OpenOriginalAttachmentAsync(reportId, document.Id, "auditor")).Bytes);

        // The document's words are in the vault only, encrypted: no file under the data directory holds them.
        await WaitForCheckpointAsync(host);
        var found = new List<string>();
        await ScanFilesAsync(host.DataDirectory, ["บันทึกการประชุมลับเรื่องแบ่งเงินค่าคอมมิชชั่น", user], found, "file evidence:");
        Assert.Empty(found);
    }

    [Theory]
    [InlineData("exe", 400)]
    [InlineData("html", 400)]
    [InlineData("docx", 200)]
    [InlineData("pdf", 200)]
    public async Task WebForm_FilesAreJudgedByTheirBytes_NotTheirNameOrType(string kind, int status)
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        byte[] bytes = kind switch
        {
            "exe" => [.. "MZ"u8, .. new byte[300]],
            "html" => "<html><script>alert(1)</script></html>"u8.ToArray(),
            "docx" => [.. "PK\u0003\u0004"u8, .. "[Content_Types].xml"u8, .. "word/document.xml"u8, .. new byte[64]],
            _ => Pdf("เอกสารแนบ"),
        };
        using var form = new MultipartFormDataContent
        {
            { new StringContent("มีการฮั้วประมูลงานก่อสร้างอาคารอเนกประสงค์"), "what" },
            { new StringContent("yes"), "consent" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "evidence.pdf");

        using var response = await client.PostAsync("/report", form, TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        var reports = await host.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("auditor");
        if (status == 200)
        {
            var attachment = Assert.Single((await host.Services.GetRequiredService<AgencyVaults>().Current.ReadAsync(Assert.Single(reports).ReportId, "auditor")).Attachments);
            Assert.EndsWith("." + kind, attachment.FileName, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(WhistleTexts.FileRefused, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.Empty(reports);
        }
    }

    // ---------------------------------------------------------------- 5. robustness

    [Fact]
    public async Task Sessions_Full_ANewReporterIsToldPolitely_AndNothingIsKept()
    {
        var settings = VaultSettings();
        settings["ItaBot:Whistleblowing:MaxSessions"] = "1";
        await using var host = new ServiceHost(_line, settings: settings);
        var first = Events.NewUserId();
        var second = Events.NewUserId();
        await Chat(host, first).TapAsync("menu=whistleblow");
        Assert.Contains(WhistleTexts.AskOfficials, LineChat.TextMessages(await Chat(host, first).TapAsync(WhistleblowDialog.ConsentData)), StringComparison.Ordinal);

        await Chat(host, second).TapAsync("menu=whistleblow");
        var refused = LineChat.TextMessages(await Chat(host, second).TapAsync(WhistleblowDialog.ConsentData));

        Assert.Contains(WhistleTexts.Busy, refused, StringComparison.Ordinal);
        Assert.Equal(1, host.Services.GetRequiredService<WhistleSessions>().Count);
        // The first reporter goes on undisturbed.
        Assert.Contains(WhistleTexts.AskUnit, LineChat.TextMessages(await Chat(host, first).SayAsync(Officials)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTurn_CommitFailsAfterTheVaultFiled_TheRetrySendsTheSameReceipt_OneReport_SealedCopyWipedAfter()
    {
        var failures = 0;
        await using var host = new ServiceHost(_line, settings: VaultSettings(),
            services: s => FailSubmitCommit(s, () => Interlocked.Increment(ref failures) == 1));
        var user = Events.NewUserId();

        var (receipt, _) = await FileReportAsync(host, user);

        Assert.True(failures >= 1, "the turn's commit was not made to fail");
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        Assert.Single(await vault.ListAsync("auditor"));
        Assert.Single(_line.Sends, s => LineChat.TextMessages(s.MessagesJson).StartsWith(SubmittedPrefix, StringComparison.Ordinal));
        Assert.Equal(ReceiptCheckStatus.Accepted, (await vault.CheckReceiptAsync(receipt, "test")).Status);
        await Wait.UntilAsync(() => vault.PendingReceiptCount() == 0, TimeSpan.FromSeconds(10), "the sealed receipt is wiped once the answer is committed");
    }

    [Fact]
    public async Task SubmitTurn_ServiceStopsBetweenTheVaultAndTheTurnCommit_AfterRestartTheReporterGetsTheSameReportsReceipt_FiledOnce()
    {
        var settings = VaultSettings();
        settings["ItaBot:Processing:MaxAttempts"] = "100";
        var user = Events.NewUserId();
        string directory;
        await using (var broken = new ServiceHost(_line, settings: settings, services: s => FailSubmitCommit(s, () => true)))
        {
            directory = broken.DataDirectory;
            await FillReportAsync(broken, user);
            var submit = Events.Postback(user, WhistleblowDialog.SubmitData);
            await broken.PostWebhookAsync(Events.Body(submit));
            var inbox = broken.Services.GetRequiredService<IInboxStore>();
            await Wait.UntilAsync(() => inbox.Find(Events.EventId(submit)) is { Attempts: >= 1 }, TimeSpan.FromSeconds(15),
                "the submit turn failed its commit at least once");
            Assert.Single(await broken.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("auditor"));
            Assert.DoesNotContain(_line.Sends, s => LineChat.TextMessages(s.MessagesJson).StartsWith(SubmittedPrefix, StringComparison.Ordinal));
        }

        await using var restarted = new ServiceHost(_line, dataDirectory: directory, settings: settings);
        var vault = restarted.Services.GetRequiredService<AgencyVaults>().Current;
        await _line.WaitUntilAsync(l => l.Sends.Any(s => LineChat.TextMessages(s.MessagesJson).StartsWith(SubmittedPrefix, StringComparison.Ordinal)), TimeSpan.FromSeconds(20));

        var answer = LineChat.TextMessages(Assert.Single(_line.Sends, s => LineChat.TextMessages(s.MessagesJson).StartsWith(SubmittedPrefix, StringComparison.Ordinal)).MessagesJson);
        var row = Assert.Single(await vault.ListAsync("auditor"));
        Assert.Contains(row.Number, answer, StringComparison.Ordinal);
        Assert.Equal(ReceiptCheckStatus.Accepted, (await vault.CheckReceiptAsync(ReceiptPattern().Match(answer).Value, "test")).Status);
        await Wait.UntilAsync(() => vault.PendingReceiptCount() == 0, TimeSpan.FromSeconds(10), "the sealed receipt is wiped once the answer is committed");
    }

    [Fact]
    public async Task SubmitAnswer_LineRefusesIt_TheParkedAnswerIsWiped_NoReceiptNorUserIdStaysInTheOutbox()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var user = Events.NewUserId();
        await FillReportAsync(host, user);
        var outbox = host.Services.GetRequiredService<MessagingStore>().Database.GetCollection(ItaBot.Conversations.LiteDb.LiteDbOutboxStore.CollectionName);
        await Wait.UntilAsync(() => outbox.Count("State = 0") == 0, TimeSpan.FromSeconds(10));
        var submit = Events.Postback(user, WhistleblowDialog.SubmitData);
        _line.FailNext(1, 400);
        await host.PostWebhookAsync(Events.Body(submit));

        await Wait.UntilAsync(() => outbox.FindOne(LiteDB.Query.EQ("EventId", Events.EventId(submit))) is { } e && e["State"].AsInt32 == (int)OutboxState.Parked,
            TimeSpan.FromSeconds(15), "the refused answer is parked");
        var parked = outbox.FindOne(LiteDB.Query.EQ("EventId", Events.EventId(submit)));
        Assert.True(parked["Messages"].IsNull);
        Assert.True(parked["To"].IsNull);
        Assert.Equal(InboxEntry.RedactedLane, parked["Lane"].AsString);
        var everything = string.Join("\n", outbox.FindAll().Select(d => d.ToString()));
        Assert.DoesNotContain(user, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("รหัสติดตาม", parked.ToString(), StringComparison.Ordinal);
        Assert.Single(await host.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("auditor"));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Makes the commit of a turn whose answer carries a receipt throw while <paramref name="fail"/> says so (after the vault filed).</summary>
    private static void FailSubmitCommit(IServiceCollection services, Func<bool> fail)
    {
        var original = services.Last(d => d.ServiceType == typeof(ITurnHandler));
        services.Remove(original);
        services.AddSingleton<ITurnHandler>(sp => new FailingSubmitCommit((ITurnHandler)original.ImplementationFactory!(sp), fail));
    }

    private sealed class FailingSubmitCommit(ITurnHandler inner, Func<bool> fail) : ITurnHandler
    {
        public async ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken)
        {
            var outcome = await inner.HandleAsync(turn, cancellationToken);
            return outcome.Messages.OfType<TextMessage>().Any(m => m.Text.StartsWith(SubmittedPrefix, StringComparison.Ordinal)) && fail()
                ? outcome with { Writes = TurnWrites.Combine(outcome.Writes, _ => throw new IOException("injected: the turn's commit failed")) }
                : outcome;
        }
    }

    // The form offers integrity officers by name; the value posted is the chosen officer's staff id.
    private static string OfficerId(ServiceHost host, string user) => host.Services.GetRequiredService<IStaffStore>().FindByUserName(user)!.Id;

    private static async Task<StaffBrowser> SignInOfficerAsync(ServiceHost host, string user)
    {
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(host, user, StaffRole.IntegrityOfficer, totpSecret: secret);
        var browser = new StaffBrowser(host);
        await browser.SignInAsync(user, totpSecret: secret);
        return browser;
    }

    private static async Task<string> LinkAsync(ServiceHost host, StaffAccount account)
    {
        var lineId = Events.NewUserId();
        await host.Services.GetRequiredService<MessagingStore>().Writer.WriteAsync(db =>
            db.LiteDb().GetCollection<StaffAccount>(ItaBot.Staff.LiteDb.LiteDbStaffStore.StaffCollection).Update(account with { LineUserId = lineId }));
        return lineId;
    }

    /// <summary>
    /// Waits until every answer is sent and every protected turn so far has been checkpointed. Not "the log is empty":
    /// later writes (the officers' notice marked sent) may fill it again, and the file scan that follows judges them.
    /// </summary>
    private static async Task WaitForCheckpointAsync(ServiceHost host, string what = "checkpoint after the protected flow")
    {
        var db = host.Services.GetRequiredService<MessagingStore>().Database;
        await Wait.UntilAsync(() => db.GetCollection("outbox").Count("State = 0") == 0, TimeSpan.FromSeconds(10));
        var checkpoint = host.Services.GetRequiredService<ItaBot.Conversations.ProtectedCheckpoint>();
        await Wait.UntilAsync(() => checkpoint.Done > 0 && checkpoint.Settled, TimeSpan.FromSeconds(15), what);
    }

    /// <summary>A small PDF whose body holds <paramref name="sentence"/> (UTF-8, as a scan would find it).</summary>
    private static byte[] Pdf(string sentence) => Encoding.UTF8.GetBytes("%PDF-1.4\n1 0 obj << /Title (" + sentence + ") >> endobj\n%%EOF\n");

    private static JsonObject FileMessage(string user, string messageId, string fileName) => Events.Event("message", user, null, null, null,
        ("message", new JsonObject { ["id"] = messageId, ["type"] = "file", ["fileName"] = fileName, ["fileSize"] = 100 }));
}
