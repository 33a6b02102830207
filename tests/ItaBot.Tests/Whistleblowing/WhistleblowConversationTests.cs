using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Media;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>
/// The protected channel in LINE through the whole service: webhook in, LINE stand-in out, the vault on a real file.
/// What the reporter typed must end up in the vault only: not in the conversation state, the inbox, or the logs.
/// </summary>
public sealed partial class WhistleblowConversationTests : IAsyncLifetime
{
    internal const string Officials = "นายสมปอง ใจกล้า หัวหน้างานพัสดุ";
    internal const string Unit = "กองคลัง งานพัสดุและทรัพย์สิน";
    internal const string What = "เรียกรับเงินสามหมื่นบาทจากผู้รับเหมาเพื่อให้ผ่านการตรวจรับงานถนนสายบ้านหนองแวง";
    internal const string When = "ช่วงบ่ายวันที่ 14 พฤศจิกายน 2569";
    internal const string Where = "ห้องพัสดุชั้นสองอาคารสำนักงานเทศบาล";
    internal const string Reply = "ผู้รับเหมาชื่อบริษัทรุ่งเรืองก่อสร้างจำกัดเป็นผู้จ่ายเงินสดในซองสีน้ำตาล";
    internal const string DisplayName = "สมศรี ผู้แจ้งลับ";

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    /// <summary>Vault settings for tests: a key from configuration, cheap Argon2id and short delays.</summary>
    internal static Dictionary<string, string?> VaultSettings() => new(StringComparer.Ordinal)
    {
        ["ItaBot:Vault:Kek"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ["ItaBot:Vault:Argon2MemoryKiB"] = "1024",
        ["ItaBot:Vault:Argon2Passes"] = "1",
        ["ItaBot:Vault:FailureDelay"] = "00:00:00.010",
        ["ItaBot:Vault:MaxFailureDelay"] = "00:00:00.020",
    };

    [Fact]
    public async Task FullReport_FiledInTheVault_ReceiptShownOnce_StateForgottenAndInboxRedacted()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var user = Events.NewUserId();

        var (receipt, submitted) = await FileReportAsync(host, user);

        Assert.Matches(@"^\d{4} \d{4} \d{4} \d{4} \d{4}$", receipt);
        Assert.Contains(WhistleTexts.Submitted("", "")[..20], submitted, StringComparison.Ordinal);
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var row = Assert.Single(await vault.ListAsync("officer-1"));
        Assert.Equal(ReportChannel.Line, row.Channel);
        Assert.Contains(row.Number, submitted, StringComparison.Ordinal);
        Assert.False(row.HasIdentity);
        Assert.False(row.NotifierOptIn);
        var view = await vault.ReadAsync(row.ReportId, "officer-1");
        Assert.Equal((What, Officials, Unit, When, Where), (view.Content.WhatHappened, view.Content.Officials, view.Content.Unit, view.Content.When, view.Content.Where));
        var photo = Assert.Single(view.Attachments);
        Assert.True(photo.HasOriginal);
        var viewing = await vault.OpenAttachmentAsync(row.ReportId, photo.Id, "officer-1");
        var original = await vault.OpenOriginalAttachmentAsync(row.ReportId, photo.Id, "officer-1");
        Assert.DoesNotContain(TestImages.Make, Encoding.Latin1.GetString(viewing.Bytes), StringComparison.Ordinal);
        Assert.Contains(TestImages.Make, Encoding.Latin1.GetString(original.Bytes), StringComparison.Ordinal);

        // Nothing of the flow stays in the general store: no conversation state, every event of the flow redacted.
        var db = host.Services.GetRequiredService<MessagingStore>().Database;
        await Wait.UntilAsync(() => db.GetCollection("outbox").Count("State = 0") == 0, TimeSpan.FromSeconds(10));
        var documents = string.Join("\n", new[] { "conversations", "inbox", "turns", "outbox" }
            .SelectMany(c => db.GetCollection(c).FindAll().Select(d => d.ToString())));
        foreach (var secret in new[] { What, Officials, Unit, When, Where, receipt })
        {
            Assert.DoesNotContain(secret, documents, StringComparison.Ordinal);
        }

        var inbox = db.GetCollection("inbox").FindAll().Select(d => d.ToString()).ToList();
        Assert.Equal(12, inbox.Count);
        Assert.All(inbox, d => Assert.Contains("redacted", d, StringComparison.Ordinal));
        Assert.DoesNotContain(inbox, d => d.Contains(user, StringComparison.Ordinal));
        Assert.True(db.GetCollection("conversations").FindById(user)?["Json"].IsNull ?? true, "the conversation state was not forgotten");
        Assert.DoesNotContain(host.Logs, l => l.Contains(receipt, StringComparison.Ordinal) || l.Contains(user, StringComparison.Ordinal)
            || l.Contains(What, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FollowUp_FromAnotherAccount_ReadsOfficerMessage_Replies_AddsEvidence_OptsInToNotices()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var (receipt, _) = await FileReportAsync(host, Events.NewUserId());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        var reportId = Assert.Single(await vault.ListAsync("officer-1")).ReportId;
        await vault.SendToReporterAsync(reportId, "officer-1", "ขอทราบชื่อผู้รับเหมาค่ะ");
        var other = Events.NewUserId();

        var ask = await Chat(host, other).SayAsync("ติดตามเบาะแส");
        Assert.Contains(WhistleTexts.AskReceipt, LineChat.TextMessages(ask), StringComparison.Ordinal);
        var status = await Chat(host, other).SayAsync(receipt.Replace(" ", "-", StringComparison.Ordinal));
        Assert.Contains("สถานะ: รับเรื่อง", LineChat.TextMessages(status), StringComparison.Ordinal);
        Assert.Contains("ขอทราบชื่อผู้รับเหมาค่ะ", LineChat.TextMessages(status), StringComparison.Ordinal);

        await Chat(host, other).TapAsync(WhistleFollowUpDialog.ReplyData);
        var sent = await Chat(host, other).SayAsync(Reply);
        Assert.Contains(WhistleTexts.ReplySent, LineChat.TextMessages(sent), StringComparison.Ordinal);

        await Chat(host, other).TapAsync(WhistleFollowUpDialog.EvidenceData);
        _line.AddContent("more-1", TestImages.PhoneJpeg(64, 48, orientation: 1, latitude: 16.25, longitude: 101.9), "image/jpeg");
        var added = await Chat(host, other).SendAsync(LineChat.Image(other, "more-1"));
        Assert.Contains(WhistleTexts.EvidenceAdded, LineChat.TextMessages(added), StringComparison.Ordinal);
        await Chat(host, other).TapAsync(WhistleFollowUpDialog.NextData);
        var on = await Chat(host, other).TapAsync(WhistleFollowUpDialog.NotifyOnData);
        Assert.Contains(WhistleTexts.NotifyOnDone, LineChat.TextMessages(on), StringComparison.Ordinal);
        var done = await Chat(host, other).TapAsync(WhistleFollowUpDialog.DoneData);
        Assert.Contains(WhistleTexts.FollowDone, LineChat.TextMessages(done), StringComparison.Ordinal);

        var view = await vault.ReadAsync(reportId, "officer-1");
        Assert.Contains(view.Messages, m => m.Direction == MessageDirection.FromReporter && m.Text == Reply);
        Assert.Equal(2, view.Attachments.Count);
        Assert.True(view.Summary.NotifierOptIn);
        Assert.Equal(other, await vault.OpenNotifierAddressAsync(reportId));
    }

    [Fact]
    public async Task WrongReceipt_SaysSoInThai_ThenTheVaultLimitsTheSource()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var user = Events.NewUserId();
        string last = string.Empty;
        var replies = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            await Chat(host, user).SayAsync("ติดตามเบาะแส");
            for (var i = 0; i < 3; i++)
            {
                last = LineChat.TextMessages(await Chat(host, user).SayAsync("1111 2222 3333 4444 555" + i));
                replies.Add(last);
                if (last.Contains("นาทีค่ะ", StringComparison.Ordinal) || last.Contains(WhistleTexts.ReceiptGiveUp, StringComparison.Ordinal))
                {
                    break;
                }
            }
        }

        Assert.Equal(WhistleTexts.ReceiptWrong, replies[0]);
        Assert.Contains(WhistleTexts.ReceiptGiveUp, replies, StringComparer.Ordinal);
        Assert.Matches("^ตรวจรหัสไม่สำเร็จหลายครั้ง กรุณาลองใหม่ในอีก \\d+ นาทีค่ะ$", last);
        Assert.DoesNotContain(host.Logs, l => l.Contains("1111 2222", StringComparison.Ordinal) || l.Contains(user, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LeakCheck_AfterReportPhotoAndFollowUp_NoFileUnderTheDataDirectoryNorAnyLogHoldsTheReporterOrTheReport()
    {
        var user = Events.NewUserId();
        string receipt;
        List<string> logs;
        string directory;
        string[] secrets;
        var found = new List<string>();
        await using (var host = new ServiceHost(_line, settings: VaultSettings()))
        {
            directory = host.DataDirectory;
            (receipt, _) = await FileReportAsync(host, user);
            await Chat(host, user).SayAsync("ติดตามเบาะแส");
            Assert.Contains("สถานะ: รับเรื่อง", LineChat.TextMessages(await Chat(host, user).SayAsync(receipt)), StringComparison.Ordinal);
            await Chat(host, user).TapAsync(WhistleFollowUpDialog.ReplyData);
            await Chat(host, user).SayAsync(Reply);
            await Chat(host, user).TapAsync(WhistleFollowUpDialog.DoneData);
            // While the service runs: the protected turns have been checkpointed out of the LiteDB log (checked with the host up).
            await WaitForCheckpointAsync(host);
            logs = [.. host.Logs];
            secrets = [user, DisplayName, Officials, Unit, What, When, Where, Reply, receipt, receipt.Replace(" ", string.Empty, StringComparison.Ordinal)];
            await ScanFilesAsync(directory, secrets, found, "running:");

            // Control: the scan does see what is stored in the clear (the report number, a plain field of vault.db).
            var number = Assert.Single(await host.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("officer-1")).Number;
            var control = new List<string>();
            await ScanFilesAsync(directory, [number], control, "control:");
            Assert.Contains(control, c => c.Contains(" vault", StringComparison.Ordinal));
        }

        await ScanFilesAsync(directory, secrets, found, "after stop:");
        foreach (var line in logs)
        {
            foreach (var secret in secrets.Where(s => line.Contains(s, StringComparison.Ordinal)))
            {
                found.Add($"log: {Array.IndexOf(secrets, secret)}");
            }
        }

        Assert.Empty(found);
    }

    /// <summary>Every file under <paramref name="directory"/>, byte by byte (UTF-8 and UTF-16), for every secret.</summary>
    private static async Task ScanFilesAsync(string directory, string[] secrets, List<string> found, string when)
    {
        var files = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => Path.GetFileName(f) == "messaging.db");
        Assert.Contains(files, f => Path.GetFileName(f) == "vault.db");
        foreach (var file in files)
        {
            // Shared read: a file LiteDB is still finishing (a checkpoint after the host stopped) may change size under us.
            // A file deleted meanwhile (the log, removed by the closing checkpoint) holds nothing any more.
            byte[] bytes;
            try
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, TestContext.Current.CancellationToken);
                bytes = copy.ToArray();
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            foreach (var secret in secrets)
            {
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0)
                {
                    found.Add($"{when} {Path.GetRelativePath(directory, file)}: {Array.IndexOf(secrets, secret)}");
                }
            }
        }

    }

    /// <summary>Files a whole report as <paramref name="user"/>; returns the receipt and the text of the answer that carried it.</summary>
    internal async Task<(string Receipt, string Answer)> FileReportAsync(ServiceHost host, string user, bool notify = false)
    {
        await FillReportAsync(host, user, notify);
        var answer = LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.SubmitData));
        var receipt = ReceiptPattern().Match(answer);
        Assert.True(receipt.Success, "no receipt in the answer");
        return (receipt.Value, answer);
    }

    /// <summary>Every step of a report up to its summary, not submitted yet.</summary>
    internal async Task FillReportAsync(ServiceHost host, string user, bool notify = false)
    {
        _line.SetDisplayName(user, DisplayName);
        var intro = await Chat(host, user).TapAsync("menu=whistleblow");
        Assert.Contains("การคุ้มครองผู้แจ้ง", LineChat.TextMessages(intro), StringComparison.Ordinal);
        Assert.Contains(WhistleblowDialog.ConsentData, LineChat.QuickReplyData(intro));
        Assert.Contains(WhistleTexts.AskOfficials, LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.ConsentData)), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskUnit, LineChat.TextMessages(await Chat(host, user).SayAsync(Officials)), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskWhat, LineChat.TextMessages(await Chat(host, user).SayAsync(Unit)), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskWhen, LineChat.TextMessages(await Chat(host, user).SayAsync(What)), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskWhere, LineChat.TextMessages(await Chat(host, user).SayAsync(When)), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskEvidence, LineChat.TextMessages(await Chat(host, user).SayAsync(Where)), StringComparison.Ordinal);
        var messageId = "ev-" + Guid.NewGuid().ToString("N");
        _line.AddContent(messageId, TestImages.PhoneJpeg(120, 90, orientation: 6, latitude: 16.2481, longitude: 101.9052), "image/jpeg");
        Assert.Contains(WhistleTexts.EvidenceReceived(1), LineChat.TextMessages(await Chat(host, user).SendAsync(LineChat.Image(user, messageId))), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskIdentity, LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.NextData)), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskNotify, LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.AnonymousData)), StringComparison.Ordinal);
        var summary = LineChat.TextMessages(await Chat(host, user).TapAsync(notify ? WhistleblowDialog.NotifyYesData : WhistleblowDialog.NotifyNoData));
        Assert.Contains(WhistleTexts.SummaryTitle, summary, StringComparison.Ordinal);
        Assert.Contains(What, summary, StringComparison.Ordinal);
        Assert.Contains("รูปถ่าย 1 รูป", summary, StringComparison.Ordinal);
        Assert.Contains("ไม่ระบุตัวตน", summary, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d{4} \d{4} \d{4} \d{4} \d{4}")]
    internal static partial Regex ReceiptPattern();

    /// <summary>The conversation of <paramref name="user"/> with <paramref name="host"/>.</summary>
    internal LineChat Chat(ServiceHost host, string user) => new(host, _line, user);
}
