using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Forms;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;
using ItaBot.Vault;

namespace ItaBot.Whistleblowing;

/// <summary>
/// "whistleblow": a corruption or misconduct report in LINE (issue 5, measure 8.1 and 8.2), as a form. The protection
/// and what makes a useful report are explained and consented to first; then one field per question (officials, unit,
/// what, when, where, evidence, anonymous or contact, LINE status notices), a summary that can jump back to any field,
/// and the vault. The answers live in a <see cref="WhistleDraft"/> in <see cref="WhistleSessions"/> (memory) and, sealed,
/// in the vault after every answer (a restart loses nothing), never in the conversation state, which holds only the
/// form's place and the draft's random key. Every turn of the flow is marked protected, so its inbox event is redacted
/// in the turn's commit; on submit the conversation state is forgotten and the receipt is shown once. Started with
/// <see cref="WhistleStart"/> (a typed report), the typed text is the report's first answer (what happened).
/// </summary>
internal sealed class WhistleblowDialog : FormDialog
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

    private const string DraftKey = "draft";
    private const string ConsentKey = "consent";

    private static readonly HashSet<string> NextWords = new(StringComparer.Ordinal) { "ต่อไป", "ถัดไป", "ไม่มี", "ไม่มีรูป", "ข้าม", "ครบแล้ว", "พอแล้ว", "next" };
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal) { "ใช่", "ยืนยัน", "ส่ง", "ส่งเลย", "ตกลง", "ok", "yes", "ยินยอม" };

    private readonly AgencyVaults _vault;
    private readonly WhistleSessions _sessions;
    private readonly TurnWrites _writes;
    private readonly Notifications.ProtectedReportNotifications? _notifications;
    private readonly PendingReceiptRelease? _release;

    public WhistleblowDialog(AgencyVaults vault, WhistleSessions sessions, IProtectedEvidence evidence, TurnWrites writes,
        Notifications.ProtectedReportNotifications? notifications = null, PendingReceiptRelease? release = null)
        : base(DialogId)
    {
        _vault = vault;
        _sessions = sessions;
        _writes = writes;
        _notifications = notifications;
        _release = release;
        AddField(Text("officials", "เจ้าหน้าที่", WhistleTexts.AskOfficials));
        AddField(Text("unit", "หน่วยงาน", WhistleTexts.AskUnit));
        AddField(Text("what", "เหตุการณ์", WhistleTexts.AskWhat, WhistleTexts.AskWhatAgain));
        AddField(Text("when", "เมื่อไร", WhistleTexts.AskWhen));
        AddField(Text("where", "ที่ไหน", WhistleTexts.AskWhere));
        AddField(new EvidenceField(Draft, evidence));
        AddField(new IdentityField());
        AddField(new ChoiceField("notices", "แจ้งสถานะทาง LINE", _ => WhistleTexts.AskNotify,
            _ => [new Choice(WhistleTexts.NotifyYes, NotifyYesData), new Choice(WhistleTexts.NotifyNo, NotifyNoData)]));
    }

    protected override FormSummaryChoices SummaryChoices { get; } = new()
    {
        Submit = new Choice(WhistleTexts.Submit, SubmitData),
        Edit = new Choice(WhistleTexts.Edit, EditData),
        Other = new Choice(WhistleTexts.Cancel, "ยกเลิก"),
        EditPrefix = EditPrefix,
        SubmitWords = YesWords,
        ConfirmAgain = WhistleTexts.ConfirmAgain,
        WhatToEdit = WhistleTexts.WhatToEdit,
    };

    /// <summary>The explanation and consent come before the form; a typed report is held in memory (only its key in the state) until then.</summary>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        _writes.Protect(dc.Context.Activity.ConversationId);
        var state = dc.ActiveDialog!.State;
        state[ConsentKey] = true;
        if (options is WhistleStart start && !string.IsNullOrWhiteSpace(start.Text)
            && new WhistleDraft { Values = new JsonObject { ["what"] = Clean(start.Text) } } is var typed
            && _sessions.TryAdd(typed) is { } typedKey)
        {
            state[DraftKey] = typedKey;
            if (_sessions.Shared)
            {
                // The consent may be answered on another node: the typed text waits sealed in the vault, not in this memory.
                await SealDraftAsync(typedKey, typed).ConfigureAwait(false);
            }

            await dc.Context.SendTextAsync(WhistleTexts.TypedReportHeld, cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendAsync(Reply.FromText(WhistleTexts.Intro, ConsentChoices()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        _writes.Protect(dc.Context.Activity.ConversationId);
        var state = dc.ActiveDialog!.State;
        if (state[ConsentKey] is not null)
        {
            return await OnConsentAnswerAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        if (_sessions.Get<Submission>(Key(state)) is { } filed)
        {
            // This turn ran before and the vault has the report, but the turn's commit did not happen (a store failure,
            // a state conflict): answer the same way again instead of filing a second report.
            return await AnswerSubmittedAsync(dc, state, filed, cancellationToken).ConfigureAwait(false);
        }

        return await base.ContinueDialogAsync(dc, cancellationToken).ConfigureAwait(false);
    }

    public override async Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.State[ConsentKey] is not null)
        {
            await dc.Context.SendAsync(Reply.FromText(WhistleTexts.Intro, ConsentChoices()), cancellationToken).ConfigureAwait(false);
            return;
        }

        await base.RepromptDialogAsync(dc, instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A flow cancelled or timed out takes its draft with it, from memory and from the vault.</summary>
    public override async Task EndDialogAsync(DialogContext dc, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (Key(instance.State) is { } key && _sessions.Get<Submission>(key) is null)
        {
            _sessions.Remove(key);
            await VaultDraftAsync(v => v.DeleteDraftAsync(key)).ConfigureAwait(false);
        }
    }

    /// <summary>The answers are the draft's, in memory or (after a restart) opened from the vault; never in <paramref name="formState"/>.</summary>
    protected override async Task<JsonObject?> LoadValuesAsync(DialogContext dc, JsonObject formState, CancellationToken cancellationToken) =>
        (await DraftAsync(Key(formState)).ConfigureAwait(false))?.Values;

    /// <summary>Every answer is sealed in the vault before the turn commits.</summary>
    protected override async Task SaveValuesAsync(DialogContext dc, JsonObject formState, JsonObject values, CancellationToken cancellationToken)
    {
        if (Key(formState) is { } key && _sessions.Get<WhistleDraft>(key) is { } draft)
        {
            draft.Values = values;
            await SealDraftAsync(key, draft).ConfigureAwait(false);
        }
    }

    protected override async Task<DialogTurnResult> OnValuesLostAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.ActiveDialog!.State;
        if (await FindFiledAsync(Key(state)).ConfigureAwait(false) is { } refiled)
        {
            // The vault filed it under this draft's key, the turn's commit never happened, and the memory is gone (a
            // restart): the vault kept the receipt sealed for exactly this retry.
            return await AnswerSubmittedAsync(dc, state, refiled, cancellationToken).ConfigureAwait(false);
        }

        // The draft expired (or was never sealed): nothing was kept, start again.
        return await base.OnValuesLostAsync(dc, cancellationToken).ConfigureAwait(false);
    }

    protected override string SummaryText(FormContext form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var v = form.Values;
        var contact = Str(v, "identity") == "contact";
        return new StringBuilder()
            .AppendLine(WhistleTexts.SummaryTitle)
            .Append("• เจ้าหน้าที่: ").AppendLine(Str(v, "officials") ?? "-")
            .Append("• หน่วยงาน: ").AppendLine(Str(v, "unit") ?? "-")
            .Append("• เหตุการณ์: ").AppendLine(Str(v, "what") ?? "-")
            .Append("• เมื่อไร: ").AppendLine(Str(v, "when") ?? "-")
            .Append("• ที่ไหน: ").AppendLine(Str(v, "where") ?? "-")
            .Append("• หลักฐาน: ").AppendLine(Evidence(Draft(form)))
            .Append("• ผู้แจ้ง: ").AppendLine(contact ? $"ให้ข้อมูลติดต่อ ({Str(v, "name") ?? "-"}{(Str(v, "phone") is { } phone ? ", " + phone : string.Empty)})" : "ไม่ระบุตัวตน")
            .Append("• แจ้งสถานะทาง LINE: ").Append(Str(v, "notices") == NotifyYesData ? "ใช่" : "ไม่")
            .ToString();
    }

    protected override async Task<DialogTurnResult> OnConfirmedAsync(FormContext form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var dc = form.Dialog;
        var state = dc.ActiveDialog!.State;
        var key = Key(state)!;
        var v = form.Values;
        var draft = Draft(form);
        var report = new NewReport(
            ReportChannel.Line,
            new ReportContent(Str(v, "what") ?? "-", Str(v, "officials"), Str(v, "unit"), Str(v, "when"), Str(v, "where"),
                draft.Evidence.Count == 0 ? null : Evidence(draft)),
            Str(v, "identity") == "contact" && (Str(v, "name") is not null || Str(v, "phone") is not null) ? new ReporterIdentity(Str(v, "name"), Str(v, "phone")) : null,
            draft.Evidence,
            Str(v, "notices") == NotifyYesData ? form.Activity.UserId : null);
        Submission submission;
        try
        {
            // Once per draft key: the key is in the committed conversation state, so even a retry after a restart files nothing twice.
            submission = await _vault.Current.SubmitOnceAsync(report, key).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The vault is not configured (no key) or refused: keep the draft and say so; nothing is filed, the summary stays.
            await form.SendAsync(Reply.FromText(WhistleTexts.SubmitFailed, SummaryButtons()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        // The draft gives way to the submission (memory only, expires with the session): if this turn has to run again,
        // it repeats this answer rather than filing the report twice. The vault's sealed draft is no longer needed.
        _sessions.Set(key, submission);
        await VaultDraftAsync(v => v.DeleteDraftAsync(key)).ConfigureAwait(false);
        if (_notifications is not null)
        {
            // Integrity officers hear of it in the turn's commit: a fixed sentence and a link, nothing of the report.
            _writes.Add(form.Activity.ConversationId, _notifications.Write(submission.ReportId));
        }

        return await AnswerSubmittedAsync(dc, state, submission, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> OnConsentAnswerAsync(DialogContext dc, JsonObject state, CancellationToken cancellationToken)
    {
        var activity = dc.Context.Activity;
        var said = activity.Kind == ActivityKind.Message ? ThaiText.NormalizeAnswer(activity.Text) : string.Empty;
        if (!(activity.Kind == ActivityKind.Postback && activity.PostbackData == ConsentData) && said != ThaiText.NormalizeAnswer(WhistleTexts.Consent) && !YesWords.Contains(said))
        {
            await dc.Context.SendAsync(Reply.FromText(WhistleTexts.ConsentAgain, ConsentChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (await DraftAsync(Key(state)).ConfigureAwait(false) is not { } draft)
        {
            draft = new WhistleDraft();
            if (_sessions.TryAdd(draft) is not { } key)
            {
                // Too many drafts in memory at once: say so and keep nothing.
                await dc.Context.SendTextAsync(WhistleTexts.Busy, cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            state[DraftKey] = key;
        }

        // The form begins: a typed report's text is its first answer, sealed in the vault from now on like every answer.
        state.Remove(ConsentKey);
        return await base.BeginDialogAsync(dc, new FormOptions { Values = draft.Values }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AnswerSubmittedAsync(DialogContext dc, JsonObject state, Submission submission, CancellationToken cancellationToken)
    {
        // The receipt goes out in this turn's answer only: the outbox drops the messages once LINE accepted them. Once this
        // turn is committed the outbox holds the answer, and the vault wipes its sealed copy of the receipt.
        await dc.Context.SendAsync(Reply.FromText(WhistleTexts.Submitted(submission.Number, submission.Receipt)), cancellationToken).ConfigureAwait(false);
        if (_release is not null && Key(state) is { } draftKey)
        {
            _writes.Add(dc.Context.Activity.ConversationId, _release.AfterCommit(dc.Context.Activity.ConversationId, draftKey, submission.ReportId));
        }

        state.Remove(DraftKey);
        dc.State.Forget();
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string? Key(JsonObject state) => state[DraftKey]?.GetValue<string>();

    private static string? Str(JsonObject values, string name) => values[name]?.GetValue<string>();

    /// <summary>This turn's draft: <see cref="LoadValuesAsync"/> has put it in memory before any field runs.</summary>
    private WhistleDraft Draft(FormContext form) =>
        _sessions.Get<WhistleDraft>(Key(form.Dialog.ActiveDialog!.State)) ?? throw new InvalidOperationException("The form's draft is not in memory.");

    /// <summary>The draft: from memory, or the vault when none is here; with several nodes always the vault's (the last turn may have run elsewhere).</summary>
    private async Task<WhistleDraft?> DraftAsync(string? key) => _sessions.Shared
        ? await ReopenDraftAsync(key).ConfigureAwait(false) ?? _sessions.Get<WhistleDraft>(key)
        : _sessions.Get<WhistleDraft>(key) ?? await ReopenDraftAsync(key).ConfigureAwait(false);

    private static string Evidence(WhistleDraft draft)
    {
        var photos = draft.Evidence.Count(a => a.ContentType.StartsWith("image/", StringComparison.Ordinal));
        return WhistleTexts.DescribeEvidence(photos, draft.Evidence.Count - photos);
    }

    /// <summary>Seals the draft in the vault; the first seal sweeps drafts abandoned longer than the session lifetime.</summary>
    private Task SealDraftAsync(string key, WhistleDraft draft) => VaultDraftAsync(async v =>
    {
        if (!draft.Sealed)
        {
            await v.DeleteStaleDraftsAsync(_sessions.Lifetime).ConfigureAwait(false);
        }

        await v.SaveDraftAsync(key, draft.ToBytes(), draft.Evidence).ConfigureAwait(false);
        draft.Sealed = true;
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
            if (await v.OpenDraftAsync(key, _sessions.Lifetime).ConfigureAwait(false) is { } opened)
            {
                draft = WhistleDraft.FromBytes(opened.Content.Span, opened.Evidence);
                _sessions.Set(key, draft);
            }

            return true;
        }).ConfigureAwait(false);
        return draft;
    }

    /// <summary>Runs a draft operation on the vault; without a configured vault (no key) drafts stay in memory only.</summary>
    private async Task VaultDraftAsync<T>(Func<ProtectedReports, Task<T>> operation)
    {
        try
        {
            await operation(_vault.Current).ConfigureAwait(false);
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
            return await _vault.Current.FindPendingSubmissionAsync(draftKey).ConfigureAwait(false);
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

    private static TextField Text(string name, string label, string ask, string retry = WhistleTexts.AskTextAgain) =>
        new(name, label, _ => ask, (_, text) => Clean(text), _ => retry);

    private static IReadOnlyList<Choice> ConsentChoices() =>
        [new Choice(WhistleTexts.Consent, ConsentData), new Choice(WhistleTexts.Cancel, "ยกเลิก")];

    private static IReadOnlyList<Choice> PhotoChoices() =>
        [Choice.Camera(WhistleTexts.TakePhoto), Choice.PhotoLibrary(WhistleTexts.ChoosePhoto), new Choice(WhistleTexts.Next, NextData, ["ไม่มีรูป", "ข้าม"])];

    /// <summary>Photos and documents, several: each is received (checked, a viewing copy stripped) as it arrives and kept with the draft; "ต่อไป" ends the step.</summary>
    private sealed class EvidenceField(Func<FormContext, WhistleDraft> draftOf, IProtectedEvidence evidence) : FormField("evidence", "หลักฐาน")
    {
        public override void BeginEdit(FormContext form)
        {
            draftOf(form).Evidence.Clear();
            form.Values.Remove(Name);
        }

        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(WhistleTexts.AskEvidence, PhotoChoices()), cancellationToken);

        public override Task RetryAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(WhistleTexts.EvidenceOnlyPhotos, PhotoChoices()), cancellationToken);

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.Activity is { Kind: ActivityKind.Attachment, Attachment: { Kind: AttachmentKind.Image or AttachmentKind.File } file })
            {
                var draft = draftOf(form);
                if (draft.Evidence.Count >= MaxPhotos)
                {
                    await form.SendAsync(Reply.FromText(WhistleTexts.TooManyPhotos, PhotoChoices()), cancellationToken).ConfigureAwait(false);
                    return FieldResult.Waiting;
                }

                var received = await evidence.FromLineAsync(file.ContentId, cancellationToken).ConfigureAwait(false);
                if (received.Attachment is { } attachment)
                {
                    draft.Evidence.Add(attachment);
                }

                await form.SendAsync(Reply.FromText(received.ThaiRefusal ?? WhistleTexts.EvidenceReceived(draft.Evidence.Count), PhotoChoices()), cancellationToken)
                    .ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            if (form.PostbackData == NextData || NextWords.Contains(form.Said))
            {
                form.Values[Name] = true;
                return FieldResult.Accepted;
            }

            return FieldResult.Rejected();
        }
    }

    /// <summary>Anonymous, or a name and a phone number (asked one after the other; the phone may be refused).</summary>
    private sealed class IdentityField() : FormField("identity", "การติดต่อ")
    {
        private const string Asking = "asking";

        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(WhistleTexts.AskIdentity, [new Choice(WhistleTexts.Anonymous, AnonymousData), new Choice(WhistleTexts.GiveContact, ContactData)]),
                cancellationToken);

        public override Task RepromptAsync(FormContext form, CancellationToken cancellationToken) => form.Scratch[Asking]?.GetValue<string>() switch
        {
            "name" => form.SendAsync(WhistleTexts.AskName, cancellationToken),
            "phone" => form.SendAsync(WhistleTexts.AskPhone, cancellationToken),
            _ => AskAsync(form, cancellationToken),
        };

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            switch (form.Scratch[Asking]?.GetValue<string>())
            {
                case "name":
                    if (form.Text is not { } name)
                    {
                        return FieldResult.Rejected(WhistleTexts.AskTextAgain);
                    }

                    form.Values["name"] = Clean(name);
                    form.Scratch[Asking] = "phone";
                    await form.SendAsync(WhistleTexts.AskPhone, cancellationToken).ConfigureAwait(false);
                    return FieldResult.Waiting;

                case "phone":
                    form.Values["phone"] = form.Text is null || form.Said is "ไม่ให้" or "ไม่มี" ? null : Clean(form.Text);
                    form.Values[Name] = "contact";
                    return FieldResult.Accepted;
            }

            if (form.PostbackData == ContactData || form.Said == ThaiText.NormalizeAnswer(WhistleTexts.GiveContact))
            {
                form.Scratch[Asking] = "name";
                await form.SendAsync(WhistleTexts.AskName, cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            if (form.PostbackData == AnonymousData || form.Said == ThaiText.NormalizeAnswer(WhistleTexts.Anonymous))
            {
                form.Values[Name] = "anonymous";
                form.Values.Remove("name");
                form.Values.Remove("phone");
                return FieldResult.Accepted;
            }

            return FieldResult.Rejected();
        }
    }
}
