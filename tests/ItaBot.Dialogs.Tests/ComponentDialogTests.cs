using ItaBot.Dialogs.State;

namespace ItaBot.Dialogs.Tests;

public sealed class ComponentDialogTests
{
    [Fact]
    public async Task OnTurnAsync_ComplaintThroughNestedComponents_ReturnsSummaryToMenu()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReplyWithChoices(SampleBot.MenuPrompt, "ถามตอบ", "ร้องเรียน", "ติดต่อเรา")
            .Send("ร้องเรียน").AssertReplyWithChoices(SampleBot.CategoryPrompt, "ถนนชำรุด", "ไฟฟ้าส่องสว่าง", "ขยะ")
            .Send("ไฟดับค่ะ").AssertReply(SampleBot.DetailPrompt)
            .Send("ไฟถนนหน้าวัดดับมา 3 วันแล้ว").AssertReply(SampleBot.PlacePrompt)
            .SendLocation(15.65, 101.98, "หน้าวัดโนนทอง").AssertReplyWithChoices(SampleBot.SubmitPrompt, "ใช่", "ไม่ใช่")
            .Send("ใช่ค่ะ").AssertReply("รับเรื่องแล้วค่ะ: ไฟฟ้าส่องสว่าง / ไฟถนนหน้าวัดดับมา 3 วันแล้ว / หน้าวัดโนนทอง")
            .AssertStatus(DialogTurnStatus.Complete)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_ComplaintDeclinedAtTheEnd_MenuHearsNothingWasSent()
    {
        var time = SampleBot.Clock();
        await SampleBot.Create(time).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("2").AssertReply(SampleBot.CategoryPrompt)
            .Send("1").AssertReply(SampleBot.DetailPrompt)
            .Send("ถนนเป็นหลุม").AssertReply(SampleBot.PlacePrompt)
            .SendLocation(15.65, 101.98, "ซอย 3").AssertReply(SampleBot.SubmitPrompt)
            .Send("ไม่ใช่ครับ").AssertReply("ยังไม่ได้ส่งเรื่องค่ะ")
            .AssertStatus(DialogTurnStatus.Complete)
            .StartTestAsync();
    }

    [Fact]
    public async Task OnTurnAsync_WaitingInsideNestedComponent_StoresInnerStacksInTheComponentsState()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        await SampleBot.Create(time, store).Flow(time)
            .Send("สวัสดี").AssertReply(SampleBot.MenuPrompt)
            .Send("ร้องเรียน").AssertReply(SampleBot.CategoryPrompt)
            .Send("ขยะ").AssertReply(SampleBot.DetailPrompt)
            .Send("ไม่มีรถมาเก็บขยะ").AssertReply(SampleBot.PlacePrompt)
            .StartTestAsync();

        var stored = await store.LoadAsync("C-1", TestContext.Current.CancellationToken);
        var outer = stored!.State.DialogStack;
        Assert.Equal(["complaint", "menu"], outer.Select(d => d.Id));
        var complaintInner = outer[0].State["dialogs"]!.AsArray();
        Assert.Equal(["place", "complaint.steps"], complaintInner.Select(d => (string)d!["id"]!));
        var placeInner = complaintInner[0]!["state"]!["dialogs"]!.AsArray();
        Assert.Equal(["place.location", "place.steps"], placeInner.Select(d => (string)d!["id"]!));
    }
}
