using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Dialogs.Tests;

/// <summary>A small municipal bot: a menu, a complaint intake component, and inside it a place component.</summary>
internal static class SampleBot
{
    public const string MenuPrompt = "สวัสดีค่ะ เลือกเรื่องที่ต้องการได้เลยค่ะ";
    public const string CategoryPrompt = "แจ้งเรื่องอะไรคะ";
    public const string DetailPrompt = "เล่ารายละเอียดให้ฟังหน่อยค่ะ";
    public const string PlacePrompt = "แชร์ตำแหน่งที่เกิดเหตุได้เลยค่ะ";
    public const string SubmitPrompt = "ส่งเรื่องเลยไหมคะ";

    /// <summary>09:00 in Thailand on 5 March 2025 (2568 BE).</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 5, 2, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Start);

    public static DialogManager Create(FakeTimeProvider time, IDialogStateStore? store = null, DialogManagerOptions? options = null)
    {
        var manager = new DialogManager(Menu(), store ?? new InMemoryDialogStateStore(), time, options);
        manager.Dialogs.Add(new ChoicePrompt("menu.choice")).Add(Complaint());
        manager.Interruptions.Add(CommandInterruption.StartDialog("menu", ["เมนู", "menu"], ["action=menu"]));
        manager.Interruptions.Add(CommandInterruption.StartDialog("complaint", [], ["action=complaint"]));
        return manager;
    }

    public static TestFlow Flow(this DialogManager manager, FakeTimeProvider time, string conversationId = "C-1") => new(manager, time, conversationId);

    private static WaterfallDialog Menu() => new("menu",
    [
        (step, ct) => step.PromptAsync("menu.choice", new PromptOptions
        {
            Prompt = MenuPrompt,
            Choices = [new Choice("ถามตอบ", "qa"), new Choice("ร้องเรียน", "complaint"), new Choice("ติดต่อเรา", "contact")],
        }, ct),
        async (step, ct) =>
        {
            switch (step.ResultAs<FoundChoice>().Value)
            {
                case "complaint":
                    return await step.BeginDialogAsync("complaint", null, ct);
                case "contact":
                    await step.Context.SendTextAsync("โทร 044-000000 ค่ะ", ct);
                    return await step.EndDialogAsync(null, ct);
                default:
                    await step.Context.SendTextAsync("พิมพ์คำถามได้เลยค่ะ", ct);
                    return await step.EndDialogAsync(null, ct);
            }
        },
        async (step, ct) =>
        {
            await step.Context.SendTextAsync(step.Result is string summary ? $"รับเรื่องแล้วค่ะ: {summary}" : "ยังไม่ได้ส่งเรื่องค่ะ", ct);
            return await step.EndDialogAsync(step.Result, ct);
        },
    ]);

    private static ComponentDialog Complaint()
    {
        var complaint = new ComponentDialog("complaint");
        complaint.AddDialog(new WaterfallDialog("complaint.steps",
        [
            (step, ct) => step.PromptAsync("complaint.category", new PromptOptions
            {
                Prompt = CategoryPrompt,
                Choices = [new Choice("ถนนชำรุด", "road"), new Choice("ไฟฟ้าส่องสว่าง", "light") { Synonyms = ["ไฟดับ"] }, new Choice("ขยะ", "garbage")],
            }, ct),
            (step, ct) =>
            {
                step.Values["category"] = step.ResultAs<FoundChoice>().Label;
                return step.PromptAsync("complaint.detail", new PromptOptions { Prompt = DetailPrompt }, ct);
            },
            (step, ct) =>
            {
                step.Values["detail"] = step.ResultAs<string>();
                return step.BeginDialogAsync("place", null, ct);
            },
            (step, ct) =>
            {
                step.Values["place"] = step.ResultAs<GeoLocation>().Title;
                return step.PromptAsync("complaint.submit", new PromptOptions { Prompt = SubmitPrompt }, ct);
            },
            (step, ct) => step.EndDialogAsync(
                step.ResultAs<bool>() ? $"{step.Values["category"]} / {step.Values["detail"]} / {step.Values["place"]}" : null, ct),
        ]));
        complaint.AddDialog(new ChoicePrompt("complaint.category"));
        complaint.AddDialog(new TextPrompt("complaint.detail"));
        complaint.AddDialog(new ConfirmPrompt("complaint.submit"));
        complaint.AddDialog(Place());
        return complaint;
    }

    private static ComponentDialog Place()
    {
        var place = new ComponentDialog("place");
        place.AddDialog(new WaterfallDialog("place.steps",
        [
            (step, ct) => step.PromptAsync("place.location", new PromptOptions { Prompt = PlacePrompt }, ct),
            (step, ct) => step.EndDialogAsync(step.Result, ct),
        ]));
        place.AddDialog(new LocationPrompt("place.location"));
        return place;
    }
}
