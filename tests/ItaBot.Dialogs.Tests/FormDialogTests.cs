using System.Text.Json.Nodes;
using ItaBot.Dialogs.Forms;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Dialogs.Tests;

/// <summary>A form dialog as a citizen meets it: questions in order, what the first message said is not asked, a summary that can go back.</summary>
public sealed class FormDialogTests
{
    [Fact]
    public async Task OnTurnAsync_FieldsInOrderThenSummary_ConfirmEndsWithTheAnswers()
    {
        var time = SampleBot.Clock();
        await RepairForm.Manager(time).Flow(time)
            .SendPostback("start").AssertReplyWithChoices(RepairForm.AskCategory, "ถนน", "ไฟฟ้า", "ขยะ")
            .Send("ไฟฟ้าค่ะ").AssertReply(RepairForm.AskDetail)
            .Send("ไฟถนนหน้าวัดดับสามคืนแล้ว").AssertReply(RepairForm.AskPlace)
            .SendLocation(15.65, 101.98, "หน้าวัดโนนทอง").AssertReplyWithChoices("สรุป: light / ไฟถนนหน้าวัดดับสามคืนแล้ว / หน้าวัดโนนทอง", "ส่ง", "แก้ไข")
            .Send("ส่ง").AssertReply("ส่งแล้วค่ะ")
            .AssertStatus(DialogTurnStatus.Complete)
            .AssertResult(r => Assert.Equal("light|ไฟถนนหน้าวัดดับสามคืนแล้ว|หน้าวัดโนนทอง", r))
            .StartTestAsync();
    }

    [Fact]
    public async Task BeginDialogAsync_FirstMessageNamesCategoryAndDetail_AsksOnlyForThePlace()
    {
        var time = SampleBot.Clock();
        await RepairForm.Manager(time).Flow(time)
            .Send("ไฟดับหน้าบ้านมาสามวันแล้วค่ะ").AssertReply(RepairForm.AskPlace)
            .Send("หน้าบ้านเลขที่ 12").AssertReplyContains("สรุป: light / ไฟดับหน้าบ้านมาสามวันแล้วค่ะ / หน้าบ้านเลขที่ 12")
            .StartTestAsync();
    }

    [Fact]
    public async Task BeginDialogAsync_KnownValues_AreNotAsked()
    {
        var time = SampleBot.Clock();
        var manager = RepairForm.Manager(time, new FormOptions { Values = new JsonObject { ["category"] = "road", ["place"] = "ซอย 3" } });
        await manager.Flow(time)
            .SendPostback("start").AssertReply(RepairForm.AskDetail)
            .Send("ถนนเป็นหลุมลึกมากค่ะ").AssertReplyContains("สรุป: road / ถนนเป็นหลุมลึกมากค่ะ / ซอย 3")
            .StartTestAsync();
    }

    [Fact]
    public async Task Summary_EditJumpsBackToTheChosenField_ThenReturnsToTheSummary()
    {
        var time = SampleBot.Clock();
        await RepairForm.Manager(time).Flow(time)
            .Send("ไฟดับหน้าบ้านมาสามวันแล้วค่ะ").AssertReply(RepairForm.AskPlace)
            .Send("ซอย 3").AssertReplyContains("สรุป:")
            .Send("แก้ไข").AssertReplyWithChoices(RepairForm.WhatToEdit, "ประเภท", "รายละเอียด", "สถานที่")
            .SendPostback("repair:edit=category").AssertReply(RepairForm.AskCategory)
            .Send("ขยะ").AssertReplyContains("สรุป: garbage / ไฟดับหน้าบ้านมาสามวันแล้วค่ะ / ซอย 3")
            .Send("อืม").AssertReplyWithChoices(RepairForm.ConfirmAgain, "ส่ง", "แก้ไข")
            .Send("แก้").AssertReply(RepairForm.WhatToEdit)
            .Send("สถานที่").AssertReply(RepairForm.AskPlace)
            .Send("หน้าวัด").AssertReplyContains("/ หน้าวัด")
            .StartTestAsync();
    }

    [Fact]
    public async Task AcceptAsync_AnswerTheValidatorRefuses_SaysTheRetry_GivesUpAfterMaxAttempts()
    {
        var time = SampleBot.Clock();
        await RepairForm.Manager(time).Flow(time)
            .SendPostback("start").AssertReply(RepairForm.AskCategory)
            .Send("ถนน").AssertReply(RepairForm.AskDetail)
            .Send("หลุม").AssertReply(RepairForm.DetailTooShort)
            .SendImage("img-1").AssertReply(RepairForm.DetailTooShort)
            .Send("พัง").AssertReply(DialogTexts.Thai.PromptGiveUp)
            .AssertStatus(DialogTurnStatus.Cancelled)
            .StartTestAsync();
    }

    [Fact]
    public async Task Field_Waiting_KeepsItsOwnScratchBetweenTurns_UntilItAccepts()
    {
        var time = SampleBot.Clock();
        await RepairForm.Manager(time).Flow(time)
            .Send("ไฟดับหน้าบ้านมาสามวันแล้วค่ะ").AssertReply(RepairForm.AskPlace)
            .SendLocation(13.75, 100.5, "กรุงเทพฯ").AssertReplyWithChoices(RepairForm.FarAway, "ถูกต้อง", "ส่งใหม่")
            .Send("ส่งใหม่").AssertReply(RepairForm.AskPlace)
            .SendLocation(13.75, 100.5, "กรุงเทพฯ").AssertReply(RepairForm.FarAway)
            .Send("ถูกต้อง").AssertReplyContains("/ กรุงเทพฯ")
            .StartTestAsync();
    }

    [Fact]
    public async Task Values_KeptOutsideTheState_NeverReachTheStateStore()
    {
        var time = SampleBot.Clock();
        var store = new InMemoryDialogStateStore();
        var elsewhere = new Dictionary<string, JsonObject>();
        await RepairForm.Manager(time, store: store, keptElsewhere: elsewhere).Flow(time)
            .Send("ไฟดับหน้าบ้านมาสามวันแล้วค่ะ").AssertReply(RepairForm.AskPlace)
            .StartTestAsync();

        var json = (await store.LoadAsync("C-1", TestContext.Current.CancellationToken))!.State.ToJson();
        Assert.DoesNotContain("ไฟดับ", json, StringComparison.Ordinal);
        Assert.Contains("ไฟดับ", Assert.Single(elsewhere.Values).ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_AsAMenu_ButtonsJumpToAField_OtherAnswersAreTheForms_TheLeadComesFirst()
    {
        var time = SampleBot.Clock();
        await FollowForm.Manager(time).Flow(time)
            .SendPostback("start").AssertReply(FollowForm.AskCode)
            .Send("1234").AssertReplyWithChoices(FollowForm.Status + "\n" + FollowForm.Menu, "ดูสถานะ", "เขียนข้อความ", "เสร็จ")
            .SendPostback("follow:note").AssertReply(FollowForm.AskNote)
            .Send("ขอทราบผลค่ะ").AssertReply(FollowForm.NoteSent + "\n" + FollowForm.Menu)
            .Send("เขียนข้อความ").AssertReply(FollowForm.AskNote)
            .Send("อีกเรื่องค่ะ").AssertReply(FollowForm.NoteSent + "\n" + FollowForm.Menu)
            .SendPostback("follow:status").AssertReply(FollowForm.Status + "\n" + FollowForm.Menu)
            .Send("อืม").AssertReplyWithChoices(FollowForm.Menu, "ดูสถานะ", "เขียนข้อความ", "เสร็จ")
            .Send("เสร็จ").AssertReply("จบแล้วค่ะ")
            .AssertStatus(DialogTurnStatus.Complete)
            .AssertResult(r => Assert.Equal("ขอทราบผลค่ะ|อีกเรื่องค่ะ", r))
            .StartTestAsync();
    }

    [Fact]
    public async Task AcceptAsync_FieldEndsTheForm_ItsLastWordStands_AndTheNextMessageStartsFresh()
    {
        var time = SampleBot.Clock();
        await FollowForm.Manager(time).Flow(time)
            .SendPostback("start").AssertReply(FollowForm.AskCode)
            .Send("12").AssertReply(FollowForm.WrongCode)
            .Send("0000").AssertReply(FollowForm.Locked)
            .AssertStatus(DialogTurnStatus.Complete)
            .SendPostback("start").AssertReply(FollowForm.AskCode)
            .StartTestAsync();
    }

    /// <summary>
    /// A follow-up by code: the code field ("0000" locks the form out and ends it), then a summary that is a menu: a
    /// button jumps to the note field (reached from the menu only), "ดูสถานะ" is the form's own action, "เสร็จ" submits.
    /// </summary>
    private sealed class FollowForm : FormDialog
    {
        public const string AskCode = "รหัสค่ะ";
        public const string WrongCode = "รหัสไม่ถูกค่ะ";
        public const string Locked = "ล็อกแล้วค่ะ";
        public const string Status = "สถานะ: รับเรื่อง";
        public const string Menu = "ทำอะไรต่อคะ";
        public const string AskNote = "เขียนข้อความได้เลยค่ะ";
        public const string NoteSent = "ส่งแล้วค่ะ";

        private FollowForm()
            : base("follow")
        {
            AddField(new CodeField() { Editable = false });
            AddField(new NoteField());
        }

        public static DialogManager Manager(Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
        {
            var manager = new DialogManager(new Starter(null, "follow"), new InMemoryDialogStateStore(), time);
            manager.Dialogs.Add(new FollowForm());
            return manager;
        }

        protected override FormSummaryChoices SummaryChoices { get; } = new()
        {
            Submit = new Choice("เสร็จ", "follow:done"),
            EditPrefix = "follow:",
            ConfirmAgain = Menu,
            WhatToEdit = Menu,
        };

        protected override IReadOnlyList<Choice> SummaryButtons() =>
            [new Choice("ดูสถานะ", "follow:status"), new Choice("เขียนข้อความ", JumpTo("note")), SummaryChoices.Submit];

        protected override string SummaryText(FormContext form) => Menu;

        protected override async Task<DialogTurnResult?> OnSummaryActionAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.PostbackData != "follow:status")
            {
                return null;
            }

            form.Lead = Status;
            return await ShowSummaryAsync(form, cancellationToken);
        }

        protected override async Task<DialogTurnResult> OnConfirmedAsync(FormContext form, CancellationToken cancellationToken)
        {
            await form.SendAsync("จบแล้วค่ะ", cancellationToken);
            return await form.Dialog.EndDialogAsync(form.Values["notes"]?.GetValue<string>(), cancellationToken);
        }

        private sealed class CodeField() : FormField("code", "รหัส")
        {
            public override Task AskAsync(FormContext form, CancellationToken cancellationToken) => form.SendAsync(AskCode, cancellationToken);

            public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
            {
                switch (form.Text)
                {
                    case "1234":
                        form.Values[Name] = "ok";
                        form.Lead = Status;
                        return FieldResult.Accepted;
                    case "0000":
                        await form.SendAsync(Locked, cancellationToken);
                        return FieldResult.Ended;
                    default:
                        return FieldResult.Rejected(WrongCode);
                }
            }
        }

        private sealed class NoteField() : FormField("note", "เขียนข้อความ")
        {
            public override bool IsFilled(FormContext form) => true;

            public override Task AskAsync(FormContext form, CancellationToken cancellationToken) => form.SendAsync(AskNote, cancellationToken);

            public override Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
            {
                if (form.Text is not { } text)
                {
                    return Task.FromResult(FieldResult.Rejected());
                }

                form.Values["notes"] = form.Values["notes"] is { } earlier ? $"{earlier.GetValue<string>()}|{text}" : text;
                form.Lead = NoteSent;
                return Task.FromResult(FieldResult.Accepted);
            }
        }
    }

    /// <summary>A repair request: category (choice, filled from a typed problem), detail (text, at least 8 characters), place (pin or text; a far pin is questioned).</summary>
    private sealed class RepairForm : FormDialog
    {
        public const string AskCategory = "แจ้งเรื่องอะไรคะ";
        public const string AskDetail = "เล่ารายละเอียดหน่อยค่ะ";
        public const string DetailTooShort = "ขอรายละเอียดอีกนิดค่ะ";
        public const string AskPlace = "เกิดเหตุที่ไหนคะ";
        public const string FarAway = "ตำแหน่งนี้อยู่ไกลจากเทศบาล ถูกต้องไหมคะ";
        public const string WhatToEdit = "แก้ส่วนไหนคะ";
        public const string ConfirmAgain = "กด \"ส่ง\" หรือ \"แก้ไข\" ค่ะ";

        private static readonly Choice[] Categories = [new("ถนน", "road", ["หลุม"]), new("ไฟฟ้า", "light", ["ไฟถนน", "ไฟดับ"]), new("ขยะ", "garbage")];
        private readonly Dictionary<string, JsonObject>? _elsewhere;

        private RepairForm(Dictionary<string, JsonObject>? elsewhere)
            : base("repair")
        {
            _elsewhere = elsewhere;
            AddField(new CategoryField());
            AddField(new TextField("detail", "รายละเอียด", _ => AskDetail, (_, text) => text.Length >= 8 ? text : null, _ => DetailTooShort) { MaxAttempts = 3 });
            AddField(new PlaceField());
        }

        public static DialogManager Manager(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, FormOptions? start = null, IDialogStateStore? store = null,
            Dictionary<string, JsonObject>? keptElsewhere = null)
        {
            var manager = new DialogManager(new Starter(start), store ?? new InMemoryDialogStateStore(), time);
            manager.Dialogs.Add(new RepairForm(keptElsewhere));
            return manager;
        }

        protected override FormSummaryChoices SummaryChoices { get; } = new()
        {
            Submit = new Choice("ส่ง", "repair:submit"),
            Edit = new Choice("แก้ไข", "repair:edit"),
            EditPrefix = "repair:edit=",
            ConfirmAgain = ConfirmAgain,
            WhatToEdit = WhatToEdit,
        };

        protected override string SummaryText(FormContext form) =>
            $"สรุป: {form.Values["category"]} / {form.Values["detail"]} / {form.Values["place"]}";

        protected override async Task<DialogTurnResult> OnConfirmedAsync(FormContext form, CancellationToken cancellationToken)
        {
            await form.SendAsync("ส่งแล้วค่ะ", cancellationToken);
            return await form.Dialog.EndDialogAsync($"{form.Values["category"]}|{form.Values["detail"]}|{form.Values["place"]}", cancellationToken);
        }

        protected override Task<JsonObject?> LoadValuesAsync(DialogContext dc, JsonObject formState, CancellationToken cancellationToken) =>
            _elsewhere is null ? base.LoadValuesAsync(dc, formState, cancellationToken) : Task.FromResult(_elsewhere.GetValueOrDefault(dc.Context.Activity.ConversationId));

        protected override Task SaveValuesAsync(DialogContext dc, JsonObject formState, JsonObject values, CancellationToken cancellationToken)
        {
            if (_elsewhere is null)
            {
                return base.SaveValuesAsync(dc, formState, values, cancellationToken);
            }

            _elsewhere[dc.Context.Activity.ConversationId] = values;
            return Task.CompletedTask;
        }

        /// <summary>A typed problem names the category and is kept as the detail.</summary>
        private sealed class CategoryField() : ChoiceField("category", "ประเภท", _ => AskCategory, _ => Categories)
        {
            public override bool TryFill(FormContext form, string text)
            {
                if (ItaBot.Dialogs.Prompts.ChoiceRecognizer.Recognize(text, Categories) is not { } found)
                {
                    return false;
                }

                form.Values[Name] = found.Value;
                form.Values["detail"] = text;
                return true;
            }
        }

        /// <summary>A pin or a typed place; a pin far from the office is questioned first (the field waits with its own scratch).</summary>
        private sealed class PlaceField() : FormField("place", "สถานที่")
        {
            public override Task AskAsync(FormContext form, CancellationToken cancellationToken) => form.SendAsync(AskPlace, cancellationToken);

            public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
            {
                if (form.Scratch["far"] is JsonValue far)
                {
                    if (form.Said == "ถูกต้อง")
                    {
                        form.Values[Name] = far.GetValue<string>();
                        return FieldResult.Accepted;
                    }

                    form.Scratch.Remove("far");
                    await AskAsync(form, cancellationToken);
                    return FieldResult.Waiting;
                }

                if (form.Activity is { Kind: ActivityKind.Location, Location: { } pin })
                {
                    if (pin.Latitude < 15)
                    {
                        form.Scratch["far"] = pin.Title;
                        await form.SendAsync(Reply.FromText(FarAway, [new Choice("ถูกต้อง"), new Choice("ส่งใหม่")]), cancellationToken);
                        return FieldResult.Waiting;
                    }

                    form.Values[Name] = pin.Title;
                    return FieldResult.Accepted;
                }

                if (form.Text is { } text)
                {
                    form.Values[Name] = text;
                    return FieldResult.Accepted;
                }

                return FieldResult.Rejected();
            }
        }
    }

    /// <summary>The root: a "start" tap opens the form empty (or with the test's values), a typed message opens it with that message.</summary>
    private sealed class Starter(FormOptions? start, string form = "repair") : Dialog("root")
    {
        public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default) =>
            dc.ReplaceDialogAsync(form, dc.Context.Activity.Kind == ActivityKind.Message ? new FormOptions { Text = dc.Context.Activity.Text } : start, cancellationToken);
    }
}
