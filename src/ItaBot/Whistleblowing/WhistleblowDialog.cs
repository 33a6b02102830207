using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;
using ItaBot.Vault;

namespace ItaBot.Whistleblowing;

/// <summary>
/// "whistleblow": a corruption or misconduct report in LINE (issue 5, measure 8.1 and 8.2). An explanation of the
/// protection and of a useful report, consent, then one question per stage (officials, unit, what, when, where,
/// evidence photos, anonymous or contact, LINE status notices), a summary to confirm or edit, and the vault.
/// The draft lives in <see cref="WhistleSessions"/> (memory) and, sealed, in the vault after every answer (so a restart
/// loses nothing), never in the conversation state, which holds only the stage and the draft's random key. Every turn of the flow is marked protected, so its inbox event is redacted in the
/// turn's commit; on submit the conversation state is forgotten and the receipt is shown once.
/// </summary>
internal sealed class WhistleblowDialog(Lazy<ProtectedReports> vaultFactory, WhistleSessions sessions, IProtectedEvidence evidence, TurnWrites writes, ProtectedCheckpoint checkpoint,
    Notifications.ProtectedReportNotifications? notifications = null, PendingReceiptRelease? release = null)
    : Dialog(DialogId)
{
    public const string DialogId = "whistleblow";

    public const string ConsentData = "whistle:consent";
    public const string NextData = "whistle:next";
    public const string AnonymousData = "whistle:anonymous";
    public const string ContactData = "whistle:contact";
    public const string NotifyYesData = "whistle:notify=yes";
    public const string NotifyNoData = "whistle:notify=no";
    public const string SubmitData = "whistle:submit";
    public const string EditData = "whistle:edit";
    public const string EditPrefix = "whistle:edit=";

    public const int MaxPhotos = 5;
    public const int MaxTextLength = 3000;

    private const string Stage = "stage";

    private ProtectedReports Vault => vaultFactory.Value;
    private const string DraftKey = "draft";

    private static readonly HashSet<string> NextWords = new(StringComparer.Ordinal) { "ต่อไป", "ถัดไป", "ไม่มี", "ไม่มีรูป", "ข้าม", "ครบแล้ว", "พอแล้ว", "next" };
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal) { "ใช่", "ยืนยัน", "ส่ง", "ส่งเลย", "ตกลง", "ok", "yes", "ยินยอม" };

    private static readonly (string Label, string Field)[] EditFields =
        [("เจ้าหน้าที่", "officials"), ("หน่วยงาน", "unit"), ("เหตุการณ์", "what"), ("เมื่อไร", "when"), ("ที่ไหน", "where"), ("หลักฐาน", "evidence"), ("การติดต่อ", "identity")];

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        checkpoint.RequestWith(writes, dc.Context.Activity.ConversationId);
        var state = dc.ActiveDialog!.State;
        state[Stage] = "consent";
        if (options is WhistleStart start && !string.IsNullOrWhiteSpace(start.Text)
            && sessions.TryAdd(new WhistleDraft { WhatHappened = Clean(start.Text) }) is { } typedKey)
        {
            // A typed report: held with a draft in memory (only its key in the state); sealed in the vault once the reporter consents.
            state[DraftKey] = typedKey;
            await dc.Context.SendTextAsync(WhistleTexts.TypedReportHeld, cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendAsync(Reply.FromText(WhistleTexts.Intro, ConsentChoices()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        checkpoint.RequestWith(writes, activity.ConversationId);
        var state = dc.ActiveDialog!.State;
        var stage = state[Stage]?.GetValue<string>() ?? "consent";
        var data = activity.Kind == ActivityKind.Postback ? activity.PostbackData : null;
        var said = activity.Kind == ActivityKind.Message ? ThaiText.NormalizeAnswer(activity.Text) : string.Empty;
        var text = activity.Kind == ActivityKind.Message && !string.IsNullOrWhiteSpace(activity.Text) ? Clean(activity.Text) : null;

        if (stage == "consent")
        {
            if (data == ConsentData || said == ThaiText.NormalizeAnswer(WhistleTexts.Consent) || YesWords.Contains(said))
            {
                if (state[DraftKey]?.GetValue<string>() is { } typedKey && sessions.Get<WhistleDraft>(typedKey) is { } typed)
                {
                    // Started from a typed report: it is the first answer already, sealed in the vault from now on like every answer.
                    await SealDraftAsync(typedKey, typed, sweep: true).ConfigureAwait(false);
                    return await AskAsync(dc, state, "officials", cancellationToken).ConfigureAwait(false);
                }

                if (sessions.TryAdd(new WhistleDraft()) is not { } draftKey)
                {
                    // Too many drafts in memory at once: say so and keep nothing.
                    await dc.Context.SendTextAsync(WhistleTexts.Busy, cancellationToken).ConfigureAwait(false);
                    return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                state[DraftKey] = draftKey;
                await SealDraftAsync(draftKey, sessions.Get<WhistleDraft>(draftKey)!, sweep: true).ConfigureAwait(false);
                return await AskAsync(dc, state, "officials", cancellationToken).ConfigureAwait(false);
            }

            await dc.Context.SendAsync(Reply.FromText(WhistleTexts.ConsentAgain, ConsentChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (sessions.Get<Submission>(state[DraftKey]?.GetValue<string>()) is { } filed)
        {
            // This turn ran before and the vault has the report, but the turn's commit did not happen (a store failure,
            // a state conflict): answer the same way again instead of filing a second report.
            return await AnswerSubmittedAsync(dc, state, filed, cancellationToken).ConfigureAwait(false);
        }

        var key = state[DraftKey]?.GetValue<string>();
        if ((sessions.Get<WhistleDraft>(key) ?? await ReopenDraftAsync(key).ConfigureAwait(false)) is not { } draft)
        {
            if (stage == "summary" && await FindFiledAsync(state[DraftKey]?.GetValue<string>()).ConfigureAwait(false) is { } refiled)
            {
                // The vault filed it under this draft's key, the turn's commit never happened, and the memory is gone (a
                // restart): the vault kept the receipt sealed for exactly this retry.
                return await AnswerSubmittedAsync(dc, state, refiled, cancellationToken).ConfigureAwait(false);
            }

            // The service restarted or the draft expired: nothing was kept, start again.
            await dc.Context.SendTextAsync(dc.Texts.IdleTimeout, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var result = await OnStageAsync(dc, state, stage, draft, activity, data, said, text, cancellationToken).ConfigureAwait(false);
        if (ReferenceEquals(sessions.Get<WhistleDraft>(key), draft))
        {
            // Still a draft (not submitted, not cancelled): seal this turn's answer in the vault before the turn commits.
            await SealDraftAsync(key!, draft, sweep: false).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<DialogTurnResult> OnStageAsync(DialogContext dc, JsonObject state, string stage, WhistleDraft draft, Activity activity, string? data, string said,
        string? text, CancellationToken cancellationToken)
    {
        switch (stage)
        {
            case "officials" or "unit" or "what" or "when" or "where" or "name":
                if (text is null)
                {
                    await dc.Context.SendTextAsync(stage == "what" ? WhistleTexts.AskWhatAgain : WhistleTexts.AskTextAgain, cancellationToken).ConfigureAwait(false);
                    return EndOfTurn;
                }

                switch (stage)
                {
                    case "officials": draft.Officials = text; break;
                    case "unit": draft.Unit = text; break;
                    case "what": draft.WhatHappened = text; break;
                    case "when": draft.When = text; break;
                    case "where": draft.Where = text; break;
                    default: draft.Name = text; break;
                }

                var next = Editing(state) && stage != "name" ? "summary" : NextStage(stage);
                if (next == "what" && draft.WhatHappened is not null)
                {
                    // What happened was typed before the flow began.
                    next = NextStage(next);
                }

                return await AskAsync(dc, state, next, cancellationToken).ConfigureAwait(false);

            case "phone":
                draft.Phone = text is null || said is "ไม่ให้" or "ไม่มี" ? null : text;
                return await AskAsync(dc, state, Editing(state) ? "summary" : "notify", cancellationToken).ConfigureAwait(false);

            case "evidence":
                return await OnEvidenceAsync(dc, state, draft, activity, data, said, cancellationToken).ConfigureAwait(false);

            case "identity":
                if (data == ContactData || said == ThaiText.NormalizeAnswer(WhistleTexts.GiveContact))
                {
                    draft.GiveContact = true;
                    return await AskAsync(dc, state, "name", cancellationToken).ConfigureAwait(false);
                }

                if (data == AnonymousData || said == ThaiText.NormalizeAnswer(WhistleTexts.Anonymous))
                {
                    draft.GiveContact = false;
                    draft.Name = null;
                    draft.Phone = null;
                    return await AskAsync(dc, state, Editing(state) ? "summary" : "notify", cancellationToken).ConfigureAwait(false);
                }

                return await AskAsync(dc, state, "identity", cancellationToken).ConfigureAwait(false);

            case "notify":
                if (data == NotifyYesData || data == NotifyNoData || said == ThaiText.NormalizeAnswer(WhistleTexts.NotifyYes) || said == ThaiText.NormalizeAnswer(WhistleTexts.NotifyNo))
                {
                    draft.NotifyInLine = data == NotifyYesData || said == ThaiText.NormalizeAnswer(WhistleTexts.NotifyYes);
                    return await AskAsync(dc, state, "summary", cancellationToken).ConfigureAwait(false);
                }

                return await AskAsync(dc, state, "notify", cancellationToken).ConfigureAwait(false);

            case "summary":
                if (data == SubmitData || said == ThaiText.NormalizeAnswer(WhistleTexts.Submit) || YesWords.Contains(said))
                {
                    return await SubmitAsync(dc, state, draft, cancellationToken).ConfigureAwait(false);
                }

                if (data == EditData || said is "แก้ไข" or "แก้")
                {
                    state[Stage] = "edit";
                    await dc.Context.SendAsync(Reply.FromText(WhistleTexts.WhatToEdit, EditChoices()), cancellationToken).ConfigureAwait(false);
                    return EndOfTurn;
                }

                await dc.Context.SendAsync(Reply.FromText(WhistleTexts.ConfirmAgain, SummaryChoices()), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;

            case "edit":
                var field = data is not null && data.StartsWith(EditPrefix, StringComparison.Ordinal) ? data[EditPrefix.Length..]
                    : EditFields.FirstOrDefault(f => ThaiText.NormalizeAnswer(f.Label) == said).Field;
                if (field is null)
                {
                    await dc.Context.SendAsync(Reply.FromText(WhistleTexts.WhatToEdit, EditChoices()), cancellationToken).ConfigureAwait(false);
                    return EndOfTurn;
                }

                state["editing"] = true;
                if (field == "evidence")
                {
                    draft.Evidence.Clear();
                }

                return await AskAsync(dc, state, field, cancellationToken).ConfigureAwait(false);

            default:
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A flow cancelled or timed out takes its draft with it, from memory and from the vault.</summary>
    public override async Task EndDialogAsync(DialogContext dc, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        if (instance.State[DraftKey]?.GetValue<string>() is { } key && sessions.Get<Submission>(key) is null)
        {
            sessions.Remove(key);
            await VaultDraftAsync(v => v.DeleteDraftAsync(key)).ConfigureAwait(false);
        }
    }

    public override async Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var stage = instance.State[Stage]?.GetValue<string>() ?? "consent";
        var draft = sessions.Get<WhistleDraft>(instance.State[DraftKey]?.GetValue<string>());
        await dc.Context.SendAsync(Question(stage, draft), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> OnEvidenceAsync(DialogContext dc, JsonObject state, WhistleDraft draft, Activity activity, string? data, string said,
        CancellationToken cancellationToken)
    {
        if (activity is { Kind: ActivityKind.Attachment, Attachment: { Kind: AttachmentKind.Image or AttachmentKind.File } image })
        {
            if (draft.Evidence.Count >= MaxPhotos)
            {
                await dc.Context.SendAsync(Reply.FromText(WhistleTexts.TooManyPhotos, PhotoChoices()), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            }

            var received = await evidence.FromLineAsync(image.ContentId, cancellationToken).ConfigureAwait(false);
            if (received.Attachment is { } attachment)
            {
                draft.Evidence.Add(attachment);
            }

            await dc.Context.SendAsync(Reply.FromText(received.ThaiRefusal ?? WhistleTexts.EvidenceReceived(draft.Evidence.Count), PhotoChoices()), cancellationToken)
                .ConfigureAwait(false);
            return EndOfTurn;
        }

        if (data == NextData || NextWords.Contains(said))
        {
            return await AskAsync(dc, state, Editing(state) ? "summary" : "identity", cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendAsync(Reply.FromText(WhistleTexts.EvidenceOnlyPhotos, PhotoChoices()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> SubmitAsync(DialogContext dc, JsonObject state, WhistleDraft draft, CancellationToken cancellationToken)
    {
        var activity = dc.Context.Activity;
        var report = new NewReport(
            ReportChannel.Line,
            new ReportContent(draft.WhatHappened ?? "-", draft.Officials, draft.Unit, draft.When, draft.Where,
                draft.Evidence.Count == 0 ? null : Evidence(draft)),
            draft.GiveContact && (draft.Name is not null || draft.Phone is not null) ? new ReporterIdentity(draft.Name, draft.Phone) : null,
            draft.Evidence,
            draft.NotifyInLine ? activity.UserId : null);
        Submission submission;
        try
        {
            // Once per draft key: the key is in the committed conversation state, so even a retry after a restart files nothing twice.
            submission = await Vault.SubmitOnceAsync(report, state[DraftKey]!.GetValue<string>()).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The vault is not configured (no key) or refused: keep the draft in memory and say so; nothing is filed.
            await dc.Context.SendAsync(Reply.FromText(WhistleTexts.SubmitFailed, SummaryChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        // The draft gives way to the submission (memory only, expires with the session): if this turn has to run again,
        // it repeats this answer rather than filing the report twice. The vault's sealed draft is no longer needed.
        sessions.Set(state[DraftKey]!.GetValue<string>(), submission);
        await VaultDraftAsync(v => v.DeleteDraftAsync(state[DraftKey]!.GetValue<string>())).ConfigureAwait(false);
        if (notifications is not null)
        {
            // Integrity officers hear of it in the turn's commit: a fixed sentence and a link, nothing of the report.
            writes.Add(activity.ConversationId, notifications.Write(submission.ReportId));
        }

        return await AnswerSubmittedAsync(dc, state, submission, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AnswerSubmittedAsync(DialogContext dc, JsonObject state, Submission submission, CancellationToken cancellationToken)
    {
        // The receipt goes out in this turn's answer only: the outbox drops the messages once LINE accepted them. Once this
        // turn is committed the outbox holds the answer, and the vault wipes its sealed copy of the receipt.
        await dc.Context.SendAsync(Reply.FromText(WhistleTexts.Submitted(submission.Number, submission.Receipt)), cancellationToken).ConfigureAwait(false);
        if (release is not null && state[DraftKey]?.GetValue<string>() is { } draftKey)
        {
            writes.Add(dc.Context.Activity.ConversationId, release.AfterCommit(dc.Context.Activity.ConversationId, draftKey, submission.ReportId));
        }

        state.Remove(DraftKey);
        dc.State.Forget();
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskAsync(DialogContext dc, JsonObject state, string stage, CancellationToken cancellationToken)
    {
        state[Stage] = stage;
        if (stage == "summary")
        {
            state.Remove("editing");
        }

        await dc.Context.SendAsync(Question(stage, sessions.Get<WhistleDraft>(state[DraftKey]?.GetValue<string>())), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private static Reply Question(string stage, WhistleDraft? draft) => stage switch
    {
        "consent" => Reply.FromText(WhistleTexts.Intro, ConsentChoices()),
        "officials" => WhistleTexts.AskOfficials,
        "unit" => WhistleTexts.AskUnit,
        "what" => WhistleTexts.AskWhat,
        "when" => WhistleTexts.AskWhen,
        "where" => WhistleTexts.AskWhere,
        "evidence" => Reply.FromText(WhistleTexts.AskEvidence, PhotoChoices()),
        "identity" => Reply.FromText(WhistleTexts.AskIdentity, [new Choice(WhistleTexts.Anonymous, AnonymousData), new Choice(WhistleTexts.GiveContact, ContactData)]),
        "name" => WhistleTexts.AskName,
        "phone" => WhistleTexts.AskPhone,
        "notify" => Reply.FromText(WhistleTexts.AskNotify, [new Choice(WhistleTexts.NotifyYes, NotifyYesData), new Choice(WhistleTexts.NotifyNo, NotifyNoData)]),
        _ => Summary(draft),
    };

    private static Reply Summary(WhistleDraft? draft)
    {
        draft ??= new WhistleDraft();
        var text = new StringBuilder()
            .AppendLine(WhistleTexts.SummaryTitle)
            .Append("• เจ้าหน้าที่: ").AppendLine(draft.Officials ?? "-")
            .Append("• หน่วยงาน: ").AppendLine(draft.Unit ?? "-")
            .Append("• เหตุการณ์: ").AppendLine(draft.WhatHappened ?? "-")
            .Append("• เมื่อไร: ").AppendLine(draft.When ?? "-")
            .Append("• ที่ไหน: ").AppendLine(draft.Where ?? "-")
            .Append("• หลักฐาน: ").AppendLine(Evidence(draft))
            .Append("• ผู้แจ้ง: ").AppendLine(draft.GiveContact ? $"ให้ข้อมูลติดต่อ ({draft.Name ?? "-"}{(draft.Phone is null ? string.Empty : ", " + draft.Phone)})" : "ไม่ระบุตัวตน")
            .Append("• แจ้งสถานะทาง LINE: ").Append(draft.NotifyInLine ? "ใช่" : "ไม่")
            .ToString();
        return Reply.FromText(text, SummaryChoices());
    }

    private static string NextStage(string stage) => stage switch
    {
        "officials" => "unit",
        "unit" => "what",
        "what" => "when",
        "when" => "where",
        "where" => "evidence",
        "name" => "phone",
        _ => "summary",
    };

    private static bool Editing(JsonObject state) => state["editing"] is not null;

    private static string Evidence(WhistleDraft draft)
    {
        var photos = draft.Evidence.Count(a => a.ContentType.StartsWith("image/", StringComparison.Ordinal));
        return WhistleTexts.DescribeEvidence(photos, draft.Evidence.Count - photos);
    }

    /// <summary>Seals the draft in the vault; with <paramref name="sweep"/>, drafts abandoned longer than the session lifetime go first.</summary>
    private Task SealDraftAsync(string key, WhistleDraft draft, bool sweep) => VaultDraftAsync(async v =>
    {
        if (sweep)
        {
            await v.DeleteStaleDraftsAsync(sessions.Lifetime).ConfigureAwait(false);
        }

        await v.SaveDraftAsync(key, draft.ToBytes(), draft.Evidence).ConfigureAwait(false);
        return true;
    });

    /// <summary>The draft sealed in the vault under this key (after a restart), back in memory; null when none or expired.</summary>
    private async Task<WhistleDraft?> ReopenDraftAsync(string? key)
    {
        if (key is null)
        {
            return null;
        }

        WhistleDraft? draft = null;
        await VaultDraftAsync(async v =>
        {
            if (await v.OpenDraftAsync(key, sessions.Lifetime).ConfigureAwait(false) is { } opened)
            {
                draft = WhistleDraft.FromBytes(opened.Content.Span, opened.Evidence);
                sessions.Set(key, draft);
            }

            return true;
        }).ConfigureAwait(false);
        return draft;
    }

    /// <summary>Runs a draft operation on the vault; without a configured vault (no key) drafts stay in memory only, as before.</summary>
    private async Task VaultDraftAsync<T>(Func<ProtectedReports, Task<T>> operation)
    {
        try
        {
            await operation(Vault).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>A submission the vault keeps pending under this draft key (null when none, or the vault is not configured).</summary>
    private async Task<Submission?> FindFiledAsync(string? draftKey)
    {
        if (draftKey is null)
        {
            return null;
        }

        try
        {
            return await Vault.FindPendingSubmissionAsync(draftKey).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Clean(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxTextLength ? trimmed : trimmed[..MaxTextLength];
    }

    private static IReadOnlyList<Choice> ConsentChoices() =>
        [new Choice(WhistleTexts.Consent, ConsentData), new Choice(WhistleTexts.Cancel, "ยกเลิก")];

    private static IReadOnlyList<Choice> PhotoChoices() =>
        [Choice.Camera("📷 ถ่ายรูป"), Choice.PhotoLibrary("🖼 เลือกรูป"), new Choice(WhistleTexts.Next, NextData, ["ไม่มีรูป", "ข้าม"])];

    private static IReadOnlyList<Choice> SummaryChoices() =>
        [new Choice(WhistleTexts.Submit, SubmitData), new Choice(WhistleTexts.Edit, EditData), new Choice(WhistleTexts.Cancel, "ยกเลิก")];

    private static IReadOnlyList<Choice> EditChoices() => [.. EditFields.Select(f => new Choice(f.Label, EditPrefix + f.Field))];
}
