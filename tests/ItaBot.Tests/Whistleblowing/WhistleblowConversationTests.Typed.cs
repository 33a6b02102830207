using ItaBot.Complaints;
using ItaBot.Conversations;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>Reports of corruption typed with no protected flow open (issue 13, items 2 and 3).</summary>
public sealed partial class WhistleblowConversationTests
{
    internal const string TypedDeclined = "เจ้าหน้าที่กองคลังชื่อนายทองดี มีสุข เรียกเงินใต้โต๊ะ 500 บาทถึงจะรับเรื่องภาษีป้าย";
    internal const string TypedMidPrompt = "ขอแจ้งเบาะแสค่ะ หัวหน้างานพัสดุนายมานพ ขยันดี รับซองจากบริษัทก่อสร้างรุ่งโรจน์";
    internal const string TypedMidIntake = "นายสมปอง นายช่างกองช่าง บอกว่าถ้าอยากให้มาซ่อมถนนเร็วต้องจ่ายค่าน้ำร้อนน้ำชาห้าร้อยบาท";
    internal const string TypedAccepted = "นายช่างวิชัย ใจเย็น เรียกค่าเซ็นแบบบ้านหลังละสามพันบาท ไม่มีใบเสร็จ";

    [Fact]
    public async Task TypedReport_NoFlowOpen_ProtectedChannelOfferedFirst_ThenTheTextIsTheFirstAnswer()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var user = Events.NewUserId();

        var offer = await Chat(host, user).SayAsync(TypedAccepted);

        Assert.Contains(WhistleTexts.TypedReportHeld, LineChat.TextMessages(offer), StringComparison.Ordinal);
        Assert.Contains("การคุ้มครองผู้แจ้ง", LineChat.TextMessages(offer), StringComparison.Ordinal);
        Assert.Contains(WhistleblowDialog.ConsentData, LineChat.QuickReplyData(offer));
        Assert.Contains(WhistleTexts.AskOfficials, LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.ConsentData)), StringComparison.Ordinal);
        Assert.Contains(WhistleTexts.AskUnit, LineChat.TextMessages(await Chat(host, user).SayAsync("นายช่าง")), StringComparison.Ordinal);
        // What happened was typed first: the flow goes on to "when".
        Assert.Contains(WhistleTexts.AskWhen, LineChat.TextMessages(await Chat(host, user).SayAsync("กองช่าง")), StringComparison.Ordinal);
        await Chat(host, user).SayAsync("เดือนที่แล้ว");
        await Chat(host, user).SayAsync("สำนักงานเทศบาล");
        await Chat(host, user).TapAsync(WhistleblowDialog.NextData);
        await Chat(host, user).TapAsync(WhistleblowDialog.AnonymousData);
        var summary = LineChat.TextMessages(await Chat(host, user).TapAsync(WhistleblowDialog.NotifyNoData));
        Assert.Contains(TypedAccepted, summary, StringComparison.Ordinal);
        await Chat(host, user).TapAsync(WhistleblowDialog.SubmitData);

        var row = Assert.Single(await host.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("officer-1"));
        Assert.Equal(ReportChannel.Line, row.Channel);
    }

    [Fact]
    public async Task LeakCheck_TypedReportsWithNoProtectedFlowOpen_DeclinedMidPromptMidIntakeOrFiled_NoFileNorLogHoldsThem()
    {
        var declined = Events.NewUserId();
        var midPrompt = Events.NewUserId();
        var accepted = Events.NewUserId();
        var midIntake = Events.NewUserId();
        string directory;
        List<string> logs;
        var found = new List<string>();
        // The filer's LINE user id too (the report is in the vault); the others go on chatting, so their conversations stay keyed by their ids.
        string[] secrets = [TypedDeclined, TypedMidPrompt, TypedAccepted, "นายทองดี มีสุข", "นายมานพ ขยันดี", "นายช่างวิชัย ใจเย็น", accepted, TypedMidIntake, "นายสมปอง"];
        await using (var host = new ServiceHost(_line, settings: VaultSettings()))
        {
            directory = host.DataDirectory;

            // No flow open; the citizen goes on and files it.
            await Chat(host, accepted).SayAsync(TypedAccepted);
            await Chat(host, accepted).TapAsync(WhistleblowDialog.ConsentData);
            foreach (var answer in new[] { "ไม่ทราบ", "ไม่ทราบ", "ไม่ทราบ", "ไม่ทราบ" })
            {
                await Chat(host, accepted).SayAsync(answer);
            }

            await Chat(host, accepted).TapAsync(WhistleblowDialog.NextData);
            await Chat(host, accepted).TapAsync(WhistleblowDialog.AnonymousData);
            await Chat(host, accepted).TapAsync(WhistleblowDialog.NotifyNoData);
            await Chat(host, accepted).TapAsync(WhistleblowDialog.SubmitData);
            Assert.Single(await host.Services.GetRequiredService<AgencyVaults>().Current.ListAsync("officer-1"));

            // No flow open; the citizen declines the protected channel.
            Assert.Contains(WhistleTexts.TypedReportHeld, LineChat.TextMessages(await Chat(host, declined).SayAsync(TypedDeclined)), StringComparison.Ordinal);
            await Chat(host, declined).SayAsync("ยกเลิก");

            // A complaint intake waits for a photo: the report is not kept, the intake goes on without it and is filed.
            var intake = Chat(host, midIntake);
            await intake.TapAsync("menu=complaint");
            await intake.TapAsync(ComplaintDialog.CategoryPrefix + "road");
            await intake.SayAsync("ถนนหน้าบ้านเป็นหลุมใหญ่ รถมอไซค์ล้มไปสองคันแล้วค่ะ");
            Assert.Contains(ComplaintTexts.CorruptionOfferMidForm, LineChat.TextMessages(await intake.SayAsync(TypedMidIntake)), StringComparison.Ordinal);
            await intake.TapAsync(ComplaintDialog.ResumeData);
            await intake.TapAsync(ComplaintDialog.NextData);
            await intake.SayAsync("หน้าวัดโนนทอง");
            await intake.TapAsync(ComplaintDialog.ContactLineData);
            Assert.Contains("เลขที่", LineChat.Text(await intake.TapAsync(ComplaintDialog.SubmitData)), StringComparison.Ordinal);

            // A flow is open (the Q&A prompt waits for a question): the report is not taken as a question. Last, so its
            // checkpoint is the one the wait below sees.
            await Chat(host, midPrompt).TapAsync("menu=qa");
            Assert.Contains(WhistleTexts.TypedReportHeld, LineChat.TextMessages(await Chat(host, midPrompt).SayAsync(TypedMidPrompt)), StringComparison.Ordinal);

            await WaitForCheckpointAsync(host, "checkpoint after the typed reports");
            logs = [.. host.Logs];
            await ScanFilesAsync(directory, secrets, found, "running:");
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
}
