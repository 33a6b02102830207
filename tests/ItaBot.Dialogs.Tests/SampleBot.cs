using ItaBot.Dialogs.Forms;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Dialogs.Tests;

/// <summary>
/// A small municipal bot built the way the service is: a menu (a waterfall with a text prompt) and a complaint form
/// (category, detail, place, then a summary to confirm) whose result goes back to the menu.
/// </summary>
internal static class SampleBot
{
    public const string MenuPrompt = "สวัสดีค่ะ เลือกเรื่องที่ต้องการได้เลยค่ะ";
    public const string CategoryPrompt = "แจ้งเรื่องอะไรคะ";
    public const string DetailPrompt = "เล่ารายละเอียดให้ฟังหน่อยค่ะ";
    public const string PlacePrompt = "แชร์ตำแหน่งที่เกิดเหตุได้เลยค่ะ";
    public const string SubmitPrompt = "ส่งเรื่องเลยไหมคะ";

    /// <summary>09:00 in Thailand on 5 March 2025 (2568 BE).</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 5, 2, 0, 0, TimeSpan.Zero);

    private static readonly Choice[] MenuChoices = [new Choice("ถามตอบ", "qa"), new Choice("ร้องเรียน", "complaint"), new Choice("ติดต่อเรา", "contact")];

    public static FakeTimeProvider Clock() => new(Start);

    public static DialogManager Create(FakeTimeProvider time, IDialogStateStore? store = null, DialogManagerOptions? options = null)
    {
        var manager = new DialogManager(Menu(), store ?? new InMemoryDialogStateStore(), time, options);
        manager.Dialogs
            .Add(new TextPrompt("menu.choice", (context, _) => Task.FromResult(ChoiceRecognizer.Recognize(context.Context.Activity, MenuChoices) is not null)))
            .Add(new ComplaintForm());
        manager.Interruptions.Add(CommandInterruption.StartDialog("menu", ["เมนู", "menu"], ["action=menu"]));
        manager.Interruptions.Add(CommandInterruption.StartDialog("complaint", [], ["action=complaint"]));
        return manager;
    }

    public static TestFlow Flow(this DialogManager manager, FakeTimeProvider time, string conversationId = "C-1") => new(manager, time, conversationId);

    private static WaterfallDialog Menu() => new("menu",
    [
        (step, ct) => step.PromptAsync("menu.choice", new PromptOptions { Prompt = Reply.FromText(MenuPrompt, MenuChoices), RetryPrompt = Reply.FromText(MenuPrompt, MenuChoices) }, ct),
        async (step, ct) =>
        {
            switch (ChoiceRecognizer.Recognize(step.ResultAs<string>(), MenuChoices)?.Value)
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

    /// <summary>The complaint: three fields, then "ส่งเรื่องเลยไหมคะ" (ใช่ files it, ไม่ใช่ ends it with nothing, แก้ไข goes back).</summary>
    private sealed class ComplaintForm : FormDialog
    {
        private static readonly Choice[] Categories =
            [new Choice("ถนนชำรุด", "ถนนชำรุด"), new Choice("ไฟฟ้าส่องสว่าง", "ไฟฟ้าส่องสว่าง") { Synonyms = ["ไฟดับ"] }, new Choice("ขยะ", "ขยะ")];

        public ComplaintForm()
            : base("complaint")
        {
            AddField(new ChoiceField("category", "ประเภท", _ => CategoryPrompt, _ => Categories) { MaxAttempts = 3 });
            AddField(new TextField("detail", "รายละเอียด", _ => DetailPrompt));
            AddField(new PlaceField());
        }

        protected override FormSummaryChoices SummaryChoices { get; } = new()
        {
            Submit = new Choice("ใช่", "complaint:yes"),
            Edit = new Choice("แก้ไข", "complaint:edit"),
            Other = new Choice("ไม่ใช่", "complaint:no"),
            EditPrefix = "complaint:edit=",
            ConfirmAgain = SubmitPrompt,
            WhatToEdit = "แก้ส่วนไหนคะ",
        };

        protected override string SummaryText(FormContext form) => SubmitPrompt;

        protected override Task<DialogTurnResult> OnConfirmedAsync(FormContext form, CancellationToken cancellationToken) =>
            form.Dialog.EndDialogAsync($"{form.Values["category"]} / {form.Values["detail"]} / {form.Values["place"]}", cancellationToken);

        protected override async Task<DialogTurnResult?> OnSummaryActionAsync(FormContext form, CancellationToken cancellationToken) =>
            form.PostbackData == "complaint:no" || form.Said == "ไม่ใช่" ? await form.Dialog.EndDialogAsync(null, cancellationToken) : null;

        private sealed class PlaceField() : FormField("place", "สถานที่")
        {
            public override Task AskAsync(FormContext form, CancellationToken cancellationToken) => form.SendAsync(PlacePrompt, cancellationToken);

            public override Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
            {
                if (form.Activity is not { Kind: ActivityKind.Location, Location: { } pin })
                {
                    return Task.FromResult(FieldResult.Rejected());
                }

                form.Values[Name] = pin.Title;
                return Task.FromResult(FieldResult.Accepted);
            }
        }
    }
}
