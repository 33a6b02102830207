using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Complaints;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Forms;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;
using ItaBot.Vault;

namespace ItaBot.Whistleblowing;

/// <summary>
/// "ติดตามเบาะแส", as a form: the reporter types the receipt (from any LINE account); the summary is the report's status
/// with a menu, whose buttons jump to a field (a message to the officers, more evidence) and back, read the status again,
/// or opt in to status notices. The receipt is checked once and never kept: the vault's <see cref="ReporterAccess"/>
/// handle stays in <see cref="WhistleSessions"/> (memory), the form's values hold only its random key, and nothing of the
/// report is in the conversation state. Every turn is protected (its inbox event redacted), and the state is forgotten
/// when the reporter is done. A handle that expired starts the form again at the receipt.
/// </summary>
internal sealed class WhistleFollowUpDialog : FormDialog
{
    public const string DialogId = "whistleblow.follow";
    public const string StartData = "whistle:follow";

    public const string StatusData = "whistle:f=status";
    public const string ReplyData = FieldPrefix + ReplyField;
    public const string EvidenceData = FieldPrefix + EvidenceField;
    public const string NotifyOnData = "whistle:f=notify-on";
    public const string NotifyOffData = "whistle:f=notify-off";
    public const string DoneData = "whistle:f=done";
    public const string NextData = "whistle:f=next";

    public static readonly string[] Words = ["ติดตามเบาะแส", "ติดตามเรื่องทุจริต", "รหัสติดตาม"];

    private const string FieldPrefix = "whistle:f=";
    private const string ReplyField = "reply";
    private const string EvidenceField = "evidence";
    private const string AccessKey = "access";
    private const string ExpiredKey = "expired";
    private const string RestartKey = "restart";

    private static readonly HashSet<string> NextWords = new(StringComparer.Ordinal) { "ต่อไป", "ครบแล้ว", "พอแล้ว" };

    private readonly AgencyVaults _vault;
    private readonly WhistleSessions _sessions;
    private readonly TurnWrites _writes;

    public WhistleFollowUpDialog(AgencyVaults vault, WhistleSessions sessions, IProtectedEvidence evidence, TurnWrites writes)
        : base(DialogId)
    {
        _vault = vault;
        _sessions = sessions;
        _writes = writes;
        AddField(new ReceiptField(this) { Editable = false });
        AddField(new MessageField(this));
        AddField(new MoreEvidenceField(this, evidence));
    }

    protected override FormSummaryChoices SummaryChoices { get; } = new()
    {
        Submit = new Choice(WhistleTexts.Done, DoneData),
        EditPrefix = FieldPrefix,
        SubmitWords = new HashSet<string>(StringComparer.Ordinal) { "เสร็จแล้ว", "จบ", "พอแล้ว" },
        ConfirmAgain = WhistleTexts.FollowMenu,
        WhatToEdit = WhistleTexts.FollowMenu,
    };

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        _writes.Protect(dc.Context.Activity.ConversationId);
        return base.BeginDialogAsync(dc, options as FormOptions, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        _writes.Protect(dc.Context.Activity.ConversationId);
        return base.ContinueDialogAsync(dc, cancellationToken);
    }

    /// <summary>The handle goes with the form, however it ends.</summary>
    public override async Task EndDialogAsync(DialogContext dc, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var key = (await base.LoadValuesAsync(dc, instance.State, cancellationToken).ConfigureAwait(false))?[AccessKey]?.GetValue<string>();
        if (_sessions.Access(key) is { } access)
        {
            _vault.Current.EndAccess(access);
        }

        _sessions.Remove(key);
    }

    /// <summary>Where wrong guesses come from, for the vault's limits: a hash of the LINE account, in memory only.</summary>
    public static string SourceToken(string userId) =>
        "line:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));

    /// <summary>The reporter's view in a few lines: number, status, deadline, the messages both ways, the files.</summary>
    public static string Describe(ReporterView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder()
            .Append("เบาะแสเลขที่ ").AppendLine(view.Number)
            .Append("สถานะ: ").Append(view.Status.Thai()).AppendLine(view.Outcome is { } outcome ? $" ({outcome.Thai()})" : string.Empty)
            .Append("แจ้งเมื่อ ").AppendLine(ThaiTime.Date(view.CreatedAt.UtcDateTime))
            .Append("กำหนดแจ้งผล ").AppendLine(ThaiTime.Deadline(view.AnswerBy.UtcDateTime));
        if (view.AttachmentNames.Count > 0)
        {
            text.Append("หลักฐานที่ส่ง: ").Append(view.AttachmentNames.Count).AppendLine(" ไฟล์");
        }

        if (view.Messages.Count == 0)
        {
            text.Append("ยังไม่มีข้อความจากเจ้าหน้าที่ค่ะ");
        }
        else
        {
            text.AppendLine("ข้อความ:");
            foreach (var message in view.Messages)
            {
                text.Append(message.Direction == MessageDirection.ToReporter ? "👮 เจ้าหน้าที่ " : "🙋 คุณ ")
                    .Append('(').Append(ThaiTime.DateAndTime(message.At.UtcDateTime)).Append("): ")
                    .AppendLine(message.Text);
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>A handle that expired (or a restart emptied the memory) counts as no values: the form starts again.</summary>
    protected override async Task<JsonObject?> LoadValuesAsync(DialogContext dc, JsonObject formState, CancellationToken cancellationToken)
    {
        var values = await base.LoadValuesAsync(dc, formState, cancellationToken).ConfigureAwait(false);
        return values?[AccessKey]?.GetValue<string>() is { } key && (_sessions.Access(key) is not { } access || (_sessions.Shared && !_vault.Current.HoldsAccess(access))) ? null : values;
    }

    protected override Task<DialogTurnResult> OnValuesLostAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return AskReceiptAgainAsync(dc, cancellationToken);
    }

    protected override string SummaryText(FormContext form) => WhistleTexts.FollowMenu;

    protected override IReadOnlyList<Choice> SummaryButtons() =>
    [
        new Choice(WhistleTexts.ShowStatus, StatusData),
        new Choice(WhistleTexts.ReplyToStaff, JumpTo(ReplyField)),
        new Choice(WhistleTexts.AddEvidence, JumpTo(EvidenceField)),
        new Choice(WhistleTexts.NotifyOn, NotifyOnData),
        new Choice(WhistleTexts.NotifyOff, NotifyOffData),
        new Choice(WhistleTexts.Done, DoneData),
    ];

    /// <summary>"ดูสถานะ" reads the report again; the notice buttons set or clear the sealed LINE address.</summary>
    protected override async Task<DialogTurnResult?> OnSummaryActionAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var data = form.PostbackData;
        if (data == StatusData || form.Said == ThaiText.NormalizeAnswer(WhistleTexts.ShowStatus))
        {
            if (await StatusAsync(form).ConfigureAwait(false) is not { } status)
            {
                return await AskReceiptAgainAsync(form.Dialog, cancellationToken).ConfigureAwait(false);
            }

            form.Lead = status;
            return await ShowSummaryAsync(form, cancellationToken).ConfigureAwait(false);
        }

        if (data == NotifyOnData || data == NotifyOffData)
        {
            var on = data == NotifyOnData;
            if (!await _vault.Current.SetNotifierAddressAsync(Access(form), on ? form.Activity.UserId : null).ConfigureAwait(false))
            {
                return await AskReceiptAgainAsync(form.Dialog, cancellationToken).ConfigureAwait(false);
            }

            form.Lead = on ? WhistleTexts.NotifyOnDone : WhistleTexts.NotifyOffDone;
            return await ShowSummaryAsync(form, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>"เสร็จแล้ว": the handle ends and the conversation state is forgotten.</summary>
    protected override async Task<DialogTurnResult> OnConfirmedAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        await form.SendAsync(WhistleTexts.FollowDone, cancellationToken).ConfigureAwait(false);
        return await ForgetAndEndAsync(form.Dialog, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A field ended the form: the vault refused the handle (the receipt is asked again), or the receipt check is over.</summary>
    protected override Task<DialogTurnResult> OnEndedAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Values[RestartKey] is not null ? AskReceiptAgainAsync(form.Dialog, cancellationToken) : ForgetAndEndAsync(form.Dialog, cancellationToken);
    }

    private static async Task<DialogTurnResult> ForgetAndEndAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        dc.State.Forget();
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static Task<DialogTurnResult> AskReceiptAgainAsync(DialogContext dc, CancellationToken cancellationToken) =>
        dc.ReplaceDialogAsync(DialogId, new FormOptions { Values = new JsonObject { [ExpiredKey] = true } }, cancellationToken);

    /// <summary>This turn's handle: <see cref="LoadValuesAsync"/> let the turn in only with a live one.</summary>
    private ReporterAccess Access(FormContext form) =>
        _sessions.Access(form.Values[AccessKey]?.GetValue<string>()) ?? throw new InvalidOperationException("The reporter's handle is gone.");

    /// <summary>The report's status as the lead of the menu, a blank line apart from its question; null when the vault refuses the handle.</summary>
    private async Task<string?> StatusAsync(FormContext form) =>
        await _vault.Current.ReadAsReporterAsync(Access(form)).ConfigureAwait(false) is { } view ? Describe(view) + "\n" : null;

    private static IReadOnlyList<Choice> PhotoChoices() =>
        [Choice.Camera(WhistleTexts.TakePhoto), Choice.PhotoLibrary(WhistleTexts.ChoosePhoto), new Choice(WhistleTexts.Next, NextData)];

    /// <summary>The receipt, checked by the vault (slowed and limited there); three wrong ones end the form. Accepted, the status leads the menu.</summary>
    private sealed class ReceiptField(WhistleFollowUpDialog dialog) : FormField(AccessKey, "รหัสติดตาม")
    {
        private const string Attempts = "wrong";

        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(form.Values[ExpiredKey] is null ? WhistleTexts.AskReceipt : WhistleTexts.AccessExpired, [new Choice(WhistleTexts.Cancel, "ยกเลิก")]),
                cancellationToken);

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.Text is not { } receipt)
            {
                return FieldResult.Rejected(WhistleTexts.AskReceipt);
            }

            var vault = dialog._vault.Current;
            var check = await vault.CheckReceiptAsync(receipt, SourceToken(form.Activity.UserId), cancellationToken).ConfigureAwait(false);
            switch (check.Status)
            {
                case ReceiptCheckStatus.Accepted when check.Access is { } access:
                    if (dialog._sessions.AddAccess(access) is not { } accessKey)
                    {
                        vault.EndAccess(access);
                        await form.SendAsync(WhistleTexts.Busy, cancellationToken).ConfigureAwait(false);
                        return FieldResult.Ended;
                    }

                    form.Values[Name] = accessKey;
                    form.Values.Remove(ExpiredKey);
                    if (await dialog.StatusAsync(form).ConfigureAwait(false) is not { } status)
                    {
                        form.Values[RestartKey] = true;
                        return FieldResult.Ended;
                    }

                    form.Lead = status;
                    return FieldResult.Accepted;

                case ReceiptCheckStatus.Limited:
                    await form.SendAsync(WhistleTexts.ReceiptLimited(check.RetryAfter ?? TimeSpan.FromMinutes(15)), cancellationToken).ConfigureAwait(false);
                    return FieldResult.Ended;

                default:
                    var wrong = (form.Scratch[Attempts]?.GetValue<int>() ?? 0) + 1;
                    form.Scratch[Attempts] = wrong;
                    if (wrong >= 3)
                    {
                        await form.SendAsync(WhistleTexts.ReceiptGiveUp, cancellationToken).ConfigureAwait(false);
                        return FieldResult.Ended;
                    }

                    return FieldResult.Rejected(Reply.FromText(WhistleTexts.ReceiptWrong, [new Choice(WhistleTexts.Cancel, "ยกเลิก")]));
            }
        }
    }

    /// <summary>A message to the officers, reached from the menu only; sent to the vault at once.</summary>
    private sealed class MessageField(WhistleFollowUpDialog dialog) : FormField(ReplyField, WhistleTexts.ReplyToStaff)
    {
        public override bool IsFilled(FormContext form) => true;

        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) => form.SendAsync(WhistleTexts.AskReply, cancellationToken);

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.Text is not { } text)
            {
                return FieldResult.Rejected();
            }

            if (!await dialog._vault.Current.ReplyAsReporterAsync(dialog.Access(form), text.Length <= WhistleblowDialog.MaxTextLength ? text : text[..WhistleblowDialog.MaxTextLength])
                .ConfigureAwait(false))
            {
                form.Values[RestartKey] = true;
                return FieldResult.Ended;
            }

            form.Lead = WhistleTexts.ReplySent;
            return FieldResult.Accepted;
        }
    }

    /// <summary>More photos or documents, reached from the menu only; each goes to the vault as it arrives, "ต่อไป" returns to the menu.</summary>
    private sealed class MoreEvidenceField(WhistleFollowUpDialog dialog, IProtectedEvidence evidence) : FormField(EvidenceField, WhistleTexts.AddEvidence)
    {
        public override bool IsFilled(FormContext form) => true;

        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(WhistleTexts.AskMoreEvidence, PhotoChoices()), cancellationToken);

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.Activity is { Kind: ActivityKind.Attachment, Attachment: { Kind: AttachmentKind.Image or AttachmentKind.File } file })
            {
                var received = await evidence.FromLineAsync(file.ContentId, cancellationToken).ConfigureAwait(false);
                if (received.Attachment is { } attachment && !await dialog._vault.Current.AddEvidenceAsReporterAsync(dialog.Access(form), attachment).ConfigureAwait(false))
                {
                    form.Values[RestartKey] = true;
                    return FieldResult.Ended;
                }

                await form.SendAsync(Reply.FromText(received.ThaiRefusal ?? WhistleTexts.EvidenceAdded, PhotoChoices()), cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            return form.PostbackData == NextData || NextWords.Contains(form.Said) ? FieldResult.Accepted : FieldResult.Rejected();
        }
    }
}
