using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;
using ItaBot.Storage;

namespace ItaBot.QandA;

/// <summary>The Q&amp;A slice's dialogs: "qa" (menu tap: ask for a question) and "qa.answer" (answer one), and taps on answers' quick replies.</summary>
internal sealed class QaFeature(QaMatcher matcher, IQaStore store, TurnWrites writes, TimeProvider time) : IDialogFeature
{
    public void Register(DialogManager manager)
    {
        var answer = new QaAnswerDialog(matcher, store, writes, time);
        manager.Dialogs.Add(answer);
        manager.Dialogs.Add(new TextPrompt(QaAskDialog.PromptId));
        manager.Dialogs.Add(new QaAskDialog());
        manager.Interruptions.Add(new QaTapInterruption(answer));
    }
}

/// <summary>"qa": the menu's ถามตอบ. Asks for the question, waits for text (a sticker or photo is asked again), then answers it.</summary>
internal sealed class QaAskDialog : WaterfallDialog
{
    public new const string Id = "qa";
    public const string PromptId = "qa.question";
    public const string Ask = "พิมพ์คำถามได้เลยค่ะ";
    public const string AskAgain = "รบกวนพิมพ์คำถามเป็นข้อความนะคะ 😊 เช่น \"แจ้งเกิดใช้เอกสารอะไร\"";

    public QaAskDialog()
        : base(Id)
    {
        AddStep((step, ct) => step.PromptAsync(PromptId, new PromptOptions { Prompt = Ask, RetryPrompt = AskAgain }, ct));
        AddStep((step, ct) => step.ReplaceDialogAsync(MainDialog.FreeTextDialog(step) ?? QaAnswerDialog.DialogId, step.ResultAs<string>(), ct));
    }
}

/// <summary>
/// "qa.answer" (options: the question). Answers directly when sure, offers the top three when in between, and
/// otherwise says so honestly and offers to pass the question to staff. Every outcome goes to the Q&amp;A log in the
/// turn's commit.
/// </summary>
internal sealed class QaAnswerDialog(QaMatcher matcher, IQaStore store, TurnWrites writes, TimeProvider time) : Dialog(DialogId)
{
    public const string DialogId = MainDialog.QuestionDialogId;
    public const string OfferText = "หมายถึงเรื่องนี้ใช่ไหมคะ";
    public const string NoneOfThese = "ไม่ใช่ทั้งหมด";
    public const string NoneData = "qa:none";
    public const string HandoverYesData = "qa:handover:yes";
    public const string HandoverNoData = "qa:handover:no";
    public const string CannotAnswer = "ยังตอบเรื่องนี้ไม่ได้ค่ะ 🙏 ส่งคำถามนี้ให้เจ้าหน้าที่ช่วยตอบไหมคะ";
    public const string HandedOver = "ส่งคำถามให้เจ้าหน้าที่แล้วค่ะ เจ้าหน้าที่จะตอบกลับในแชทนี้ในเวลาราชการ ภายใน 1 วันทำการค่ะ";
    public const string NotHandedOver = "ได้เลยค่ะ ถามเรื่องอื่นหรือกดเมนูได้ตลอดนะคะ";
    public const string PleaseType = "ส่งคำถามเป็นข้อความได้เลยนะคะ 😊 เช่น \"ค่าขยะเดือนละเท่าไร\"";
    public const string PickOrType = "รบกวนเลือกจากตัวเลือกด้านล่าง หรือพิมพ์คำถามใหม่ได้เลยค่ะ";
    public const string ConfirmAgain = "ส่งคำถามให้เจ้าหน้าที่ไหมคะ กด \"ส่งให้เจ้าหน้าที่\" หรือ \"ไม่เป็นไร\" ได้เลยค่ะ";
    public const string Greeting = "สวัสดีค่ะ 😊 พิมพ์คำถามได้เลย หรือเลือกจากเมนูค่ะ";

    /// <summary>The same question again within this time is answered again but logged once.</summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(60);

    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal) { "ใช่", "ส่ง", "ส่งเลย", "ได้", "ตกลง", "โอเค", "ok", "yes", "เอา", "ส่งให้เจ้าหน้าที่" };
    private static readonly HashSet<string> NoWords = new(StringComparer.Ordinal) { "ไม่", "ไม่ใช่", "ไม่ต้อง", "ไม่เอา", "ไม่เป็นไร", "no" };

    private static IReadOnlyList<Choice> HandoverChoices { get; } =
        [new Choice("ส่งให้เจ้าหน้าที่", HandoverYesData), new Choice("ไม่เป็นไร", HandoverNoData), QaAnswers.MenuChoice];

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var question = Cap((options as QaQuestion)?.Text ?? options as string ?? (options as JsonNode)?.GetValue<string>() ?? dc.Context.Activity.Text ?? string.Empty);
        var decision = matcher.Match(question, options is QaQuestion { Sure: true });
        var firstTime = IsNewQuestion(dc, question, out var thread);
        var state = dc.ActiveDialog!.State;
        state["question"] = question;
        state["thread"] = thread;
        switch (decision.Kind)
        {
            case QaDecisionKind.Empty:
                var greeting = ThaiNormalizer.Normalize(question).Contains("สวัสดี", StringComparison.Ordinal);
                await dc.Context.SendAsync(MainDialog.Menu(greeting ? Greeting : PleaseType), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

            case QaDecisionKind.Answer:
                var best = decision.Ranking.Best!;
                Log(dc, firstTime, QaOutcome.Answered, best.Entry.Id, best.Score, question, opening: thread);
                await QaAnswers.SendAsync(dc.Context, best.Entry, matcher.Pack, matcher.Find, cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

            case QaDecisionKind.Offer:
                var top = decision.Ranking.Top.Take(3).ToList();
                Log(dc, firstTime, QaOutcome.Offered, top[0].Entry.Id, top[0].Score, question, opening: thread);
                state["mode"] = "choose";
                state["offered"] = new JsonArray([.. top.Select(c => (JsonNode)c.Entry.Id)]);
                await dc.Context.SendAsync(Offer(top.Select(c => c.Entry).ToList()), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;

            default:
                Log(dc, firstTime, QaOutcome.Unanswered, decision.Ranking.Best?.Entry.Id, decision.Ranking.Best?.Score ?? 0, question, opening: thread);
                return await OfferHandoverAsync(dc, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        var state = dc.ActiveDialog!.State;
        var mode = state["mode"]?.GetValue<string>();
        var question = state["question"]?.GetValue<string>() ?? string.Empty;
        var data = activity.Kind == ActivityKind.Postback ? activity.PostbackData : null;
        var said = ThaiText.NormalizeAnswer(activity.Text);

        if (mode == "choose")
        {
            var offered = (state["offered"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [];
            if (data == NoneData || (activity.Kind == ActivityKind.Message && said == NoneOfThese))
            {
                Log(dc, true, QaOutcome.Unanswered, offered.FirstOrDefault(), 0, question, follows: ThreadOf(state));
                return await OfferHandoverAsync(dc, cancellationToken).ConfigureAwait(false);
            }

            var picked = data is not null && data.StartsWith(QaAnswers.ChoicePrefix, StringComparison.Ordinal) ? matcher.Find(data[QaAnswers.ChoicePrefix.Length..])
                : activity.Kind == ActivityKind.Message ? PickByText(offered, said) : null;
            if (picked is not null)
            {
                var outcome = offered.Contains(picked.Id, StringComparer.Ordinal) ? QaOutcome.AnsweredAfterChoice : QaOutcome.Answered;
                Log(dc, true, outcome, picked.Id, 0, null, follows: ThreadOf(state));
                await QaAnswers.SendAsync(dc.Context, picked, matcher.Pack, matcher.Find, cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        else if (mode == "confirm")
        {
            if (data == HandoverYesData || (activity.Kind == ActivityKind.Message && YesWords.Contains(said)))
            {
                Log(dc, true, QaOutcome.HandedOver, null, 0, question, follows: ThreadOf(state));
                writes.Add(activity.ConversationId, store.HandoverWrite(question, activity.UserId, activity.ConversationId));
                await dc.Context.SendAsync(Reply.FromText(HandedOver, [QaAnswers.MenuChoice]), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (data == HandoverNoData || (activity.Kind == ActivityKind.Message && NoWords.Contains(said)))
            {
                await dc.Context.SendAsync(MainDialog.Menu(NotHandedOver), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        // Anything typed that is not an answer to our buttons is a new message, understood as any other.
        if (activity.Kind == ActivityKind.Message && !string.IsNullOrWhiteSpace(activity.Text))
        {
            return await dc.ReplaceDialogAsync(MainDialog.FreeTextDialog(dc) ?? DialogId, activity.Text, cancellationToken).ConfigureAwait(false);
        }

        // A sticker, photo or location, or a stale button: ask again, politely, with the same buttons.
        await RepromptDialogAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, ItaBot.Dialogs.State.DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var mode = instance.State["mode"]?.GetValue<string>();
        if (mode == "choose")
        {
            var offered = (instance.State["offered"] as JsonArray)?.Select(n => matcher.Find(n!.GetValue<string>())).OfType<QaEntry>().ToList() ?? [];
            return dc.Context.SendAsync(Offer(offered) with { Text = PickOrType }, cancellationToken);
        }

        return dc.Context.SendAsync(Reply.FromText(ConfirmAgain, HandoverChoices), cancellationToken);
    }

    /// <summary>Answers an entry picked from a quick reply outside an offer (a related topic under an answer).</summary>
    public async Task<DialogTurnResult> AnswerTapAsync(DialogContext dc, QaEntry entry, CancellationToken cancellationToken)
    {
        Log(dc, true, QaOutcome.Answered, entry.Id, 0, null);
        await QaAnswers.SendAsync(dc.Context, entry, matcher.Pack, matcher.Find, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    public QaEntry? Find(string id) => matcher.Find(id);

    private static async Task<DialogTurnResult> OfferHandoverAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        dc.ActiveDialog!.State["mode"] = "confirm";
        await dc.Context.SendAsync(Reply.FromText(CannotAnswer, HandoverChoices), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private static Reply Offer(List<QaEntry> entries)
    {
        var text = new StringBuilder(OfferText);
        for (var i = 0; i < entries.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. {entries[i].Title}");
        }

        return Reply.FromText(text.ToString(), [.. entries.Select(e => new Choice(e.Title, QaAnswers.ChoiceValue(e))), new Choice(NoneOfThese, NoneData)]);
    }

    private QaEntry? PickByText(List<string> offered, string said)
    {
        if (ThaiText.TryParseWholeNumber(said, out var number) && number >= 1 && number <= offered.Count)
        {
            return matcher.Find(offered[number - 1]);
        }

        return offered.Select(matcher.Find).OfType<QaEntry>().FirstOrDefault(e => ThaiText.NormalizeAnswer(e.Title) == said);
    }

    /// <summary>
    /// Logs one line: a question's first line has the question's thread as its id (<paramref name="opening"/>); later lines
    /// of the same question follow that thread (<paramref name="follows"/>); a tapped topic is a question of its own.
    /// </summary>
    private void Log(DialogContext dc, bool firstTime, QaOutcome outcome, string? id, double score, string? question, string? opening = null, string? follows = null)
    {
        if (firstTime)
        {
            writes.Add(dc.Context.Activity.ConversationId, store.LogWrite(outcome, id, score, question, opening, follows));
        }
    }

    private static string? ThreadOf(JsonObject? state) =>
        state?["thread"]?.GetValue<string>() is { Length: > 0 } thread ? thread : null;

    /// <summary>
    /// True unless the same question came within <see cref="RepeatWindow"/> (sent twice quickly): then it is not logged
    /// again, and <paramref name="thread"/> is the first one's, so what follows is logged as the same question.
    /// </summary>
    private bool IsNewQuestion(DialogContext dc, string question, out string thread)
    {
        var now = time.GetUtcNow();
        var key = ThaiNormalizer.Normalize(question);
        var last = dc.ConversationData["qa.last"] as JsonObject;
        var repeated = last?["q"]?.GetValue<string>() == key
            && last?["at"]?.GetValue<long>() is { } at && now - DateTimeOffset.FromUnixTimeMilliseconds(at) < RepeatWindow;
        thread = repeated && last?["log"]?.GetValue<string>() is { Length: > 0 } earlier ? earlier : RecordId.New(time);
        dc.ConversationData["qa.last"] = new JsonObject { ["q"] = key, ["at"] = now.ToUnixTimeMilliseconds(), ["log"] = thread };
        return !repeated;
    }

    /// <summary>Questions are kept (log, handover) to a sensible length; the matcher cuts further.</summary>
    private static string Cap(string question)
    {
        var trimmed = question.Trim();
        return trimmed.Length <= 1000 ? trimmed : trimmed[..1000];
    }
}

/// <summary>
/// A tap on a Q&amp;A quick reply ("qa:faq:birth") when no offer is waiting for it — a related topic under an answer,
/// or an old button — answers that entry at once, whatever flow was going on.
/// </summary>
internal sealed class QaTapInterruption(QaAnswerDialog answers) : IInterruptionHandler
{
    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        if (activity.Kind != ActivityKind.Postback || activity.PostbackData is not { } data
            || !data.StartsWith(QaAnswers.ChoicePrefix, StringComparison.Ordinal)
            || dc.ActiveDialog?.Id == QaAnswerDialog.DialogId
            || answers.Find(data[QaAnswers.ChoicePrefix.Length..]) is not { } entry)
        {
            return null;
        }

        await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        return await answers.AnswerTapAsync(dc, entry, cancellationToken).ConfigureAwait(false);
    }
}
