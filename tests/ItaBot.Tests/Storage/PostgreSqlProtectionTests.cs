using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Tests.Whistleblowing;
using ItaBot.Vault;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItaBot.Tests.Storage;

/// <summary>
/// Issue 18 item 4: someone who copies the PostgreSQL data directory (heap files with their dead row versions, WAL) without
/// the vault key learns nothing of a protected report — a report of corruption typed in LINE before anyone knew it was
/// one included. The test runs the service on a cluster of its own (autovacuum off: dead rows stay) and reads every file.
/// </summary>
public sealed partial class PostgreSqlProtectionTests : IAsyncLifetime
{
    private LineStandIn _line = null!;
    private PostgresCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);
        _cluster = await PostgresCluster.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _line.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task DataDirectoryCopy_AfterTypedLineReportWebReportAndEvidence_HoldsNoCanaryAfterCheckpoint()
    {
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        // Unique to this run; the Thai sentences appear nowhere in the content pack, so a hit can only be the citizens' words.
        var typedFiled = WhistleblowConversationTests.TypedAccepted + " เลขที่บันทึก LINE-" + token;
        var typedDeclined = WhistleblowConversationTests.TypedDeclined + " เลขที่บันทึก DECLINED-" + token;
        var evidence = "บันทึกแบ่งเงินค่าคอมมิชชั่นโครงการถนน EVIDENCE-" + token;
        var webWhat = "เจ้าหน้าที่ตรวจรับงานรับซองจากผู้รับเหมาที่หน้าห้องพัสดุ WEB-" + token;
        var webFile = "สำเนาสัญญาจ้างที่แก้ตัวเลข WEBFILE-" + token;
        var webReply = "ผู้รับเหมาชื่อบริษัทรุ่งเรืองก่อสร้าง REPLY-" + token;
        var connectionString = _cluster.CreateDatabase("itabot");
        var settings = WhistleblowConversationTests.VaultSettings();
        settings["ItaBot:Storage:Provider"] = "PostgreSql";
        settings["ConnectionStrings:ItaBot"] = connectionString;
        string filedEventId;

        await using (var host = new ServiceHost(_line, settings: settings))
        {
            // A report typed with no protected flow open: acknowledged (inbox row committed) before the understanding step saw it.
            var filer = Events.NewUserId();
            var chat = new LineChat(host, _line, filer);
            var typed = Events.Text(filer, typedFiled);
            filedEventId = Events.EventId(typed);
            Assert.Contains(WhistleTexts.TypedReportHeld, LineChat.TextMessages(await chat.SendAsync(typed)), StringComparison.Ordinal);
            await chat.TapAsync(WhistleblowDialog.ConsentData);
            foreach (var answer in new[] { "ไม่ทราบ", "ไม่ทราบ", "ไม่ทราบ", "ไม่ทราบ" })
            {
                await chat.SayAsync(answer);
            }

            _line.AddContent("evidence-pdf", Pdf(evidence), "application/pdf");
            Assert.Contains(WhistleTexts.EvidenceReceived(1), LineChat.TextMessages(await chat.SendAsync(FileMessage(filer, "evidence-pdf", "บันทึก.pdf"))), StringComparison.Ordinal);
            await chat.TapAsync(WhistleblowDialog.NextData);
            await chat.TapAsync(WhistleblowDialog.AnonymousData);
            Assert.Contains(typedFiled, LineChat.TextMessages(await chat.TapAsync(WhistleblowDialog.NotifyNoData)), StringComparison.Ordinal);
            Assert.Matches(WhistleblowConversationTests.ReceiptPattern(), LineChat.TextMessages(await chat.TapAsync(WhistleblowDialog.SubmitData)));

            // Another one typed, then declined.
            var decliner = new LineChat(host, _line);
            Assert.Contains(WhistleTexts.TypedReportHeld, LineChat.TextMessages(await decliner.SayAsync(typedDeclined)), StringComparison.Ordinal);
            await decliner.SayAsync("ยกเลิก");

            // The web form with a document.
            using (var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false }))
            using (var form = new MultipartFormDataContent
            {
                { new StringContent("เจ้าหน้าที่ตรวจรับงาน"), "officials" },
                { new StringContent("กองช่าง"), "unit" },
                { new StringContent(webWhat), "what" },
                { new StringContent("anonymous"), "identity" },
                { new StringContent("yes"), "consent" },
            })
            {
                var file = new ByteArrayContent(Pdf(webFile));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(file, "files", "สัญญา.pdf");
                using var submitted = await client.PostAsync("/report", form, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
                var receipt = WhistleblowConversationTests.ReceiptPattern().Match(await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Value;

                // The reporter follows up with the receipt and answers: the handle and the reply go to the vault's tables.
                using var opened = await client.PostAsync("/report/follow-up", new FormUrlEncodedContent([new("receipt", receipt)]), TestContext.Current.CancellationToken);
                var handle = AccessPattern().Match(await opened.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Groups[1].Value;
                using var replied = await client.PostAsync("/report/follow-up", new FormUrlEncodedContent([new("access", handle), new("reply", webReply)]), TestContext.Current.CancellationToken);
                Assert.Contains(WhistleTexts.ReplySent, await replied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }

            Assert.Equal(2, (await host.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("auditor")).Count);
            using var database = NpgsqlDataSource.Create(connectionString);
            await Wait.UntilAsync(() => Count(database, "select count(*) from outbox where state = 0") == 0, TimeSpan.FromSeconds(15), "every answer sent");
            PostgresCluster.Execute(connectionString, "checkpoint");

            string[] canaries = [typedFiled, typedDeclined, evidence, webWhat, webFile, webReply, "LINE-" + token, "DECLINED-" + token, "EVIDENCE-" + token, "WEB-" + token, "WEBFILE-" + token, "REPLY-" + token];
            var found = Scan(canaries);

            // Control: what is stored in the clear (the event's webhookEventId, the inbox's key) is found by the same scan.
            Assert.NotEmpty(Scan([filedEventId]));
            Assert.Empty(found);

            // The vault is in this cluster, so the scan covered it: reports, evidence copies, the audit chain, the handle's hash.
            Assert.False(File.Exists(Path.Combine(host.DataDirectory, "vault.db")));
            Assert.Equal(2, Count(database, "select count(*) from vault_reports"));
            Assert.True(Count(database, "select count(*) from vault_blobs") >= 2);
            Assert.True(Count(database, "select count(*) from vault_audit") > 0);
            Assert.Equal(1, Count(database, "select count(*) from vault_access"));
        }
    }

    [Fact]
    public async Task DataDirectoryCopy_AfterAReportTypedInAnotherAgencysChannel_HoldsNeitherTheTextNorTheOfficialsName()
    {
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        // The official named in the report: the name alone is a canary as well as the whole text.
        const string Official = "สุรเชษฐ์ บุญประคอง";
        var typed = WhistleblowConversationTests.TypedAccepted.Replace("วิชัย ใจเย็น", Official, StringComparison.Ordinal) + " เลขที่บันทึก AGENCYB-" + token;
        Assert.Contains(Official, typed, StringComparison.Ordinal);
        var connectionString = _cluster.CreateDatabase("itabot");
        using var agencies = new Agencies.TwoAgencies(
            new Dictionary<string, string?> { ["ItaBot:Storage:Provider"] = "PostgreSql", ["ConnectionStrings:ItaBot"] = connectionString }, TempDirectory.Create());

        await using var host = agencies.Start(_line);
        // Something typed to the default agency too, so that both agencies have a day's sealing key to compare.
        await new LineChat(host, _line).SayAsync("สวัสดีค่ะ");
        // In agency B's channel, with no flow open: acknowledged (B's inbox row committed) before anything knew it was a report.
        var filer = Events.NewUserId();
        var chat = new LineChat(host, _line, filer, agency: "b", secret: Agencies.TwoAgencies.SecretB);
        var e = Events.Text(filer, typed);
        Assert.Contains(WhistleTexts.TypedReportHeld, LineChat.TextMessages(await chat.SendAsync(e)), StringComparison.Ordinal);
        await chat.TapAsync(WhistleblowDialog.ConsentData);
        foreach (var answer in new[] { "ไม่ทราบ", "ไม่ทราบ", "ไม่ทราบ", "ไม่ทราบ" })
        {
            await chat.SayAsync(answer);
        }

        await chat.TapAsync(WhistleblowDialog.NextData);
        await chat.TapAsync(WhistleblowDialog.AnonymousData);
        Assert.Contains(typed, LineChat.TextMessages(await chat.TapAsync(WhistleblowDialog.NotifyNoData)), StringComparison.Ordinal);
        Assert.Matches(WhistleblowConversationTests.ReceiptPattern(), LineChat.TextMessages(await chat.TapAsync(WhistleblowDialog.SubmitData)));

        // Filed in B's vault, not the default's.
        var vaults = host.Services.GetRequiredService<AgencyVaults>();
        var filed = Assert.Single(await vaults.For("b").ListAsync("officer-b"));
        Assert.Contains(Official, (await vaults.For("b").ReadAsync(filed.ReportId, "officer-b")).Content.WhatHappened, StringComparison.Ordinal);
        Assert.Empty(await vaults.For(ItaBot.Storage.AgencyContext.DefaultId).ListAsync("officer"));

        using var database = NpgsqlDataSource.Create(connectionString);
        await Wait.UntilAsync(() => Count(database, "select count(*) from outbox where state = 0") == 0, TimeSpan.FromSeconds(15), "every answer sent");
        // B's words are sealed, under B's own key: its day's key is wrapped by another KEK than the default agency's.
        Assert.True(Count(database, "select count(*) from inbox where agency_id = 'b'") >= 8);
        // (a redacted event keeps only {"redacted":true}; a redacted answer no messages at all)
        Assert.Equal(0, Count(database, "select count(*) from inbox where agency_id = 'b' and json not like '~s1:%' and json <> '{\"redacted\":true}'"));
        Assert.Equal(0, Count(database, "select count(*) from outbox where agency_id = 'b' and messages not like '~s1:%'"));
        Assert.Equal(1, Count(database, "select count(*) from seal_keys where agency_id = 'b'"));
        Assert.Equal(0, Count(database, "select count(*) from seal_keys b join seal_keys d on d.agency_id = 'default' and d.kek_id = b.kek_id where b.agency_id = 'b'"));
        Assert.Equal(1, Count(database, "select count(*) from seal_keys where agency_id = 'default'"));
        PostgresCluster.Execute(connectionString, "checkpoint");

        // Control: the event's id (stored in the clear) is found by the same scan.
        Assert.NotEmpty(Scan([Events.EventId(e)]));
        Assert.Empty(Scan([typed, Official, "AGENCYB-" + token]));
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, "vault.db")));
    }

    private List<string> Scan(string[] canaries)
    {
        var forms = canaries.SelectMany(c => Forms(c).Select(f => (Canary: c, Form: f.Name, Bytes: f.Bytes))).ToList();
        var found = new List<string>();
        foreach (var (path, bytes) in _cluster.Files())
        {
            foreach (var (canary, form, pattern) in forms)
            {
                if (bytes.AsSpan().IndexOf(pattern) >= 0)
                {
                    found.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: canary {Array.IndexOf(canaries, canary)} ({form})"));
                }
            }
        }

        return found;
    }

    /// <summary>UTF-8, UTF-16 and JSON's \uXXXX escaping of non-ASCII (both cases): the forms a store could keep text in.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Forms(string text)
    {
        yield return ("utf-8", Encoding.UTF8.GetBytes(text));
        yield return ("utf-16", Encoding.Unicode.GetBytes(text));
        if (text.Any(c => c > 127))
        {
            yield return ("json-escaped", Encoding.ASCII.GetBytes(Escape(text, "x4")));
            yield return ("JSON-ESCAPED", Encoding.ASCII.GetBytes(Escape(text, "X4")));
        }
    }

    private static string Escape(string text, string format) =>
        string.Concat(text.Select(c => c > 127 ? "\\u" + ((int)c).ToString(format, CultureInfo.InvariantCulture) : c.ToString()));

    private static long Count(NpgsqlDataSource database, string sql)
    {
        using var command = database.CreateCommand(sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static byte[] Pdf(string sentence) => Encoding.UTF8.GetBytes("%PDF-1.4\n1 0 obj << /Title (" + sentence + ") >> endobj\n%%EOF\n");

    private static JsonObject FileMessage(string user, string messageId, string fileName) => Events.Event("message", user, null, null, null,
        ("message", new JsonObject { ["id"] = messageId, ["type"] = "file", ["fileName"] = fileName, ["fileSize"] = 100 }));

    [System.Text.RegularExpressions.GeneratedRegex("name=\"access\" value=\"([0-9A-F]+)\"")]
    private static partial System.Text.RegularExpressions.Regex AccessPattern();
}
