using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Complaints;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;
using ItaBot.Vault;

namespace ItaBot.Whistleblowing;

/// <summary>
/// "ติดตามเบาะแส": the reporter types the receipt (from any LINE account) and then reads the status and the
/// officers' messages, answers, adds photos, or opts in to status notices. The receipt is checked once and never
/// kept: the vault's <see cref="ReporterAccess"/> handle stays in <see cref="WhistleSessions"/> (memory), the
/// conversation state holds only its random key. Every turn is protected (its inbox event redacted), and the state
/// is forgotten when the reporter is done.
/// </summary>
internal sealed class WhistleFollowUpDialog(Lazy<ProtectedReports> vaultFactory, WhistleSessions sessions, IProtectedEvidence evidence, TurnWrites writes, ProtectedCheckpoint checkpoint)
    : Dialog(DialogId)
{
    public const string DialogId = "whistleblow.follow";
    public const string StartData = "whistle:follow";

    public const string StatusData = "whistle:f=status";
    public const string ReplyData = "whistle:f=reply";
    public const string EvidenceData = "whistle:f=evidence";
    public const string NotifyOnData = "whistle:f=notify-on";
    public const string NotifyOffData = "whistle:f=notify-off";
    public const string DoneData = "whistle:f=done";
    public const string NextData = "whistle:f=next";

    public static readonly string[] Words = ["ติดตามเบาะแส", "ติดตามเรื่องทุจริต", "รหัสติดตาม"];

    private const string Stage = "stage";

    private ProtectedReports Vault => vaultFactory.Value;
    private const string AccessKey = "access";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        checkpoint.RequestWith(writes, dc.Context.Activity.ConversationId);
        dc.ActiveDialog!.State[Stage] = "receipt";
        await dc.Context.SendAsync(Reply.FromText(WhistleTexts.AskReceipt, [new Choice(WhistleTexts.Cancel, "ยกเลิก")]), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        checkpoint.RequestWith(writes, activity.ConversationId);
        var state = dc.ActiveDialog!.State;
        var stage = state[Stage]?.GetValue<string>() ?? "receipt";
        var data = activity.Kind == ActivityKind.Postback ? activity.PostbackData : null;
        var said = activity.Kind == ActivityKind.Message ? ThaiText.NormalizeAnswer(activity.Text) : string.Empty;

        if (stage == "receipt")
        {
            return await OnReceiptAsync(dc, state, activity, cancellationToken).ConfigureAwait(false);
        }

        if (sessions.Get<ReporterAccess>(state[AccessKey]?.GetValue<string>()) is not { } access)
        {
            return await AskReceiptAgainAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        switch (stage)
        {
            case "reply":
                if (activity.Kind != ActivityKind.Message || string.IsNullOrWhiteSpace(activity.Text))
                {
                    await dc.Context.SendTextAsync(WhistleTexts.AskReply, cancellationToken).ConfigureAwait(false);
                    return EndOfTurn;
                }

                var text = activity.Text.Trim();
                if (!await Vault.ReplyAsReporterAsync(access, text.Length <= WhistleblowDialog.MaxTextLength ? text : text[..WhistleblowDialog.MaxTextLength]).ConfigureAwait(false))
                {
                    return await AskReceiptAgainAsync(dc, state, cancellationToken).ConfigureAwait(false);
                }

                return await MenuAsync(dc, state, WhistleTexts.ReplySent, cancellationToken).ConfigureAwait(false);

            case "evidence":
                if (activity is { Kind: ActivityKind.Attachment, Attachment: { Kind: AttachmentKind.Image or AttachmentKind.File } image })
                {
                    var received = await evidence.FromLineAsync(image.ContentId, cancellationToken).ConfigureAwait(false);
                    if (received.Attachment is { } attachment && !await Vault.AddEvidenceAsReporterAsync(access, attachment).ConfigureAwait(false))
                    {
                        return await AskReceiptAgainAsync(dc, state, cancellationToken).ConfigureAwait(false);
                    }

                    await dc.Context.SendAsync(Reply.FromText(received.ThaiRefusal ?? WhistleTexts.EvidenceAdded, PhotoChoices()), cancellationToken).ConfigureAwait(false);
                    return EndOfTurn;
                }

                if (data == NextData || said is "ต่อไป" or "ครบแล้ว" or "พอแล้ว")
                {
                    return await MenuAsync(dc, state, WhistleTexts.FollowMenu, cancellationToken).ConfigureAwait(false);
                }

                await dc.Context.SendAsync(Reply.FromText(WhistleTexts.AskMoreEvidence, PhotoChoices()), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;

            default:
                return await OnMenuAsync(dc, state, access, data, said, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default) =>
        await dc.Context.SendAsync(instance.State[Stage]?.GetValue<string>() == "receipt"
            ? Reply.FromText(WhistleTexts.AskReceipt)
            : Reply.FromText(WhistleTexts.FollowMenu, MenuChoices()), cancellationToken).ConfigureAwait(false);

    /// <summary>Where wrong guesses come from, for the vault's limits: a hash of the LINE account, in memory only.</summary>
    public static string SourceToken(string userId) =>
        "line:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));

    private async Task<DialogTurnResult> OnReceiptAsync(DialogContext dc, JsonObject state, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Kind != ActivityKind.Message || string.IsNullOrWhiteSpace(activity.Text))
        {
            await dc.Context.SendTextAsync(WhistleTexts.AskReceipt, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        var check = await Vault.CheckReceiptAsync(activity.Text, SourceToken(activity.UserId), cancellationToken).ConfigureAwait(false);
        switch (check.Status)
        {
            case ReceiptCheckStatus.Accepted when check.Access is { } access:
                if (sessions.TryAdd(access) is not { } accessKey)
                {
                    Vault.EndAccess(access);
                    await dc.Context.SendTextAsync(WhistleTexts.Busy, cancellationToken).ConfigureAwait(false);
                    return await EndAsync(dc, state, cancellationToken).ConfigureAwait(false);
                }

                state[AccessKey] = accessKey;
                state.Remove("attempts");
                return await ShowStatusAsync(dc, state, access, cancellationToken).ConfigureAwait(false);

            case ReceiptCheckStatus.Limited:
                await dc.Context.SendTextAsync(WhistleTexts.ReceiptLimited(check.RetryAfter ?? TimeSpan.FromMinutes(15)), cancellationToken).ConfigureAwait(false);
                return await EndAsync(dc, state, cancellationToken).ConfigureAwait(false);

            default:
                var attempts = (state["attempts"]?.GetValue<int>() ?? 0) + 1;
                state["attempts"] = attempts;
                if (attempts >= 3)
                {
                    await dc.Context.SendTextAsync(WhistleTexts.ReceiptGiveUp, cancellationToken).ConfigureAwait(false);
                    return await EndAsync(dc, state, cancellationToken).ConfigureAwait(false);
                }

                await dc.Context.SendAsync(Reply.FromText(WhistleTexts.ReceiptWrong, [new Choice(WhistleTexts.Cancel, "ยกเลิก")]), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
        }
    }

    private async Task<DialogTurnResult> OnMenuAsync(DialogContext dc, JsonObject state, ReporterAccess access, string? data, string said, CancellationToken cancellationToken)
    {
        if (data == StatusData || said == ThaiText.NormalizeAnswer(WhistleTexts.ShowStatus))
        {
            return await ShowStatusAsync(dc, state, access, cancellationToken).ConfigureAwait(false);
        }

        if (data == ReplyData || said == ThaiText.NormalizeAnswer(WhistleTexts.ReplyToStaff))
        {
            state[Stage] = "reply";
            await dc.Context.SendTextAsync(WhistleTexts.AskReply, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (data == EvidenceData || said == ThaiText.NormalizeAnswer(WhistleTexts.AddEvidence))
        {
            state[Stage] = "evidence";
            await dc.Context.SendAsync(Reply.FromText(WhistleTexts.AskMoreEvidence, PhotoChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (data == NotifyOnData || data == NotifyOffData)
        {
            var on = data == NotifyOnData;
            if (!await Vault.SetNotifierAddressAsync(access, on ? dc.Context.Activity.UserId : null).ConfigureAwait(false))
            {
                return await AskReceiptAgainAsync(dc, state, cancellationToken).ConfigureAwait(false);
            }

            return await MenuAsync(dc, state, on ? WhistleTexts.NotifyOnDone : WhistleTexts.NotifyOffDone, cancellationToken).ConfigureAwait(false);
        }

        if (data == DoneData || said is "เสร็จแล้ว" or "จบ" or "พอแล้ว")
        {
            Vault.EndAccess(access);
            await dc.Context.SendTextAsync(WhistleTexts.FollowDone, cancellationToken).ConfigureAwait(false);
            return await EndAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        return await MenuAsync(dc, state, WhistleTexts.FollowMenu, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowStatusAsync(DialogContext dc, JsonObject state, ReporterAccess access, CancellationToken cancellationToken)
    {
        if (await Vault.ReadAsReporterAsync(access).ConfigureAwait(false) is not { } view)
        {
            return await AskReceiptAgainAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        return await MenuAsync(dc, state, Describe(view), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reporter's view in a few lines: number, status, deadline, the messages both ways, the files.</summary>
    public static string Describe(ReporterView view)
    {
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

    private static async Task<DialogTurnResult> MenuAsync(DialogContext dc, JsonObject state, string text, CancellationToken cancellationToken)
    {
        state[Stage] = "menu";
        await dc.Context.SendAsync(Reply.FromText(text, MenuChoices()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> AskReceiptAgainAsync(DialogContext dc, JsonObject state, CancellationToken cancellationToken)
    {
        sessions.Remove(state[AccessKey]?.GetValue<string>());
        state.Remove(AccessKey);
        state[Stage] = "receipt";
        await dc.Context.SendTextAsync(WhistleTexts.AccessExpired, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> EndAsync(DialogContext dc, JsonObject state, CancellationToken cancellationToken)
    {
        sessions.Remove(state[AccessKey]?.GetValue<string>());
        dc.State.Forget();
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<Choice> MenuChoices() =>
    [
        new Choice(WhistleTexts.ShowStatus, StatusData),
        new Choice(WhistleTexts.ReplyToStaff, ReplyData),
        new Choice(WhistleTexts.AddEvidence, EvidenceData),
        new Choice(WhistleTexts.NotifyOn, NotifyOnData),
        new Choice(WhistleTexts.NotifyOff, NotifyOffData),
        new Choice(WhistleTexts.Done, DoneData),
    ];

    private static IReadOnlyList<Choice> PhotoChoices() =>
        [Choice.Camera("📷 ถ่ายรูป"), Choice.PhotoLibrary("🖼 เลือกรูป"), new Choice(WhistleTexts.Next, NextData)];
}
