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
internal sealed class ComplaintsFeature(ContentPackProvider content, ComplaintDesk desk, IComplaintPhotos photos, ComplaintOptions options) : IDialogFeature
{
    public const string MyCasesId = "cases.mine";
    public const string FollowUpId = "cases.followup";
    public const string RateId = "cases.rate";
    public const string RatePrefix = "rate=";

    public void Register(DialogManager manager)
    {
        manager.Dialogs.Add(new ComplaintDialog(content, desk, photos, options));
        manager.Dialogs.Add(new MyCasesDialog(content, desk, options));
        manager.Dialogs.Add(new FollowUpDialog(desk));
        manager.Dialogs.Add(new RateDialog(desk));
        manager.Interruptions.Add(CommandInterruption.StartDialog(MyCasesId, ["เรื่องของฉัน", "ติดตามเรื่อง", "เรื่องที่แจ้ง", "สถานะเรื่อง"], [CaseCards.MineData]));
        manager.Interruptions.Add(new PostbackPrefixInterruption(CaseCards.ViewPrefix, async (dc, id, ct) =>
        {
            await dc.CancelAllDialogsAsync(cancellationToken: ct).ConfigureAwait(false);
            var record = desk.FindMine(dc.Context.Activity.UserId, id);
            await dc.Context.SendAsync(record is null ? Reply.FromText(ComplaintTexts.CaseNotFound, [new Choice("เรื่องของฉัน", CaseCards.MineData)])
                : CaseCards.Detail(record, content.Current), ct).ConfigureAwait(false);
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }));
        manager.Interruptions.Add(new PostbackPrefixInterruption(CaseCards.FollowUpPrefix, async (dc, id, ct) =>
        {
            await dc.CancelAllDialogsAsync(cancellationToken: ct).ConfigureAwait(false);
            return await dc.BeginDialogAsync(FollowUpId, id, ct).ConfigureAwait(false);
        }));
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
internal sealed class MyCasesDialog(ContentPackProvider content, ComplaintDesk desk, ComplaintOptions options) : Dialog(ComplaintsFeature.MyCasesId)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options1 = null, CancellationToken cancellationToken = default)
    {
        var mine = desk.Mine(dc.Context.Activity.UserId, options.MyCasesShown + 1);
        var shown = mine.Take(options.MyCasesShown).ToList();
        var reply = shown.Count == 0
            ? Reply.FromText(ComplaintTexts.MyCasesNone, [new Choice("ร้องเรียนทั่วไป", "menu=complaint"), new Choice("เมนู", "menu=main")])
            : CaseCards.List(shown, content.Current, mine.Count > shown.Count ? mine.Count : shown.Count);
        await dc.Context.SendAsync(reply, cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>"ส่งข้อมูลเพิ่มเติม" on an open case: one text (or a photo note) goes to the case and to its officer.</summary>
internal sealed class FollowUpDialog(ComplaintDesk desk) : Dialog(ComplaintsFeature.FollowUpId)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var id = options as string ?? (options as JsonNode)?.GetValue<string>() ?? string.Empty;
        var record = desk.FindMine(dc.Context.Activity.UserId, id);
        if (record is null || record.Status.IsClosed())
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
        if (record is null || record.Status.IsClosed())
        {
            await dc.Context.SendTextAsync(ComplaintTexts.FollowUpClosed, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var text = activity.Kind switch
        {
            ActivityKind.Message when !string.IsNullOrWhiteSpace(activity.Text) => Descriptions.Clean(activity.Text, 5000),
            ActivityKind.Location when activity.Location is { } place => "ตำแหน่งเพิ่มเติม: " + Places.Describe(new CaseLocation(place.Latitude, place.Longitude, place.Address, null)),
            _ => null,
        };
        if (string.IsNullOrEmpty(text))
        {
            await dc.Context.SendTextAsync(ComplaintTexts.AskFollowUp, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        desk.FollowUp(activity, record, text);
        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.FollowUpSent, [new Choice("เรื่องของฉัน", CaseCards.MineData), new Choice("เมนู", "menu=main")]), cancellationToken)
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

        if (record.Rating is not null || !record.Status.IsClosed())
        {
            await dc.Context.SendTextAsync(record.Rating is not null ? ComplaintTexts.RateAlready : ComplaintTexts.RateNotClosed, cancellationToken).ConfigureAwait(false);
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
            && desk.FindMine(activity.UserId, dc.ActiveDialog!.State["caseId"]?.GetValue<string>() ?? string.Empty) is { Rating: { Comment: null } } record)
        {
            desk.RatingComment(activity, record, Descriptions.Clean(activity.Text, 1000));
        }

        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.RateDone, [new Choice("เมนู", "menu=main")]), cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
