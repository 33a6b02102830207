using System.Globalization;
using System.Text.Json.Nodes;
using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Complaints;

/// <summary>
/// The citizen's side of general complaints: filing ("complaint"), "เรื่องของฉัน" and each case's progress, adding
/// to an open case, and rating a closed one. Card buttons and notices carry postbacks that work at any moment.
/// </summary>
internal sealed class ComplaintsFeature(ContentPackProvider content, ComplaintDesk desk, IComplaintPhotos photos, ComplaintOptions options, Privacy.PrivacyLink privacy,
    ICorruptionCheck corruptionCheck)
    : IDialogFeature
{
    public const string MyCasesId = "cases.mine";
    public const string FollowUpId = "cases.followup";
    public const string RateId = "cases.rate";
    public const string RatePrefix = "rate=";

    /// <summary>
    /// Asks which case and how many stars, then hands over to <see cref="RateId"/>. Begin it with a case id (the case
    /// card's button) or with nothing (a typed "อยากให้คะแนน"): it then offers the citizen's cases that can be rated.
    /// </summary>
    public const string RateAskId = "cases.rate.ask";

    public void Register(DialogManager manager)
    {
        manager.Dialogs.Add(new ComplaintDialog(content, desk, photos, options, privacy, corruptionCheck));
        manager.Dialogs.Add(new JustFiledDialog(desk, content));
        manager.Dialogs.Add(new MyCasesDialog(desk, options));
        manager.Dialogs.Add(new FollowUpDialog(desk, photos));
        manager.Dialogs.Add(new RateDialog(desk));
        manager.Dialogs.Add(new RateAskDialog(desk));
        manager.Interruptions.Add(CommandInterruption.StartDialog(MyCasesId, ["เรื่องของฉัน", "ติดตามเรื่อง", "เรื่องที่แจ้ง", "สถานะเรื่อง"], [CaseCards.MineData]));
        manager.Interruptions.Add(new PostbackPrefixInterruption(CaseCards.ViewPrefix, async (dc, id, ct) =>
        {
            await dc.CancelAllDialogsAsync(cancellationToken: ct).ConfigureAwait(false);
            var record = desk.FindMine(dc.Context.Activity.UserId, id);
            await dc.Context.SendAsync(record is null ? Reply.FromText(ComplaintTexts.CaseNotFound, [new Choice("เรื่องของฉัน", CaseCards.MineData)])
                : CaseCards.Detail(record, desk.CanRate(record.Case)), ct).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }));
        manager.Interruptions.Add(new PostbackPrefixInterruption(CaseCards.FollowUpPrefix, async (dc, id, ct) =>
        {
            await dc.CancelAllDialogsAsync(cancellationToken: ct).ConfigureAwait(false);
            return await dc.BeginDialogAsync(FollowUpId, id, ct).ConfigureAwait(false);
        }));
        manager.Interruptions.Add(new PostbackPrefixInterruption(CaseCards.RatePrefix, async (dc, id, ct) =>
        {
            await dc.CancelAllDialogsAsync(cancellationToken: ct).ConfigureAwait(false);
            return await dc.BeginDialogAsync(RateAskId, id, ct).ConfigureAwait(false);
        }));
        manager.Interruptions.Add(new RateRequestInterruption());
        manager.Interruptions.Add(new PostbackPrefixInterruption(RatePrefix, async (dc, rest, ct) =>
        {
            await dc.CancelAllDialogsAsync(cancellationToken: ct).ConfigureAwait(false);
            return await dc.BeginDialogAsync(RateId, rest, ct).ConfigureAwait(false);
        }));
    }

    /// <summary>The postback a rating button carries (the notifications slice puts five of them on the closing notice).</summary>
    public static string RateData(string caseId, int score) => string.Create(CultureInfo.InvariantCulture, $"{RatePrefix}{caseId}&score={score}");
}

/// <summary>An interruption for postbacks that start with a prefix and carry an argument ("cases=view&amp;id=…").</summary>
internal sealed class PostbackPrefixInterruption(string prefix, Func<DialogContext, string, CancellationToken, Task<DialogTurnResult>> action) : IInterruptionHandler
{
    public Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        return activity is { Kind: ActivityKind.Postback, PostbackData: { } data } && data.StartsWith(prefix, StringComparison.Ordinal) && data.Length > prefix.Length
            ? Run(dc, data[prefix.Length..], cancellationToken)
            : Task.FromResult<DialogTurnResult?>(null);
    }

    private async Task<DialogTurnResult?> Run(DialogContext dc, string argument, CancellationToken cancellationToken) =>
        await action(dc, argument, cancellationToken).ConfigureAwait(false);
}

/// <summary>"เรื่องของฉัน": the citizen's latest cases as cards, newest first.</summary>
internal sealed class MyCasesDialog(ComplaintDesk desk, ComplaintOptions options) : Dialog(ComplaintsFeature.MyCasesId)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options1 = null, CancellationToken cancellationToken = default)
    {
        var mine = desk.Mine(dc.Context.Activity.UserId, options.MyCasesShown + 1);
        var shown = mine.Take(options.MyCasesShown).ToList();
        var reply = shown.Count == 0
            ? Reply.FromText(ComplaintTexts.MyCasesNone, [new Choice("ร้องเรียนทั่วไป", "menu=complaint"), new Choice("เมนู", "menu=main")])
            : CaseCards.List(shown, mine.Count > shown.Count ? mine.Count : shown.Count);
        await dc.Context.SendAsync(reply, cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// "ส่งข้อมูลเพิ่มเติม" on an open case: one text, place or photo goes to the case and to its officer; a case referred to
/// another agency of the deployment gets it there (its staff are told), though the citizen writes in this agency's chat.
/// </summary>
internal sealed class FollowUpDialog(ComplaintDesk desk, IComplaintPhotos photos) : Dialog(ComplaintsFeature.FollowUpId)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var id = options as string ?? (options as JsonNode)?.GetValue<string>() ?? string.Empty;
        var record = desk.FindMine(dc.Context.Activity.UserId, id);
        if (record is null || record.Case.Status.IsClosed())
        {
            await dc.Context.SendTextAsync(record is null ? ComplaintTexts.CaseNotFound : ComplaintTexts.FollowUpClosed, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        dc.ActiveDialog!.State["caseId"] = record.Id;
        await dc.Context.SendTextAsync(ComplaintTexts.AskFollowUp, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        var id = dc.ActiveDialog!.State["caseId"]?.GetValue<string>() ?? string.Empty;
        var record = desk.FindMine(activity.UserId, id);
        if (record is null || record.Case.Status.IsClosed())
        {
            await dc.Context.SendTextAsync(ComplaintTexts.FollowUpClosed, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (activity is { Kind: ActivityKind.Attachment, Attachment: { Kind: AttachmentKind.Image } image })
        {
            return await PhotoAsync(dc, record, image.ContentId, cancellationToken).ConfigureAwait(false);
        }

        var text = activity.Kind switch
        {
            ActivityKind.Message when !string.IsNullOrWhiteSpace(activity.Text) => Descriptions.Clean(activity.Text, 5000),
            ActivityKind.Location when activity.Location is { } place => "ตำแหน่งเพิ่มเติม: " + Places.Describe(new CaseLocation(place.Latitude, place.Longitude, Places.NameAndAddress(place), null)),
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            await dc.Context.SendTextAsync(ComplaintTexts.AskFollowUp, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        desk.FollowUp(activity, record, text);
        return await SentAsync(dc, ComplaintTexts.FollowUpSent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A photo for the case: stripped and stored as at filing, moved to the case's holder when another agency has it.</summary>
    private async Task<DialogTurnResult> PhotoAsync(DialogContext dc, CitizenCase record, string messageId, CancellationToken cancellationToken)
    {
        if (record.Case.Photos.Count >= CaseService.MaxPhotosPerCase)
        {
            return await SentAsync(dc, CaseService.PhotosFullText, cancellationToken).ConfigureAwait(false);
        }

        var received = await photos.ReceiveAsync(messageId, cancellationToken).ConfigureAwait(false);
        if (received.Photo is not { } photo)
        {
            await dc.Context.SendTextAsync(received.Refusal ?? ComplaintTexts.AskFollowUp, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (await desk.PhotoForAsync(record, photo, cancellationToken).ConfigureAwait(false) is not { } kept)
        {
            await dc.Context.SendTextAsync(ComplaintTexts.FollowUpPhotoFailed, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        desk.FollowUpPhoto(dc.Context.Activity, record, kept);
        return await SentAsync(dc, ComplaintTexts.FollowUpPhotoSent, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> SentAsync(DialogContext dc, string text, CancellationToken cancellationToken)
    {
        await dc.Context.SendAsync(Reply.FromText(text, [new Choice("เรื่องของฉัน", CaseCards.MineData), new Choice("เมนู", "menu=main")]), cancellationToken)
            .ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// A tap on a star of the closing notice ("rate=&lt;case&gt;&amp;score=4"): the score is recorded at once (measure 3's
/// satisfaction rate counts it even if the citizen says nothing more), then a comment is invited.
/// </summary>
internal sealed class RateDialog(ComplaintDesk desk) : Dialog(ComplaintsFeature.RateId)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var argument = options as string ?? (options as JsonNode)?.GetValue<string>() ?? string.Empty;
        var parts = argument.Split("&score=", 2);
        var activity = dc.Context.Activity;
        var record = parts.Length == 2 ? desk.FindMine(activity.UserId, parts[0]) : null;
        if (record is null || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score is < 1 or > 5)
        {
            await dc.Context.SendTextAsync(ComplaintTexts.CaseNotFound, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (desk.WhyNotRate(record.Case) is { } refusal)
        {
            await dc.Context.SendTextAsync(refusal, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        desk.Rate(activity, record, score);
        dc.ActiveDialog!.State["caseId"] = record.Id;
        await dc.Context.SendAsync(
            Reply.FromText(ComplaintTexts.RateThanks(score), [new Choice(ComplaintTexts.RateNoComment, "rate:none")]),
            cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        var said = ThaiText.NormalizeAnswer(activity.Text);
        if (activity is { Kind: ActivityKind.Message } && !string.IsNullOrWhiteSpace(activity.Text) && said != ThaiText.NormalizeAnswer(ComplaintTexts.RateNoComment)
            && desk.FindMine(activity.UserId, dc.ActiveDialog!.State["caseId"]?.GetValue<string>() ?? string.Empty) is { Case.Rating.Comment: null } record)
        {
            desk.RatingComment(activity, record, Descriptions.Clean(activity.Text, 1000));
        }

        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.RateDone, [new Choice("เมนู", "menu=main")]), cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// A typed wish to rate ("ให้คะแนน", "อยากให้คะแนนเรื่องไฟถนนค่ะ", "ประเมินความพึงพอใจ") starts <see cref="RateAskDialog"/>
/// from anywhere, except while a rating's own comment is being written.
/// </summary>
internal sealed class RateRequestInterruption : IInterruptionHandler
{
    private static readonly string[] Words = ["ให้คะแนน", "ประเมินความพึงพอใจ", "ให้ดาว"];

    /// <summary>Longer messages are stories that happen to mention a score, not a request to rate.</summary>
    private const int MaxLength = 60;

    public static bool IsRequest(string? text)
    {
        var said = ThaiText.NormalizeAnswer(text);
        return said.Length is > 0 and <= MaxLength && Words.Any(w => said.Contains(w, StringComparison.Ordinal));
    }

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        if (activity.Kind != ActivityKind.Message || !IsRequest(activity.Text) || dc.ActiveDialog?.Id == ComplaintsFeature.RateId)
        {
            return null;
        }

        await dc.CancelAllDialogsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await dc.BeginDialogAsync(ComplaintsFeature.RateAskId, null, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Which case (when not given) and how many stars; the stars go on to <see cref="RateDialog"/>, which records them.</summary>
internal sealed class RateAskDialog(ComplaintDesk desk) : Dialog(ComplaintsFeature.RateAskId)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var user = dc.Context.Activity.UserId;
        var id = options as string ?? (options as JsonNode)?.GetValue<string>();
        if (id is not null)
        {
            var record = desk.FindMine(user, id);
            if (record is null || desk.WhyNotRate(record.Case) is { } refusal)
            {
                await dc.Context.SendTextAsync(record is null ? ComplaintTexts.CaseNotFound : desk.WhyNotRate(record.Case)!, cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return await AskStarsAsync(dc, record, cancellationToken).ConfigureAwait(false);
        }

        var rateable = desk.Rateable(user);
        switch (rateable.Count)
        {
            case 0:
                await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.RateNothing, [new Choice("เรื่องของฉัน", CaseCards.MineData), new Choice("เมนู", "menu=main")]), cancellationToken)
                    .ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            case 1:
                return await AskStarsAsync(dc, rateable[0], cancellationToken).ConfigureAwait(false);
            default:
                await dc.Context.SendAsync(
                    Reply.FromText(ComplaintTexts.RatePickCase, [.. rateable.Take(12).Select(r => new Choice(r.Case.Number, CaseCards.RatePrefix + r.Id))]),
                    cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A typed score ("5", "๔ ดาว") counts like a tapped star.</summary>
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var id = dc.ActiveDialog!.State["caseId"]?.GetValue<string>() ?? string.Empty;
        if (ChoiceRecognizer.Recognize(dc.Context.Activity, StarChoices(id)) is { } star)
        {
            return await dc.ReplaceDialogAsync(ComplaintsFeature.RateId, $"{id}&score={star.Index + 1}", cancellationToken).ConfigureAwait(false);
        }

        // Anything else: the citizen moved on; the card's button and "ให้คะแนน" still work later.
        await dc.CancelAllDialogsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return await dc.BeginDialogAsync(MainDialog.Id, null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DialogTurnResult> AskStarsAsync(DialogContext dc, CitizenCase record, CancellationToken cancellationToken)
    {
        dc.ActiveDialog!.State["caseId"] = record.Id;
        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.RateAsk(record.Case.Number), StarChoices(record.Id)), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private static IReadOnlyList<Choice> StarChoices(string caseId) =>
        [.. Shared.RatingScale.Scores.Select(n => new Choice(Shared.RatingScale.Label(n), ComplaintsFeature.RateData(caseId, n), [n.ToString(CultureInfo.InvariantCulture), $"{n} ดาว"]))];
}
