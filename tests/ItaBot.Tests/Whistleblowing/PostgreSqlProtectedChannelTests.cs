using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using ItaBot.Whistleblowing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>
/// The protected channel served by two nodes on one PostgreSQL database (issue 18): nothing of a report, a draft, a
/// reporter's handle or a guesser's count lives in one node's memory or on its disk.
/// </summary>
public sealed partial class PostgreSqlProtectedChannelTests : PostgreSqlServiceTest
{
    private const string What = "หัวหน้าฝ่ายพัสดุเรียกเงินส่วนต่างจากผู้รับเหมาโครงการขุดลอกคลอง";

    [Fact]
    public async Task LineReport_BegunOnNodeAWithAFile_IsFinishedOnNodeB_AndFiledWithTheFile()
    {
        var settings = Settings();
        var user = Events.NewUserId();
        var pdf = Encoding.UTF8.GetBytes("%PDF-1.4\n1 0 obj << /Title (บันทึกแบ่งเงิน) >> endobj\n%%EOF\n");
        await using (var a = new ServiceHost(Line, settings: settings))
        {
            var onA = new LineChat(a, Line, user);
            await onA.TapAsync("menu=whistleblow");
            await onA.TapAsync(WhistleblowDialog.ConsentData);
            foreach (var answer in new[] { "นายพัสดุ", "กองคลัง", What, "มีนาคม", "สำนักงานเทศบาล" })
            {
                await onA.SayAsync(answer);
            }

            Line.AddContent("pg-evidence-pdf", pdf, "application/pdf");
            Assert.Contains(WhistleTexts.EvidenceReceived(1), LineChat.TextMessages(await onA.SendAsync(FileMessage(user, "pg-evidence-pdf", "บันทึก.pdf"))), StringComparison.Ordinal);
            await a.NothingLeftToSendAsync();
            Assert.False(File.Exists(Path.Combine(a.DataDirectory, "vault.db")));   // the draft is in the database, not on A's disk
        }

        // Node A is gone; node B (its own data directory, its own memory) carries the same conversation on.
        await using var b = new ServiceHost(Line, settings: settings);
        var onB = new LineChat(b, Line, user);
        Assert.Contains(WhistleTexts.AskIdentity, LineChat.TextMessages(await onB.TapAsync(WhistleblowDialog.NextData)), StringComparison.Ordinal);
        await onB.TapAsync(WhistleblowDialog.AnonymousData);
        var summary = LineChat.TextMessages(await onB.TapAsync(WhistleblowDialog.NotifyNoData));
        Assert.Contains(What, summary, StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.DescribeEvidence(0, 1), summary, StringComparison.Ordinal);
        Assert.Matches(WhistleblowConversationTests.ReceiptPattern(), LineChat.TextMessages(await onB.TapAsync(WhistleblowDialog.SubmitData)));

        var vault = b.Services.GetRequiredService<AgencyVaults>().Current;
        var row = Assert.Single(await vault.ListAsync("auditor"));
        var view = await vault.ReadAsync(row.ReportId, "auditor");
        Assert.Equal(What, view.Content.WhatHappened);
        Assert.Equal(pdf, (await vault.OpenOriginalAttachmentAsync(row.ReportId, Assert.Single(view.Attachments).Id, "auditor")).Bytes);
        Assert.Equal(0, vault.DraftCount());
        Assert.False(File.Exists(Path.Combine(b.DataDirectory, "vault.db")));
    }

    [Fact]
    public async Task WebReport_FiledOnNodeA_IsReadByTheIntegrityOfficerOnNodeB_AndItsFollowUpGoesOnOnNodeB()
    {
        var settings = Settings();
        await using var a = new ServiceHost(Line, settings: settings);
        await using var b = new ServiceHost(Line, settings: settings);
        using var webA = a.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var webB = b.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var filedPage = await SubmitAsync(webA);
        var receipt = WhistleblowConversationTests.ReceiptPattern().Match(filedPage).Value;
        Assert.NotEmpty(receipt);

        // The integrity officer signs in on node B and reads it there.
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(b, "integrity1", StaffRole.IntegrityOfficer, totpSecret: secret);
        using var officer = new StaffBrowser(b);
        await officer.SignInAsync("integrity1", totpSecret: secret);
        var reportId = Assert.Single(await b.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("auditor")).ReportId;
        var page = await officer.GetPageAsync("/staff/integrity/" + reportId);
        Assert.Contains(What, page, StringComparison.Ordinal);
        using (await officer.PostAsync($"/staff/integrity/{reportId}/message", page, ("text", "ขอทราบชื่อผู้รับเหมาค่ะ")))
        {
        }

        // The reporter types the receipt on node A; the next post, with the page's handle, reaches node B.
        using var opened = await webA.PostAsync("/report/follow-up", new FormUrlEncodedContent([new("receipt", receipt)]), TestContext.Current.CancellationToken);
        var followUp = await opened.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("ขอทราบชื่อผู้รับเหมาค่ะ", followUp, StringComparison.Ordinal);
        var handle = AccessPattern().Match(followUp).Groups[1].Value;
        Assert.NotEmpty(handle);
        using var replied = await webB.PostAsync("/report/follow-up", new FormUrlEncodedContent([new("access", handle), new("reply", "บริษัทรุ่งเรืองก่อสร้างค่ะ")]),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, replied.StatusCode);
        Assert.Contains(WhistleTexts.ReplySent, await replied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("บริษัทรุ่งเรืองก่อสร้างค่ะ", await officer.GetPageAsync("/staff/integrity/" + reportId), StringComparison.Ordinal);

        // The database keeps only the handle's hash, and neither node a vault file.
        await using var database = NpgsqlDataSource.Create(Database!);
        Assert.Equal(1, Scalar(database, "select count(*) from vault_access"));
        Assert.Equal(0, Scalar(database, "select count(*) from vault_access where token_hash = @h or lower(token_hash) = lower(@h)", ("h", handle)));
        Assert.False(File.Exists(Path.Combine(a.DataDirectory, "vault.db")) || File.Exists(Path.Combine(b.DataDirectory, "vault.db")));
    }

    [Fact]
    public async Task WrongReceipts_OnBothNodes_AreCountedTogether_TheSixthIsRefusedOnEither()
    {
        var settings = Settings();
        await using var a = new ServiceHost(Line, settings: settings);
        await using var b = new ServiceHost(Line, settings: settings);
        using var webA = a.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        using var webB = b.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        var receipt = WhistleblowConversationTests.ReceiptPattern().Match(await SubmitAsync(webA)).Value;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await (i % 2 == 0 ? webA : webB).PostAsync("/report/follow-up",
                new FormUrlEncodedContent([new("receipt", "9999 8888 7777 6666 555" + i)]), TestContext.Current.CancellationToken);
            statuses.Add(wrong.StatusCode);
        }

        // Three wrong on A, two on B: either node now refuses this source, even the right receipt.
        using var onB = await webB.PostAsync("/report/follow-up", new FormUrlEncodedContent([new("receipt", receipt)]), TestContext.Current.CancellationToken);
        using var onA = await webA.PostAsync("/report/follow-up", new FormUrlEncodedContent([new("receipt", receipt)]), TestContext.Current.CancellationToken);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, onB.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, onA.StatusCode);
    }

    [Fact]
    public async Task VaultCommands_OnPostgreSql_VerifyTheChainNodeAWrote_AndRotateTheKeyOnNodeB()
    {
        var settings = Settings();
        await using var a = new ServiceHost(Line, settings: settings);
        await using var b = new ServiceHost(Line, settings: settings);
        var filed = await a.Services.GetRequiredService<AgencyVaults>().Current.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What)));

        using var verified = new StringWriter();
        Assert.Equal(0, await ItaBot.Cli.CommandLine.TryRunAsync(b.Services, ["vault", "verify"], verified));
        using var rotated = new StringWriter();
        var keyFile = Path.Combine(TempDirectory.Create(), "rotated.key");
        Assert.Equal(0, await ItaBot.Cli.CommandLine.TryRunAsync(b.Services, ["vault", "rotate-key", "--new-key-file", keyFile], rotated));

        Assert.Contains("Audit chain intact: 1 entries.", verified.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 report(s) re-wrapped", rotated.ToString(), StringComparison.Ordinal);
        Assert.Equal(What, (await b.Services.GetRequiredService<AgencyVaults>().Current.ReadAsync(filed.ReportId, "officer-a")).Content.WhatHappened);
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = WhistleblowConversationTests.VaultSettings();
        foreach (var (key, value) in OneDatabase())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> SubmitAsync(HttpClient client)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("หัวหน้าฝ่ายพัสดุ"), "officials" },
            { new StringContent("กองคลัง"), "unit" },
            { new StringContent(What), "what" },
            { new StringContent("anonymous"), "identity" },
            { new StringContent("yes"), "consent" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.4\n1 0 obj << /Title (สัญญา) >> endobj\n%%EOF\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "สัญญา.pdf");
        using var submitted = await client.PostAsync("/report", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static JsonObject FileMessage(string user, string messageId, string fileName) => Events.Event("message", user, null, null, null,
        ("message", new JsonObject { ["id"] = messageId, ["type"] = "file", ["fileName"] = fileName, ["fileSize"] = 100 }));

    [GeneratedRegex("name=\"access\" value=\"([0-9A-F]+)\"")]
    private static partial Regex AccessPattern();
}
