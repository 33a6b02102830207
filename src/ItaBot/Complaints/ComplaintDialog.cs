using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Complaints;

/// <summary>
/// "complaint": a general complaint the way Traffy Fondue taught Thailand to file one. Category, what happened,
/// photos (optional, several), where, whether staff may call back, a summary to confirm or correct, then a case number
/// and a receipt card. The draft lives in the dialog's state until the citizen confirms; nothing is filed before.
/// A description that reads like a corruption report is not kept: the protected channel is offered first.
/// One stage per question, so that "แก้ไข" can send the citizen back to any of them and then to the summary.
/// </summary>
internal sealed class ComplaintDialog(ContentPackProvider content, ComplaintDesk desk, IComplaintPhotos photos, ComplaintOptions options, Privacy.PrivacyLink privacy)
    : Dialog(DialogId)
{
    public const string DialogId = "complaint";

    public const string CategoryPrefix = "complaint:cat=";
    public const string NextData = "complaint:next";
    public const string GpsData = "complaint:gps";
    public const string SubmitData = "complaint:submit";
    public const string EditData = "complaint:edit";
    public const string EditPrefix = "complaint:edit=";
    public const string GeneralData = "complaint:general";
    public const string FarYesData = "complaint:far=yes";
    public const string FarNoData = "complaint:far=no";
    public const string ContactLineData = "complaint:contact=line";
    public const string ContactPhoneData = "complaint:contact=phone";
    public const string ContactNoneData = "complaint:contact=none";

    private const string Stage = "stage";

    private static readonly HashSet<string> NextWords = new(StringComparer.Ordinal) { "ต่อไป", "ถัดไป", "ไม่มีรูป", "ไม่มี", "ข้าม", "next", "ไม่ส่ง", "พอแล้ว", "ครบแล้ว" };
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal) { "ใช่", "ถูกต้อง", "ยืนยัน", "ส่ง", "ส่งเลย", "ตกลง", "โอเค", "ok", "yes" };

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var state = dc.ActiveDialog!.State;
        state[Stage] = "category";
        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskCategory, CategoryChoices()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var state = dc.ActiveDialog!.State;
        var stage = state[Stage]?.GetValue<string>() ?? "category";
        var activity = dc.Context.Activity;
        var data = activity.Kind == ActivityKind.Postback ? activity.PostbackData : null;
        var said = activity.Kind == ActivityKind.Message ? ThaiText.NormalizeAnswer(activity.Text) : string.Empty;

        switch (stage)
        {
            case "category":
                return await OnCategoryAsync(dc, state, activity, data, cancellationToken).ConfigureAwait(false);
            case "description":
                return await OnDescriptionAsync(dc, state, activity, cancellationToken).ConfigureAwait(false);
            case "corruption":
                if (data == GeneralData || said == ThaiText.NormalizeAnswer(ComplaintTexts.CorruptionKeepGeneral))
                {
                    state[Stage] = "description";
                    state["generalConfirmed"] = true;
                    await dc.Context.SendTextAsync(ComplaintTexts.RetypeDescription, cancellationToken).ConfigureAwait(false);
                    return EndOfTurn;
                }

                // The protected channel's button is the menu route "menu=whistleblow": an interruption takes it before
                // this dialog sees it. Anything else: offer again.
                await dc.Context.SendAsync(CorruptionOffer(), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case "photos":
                return await OnPhotoAsync(dc, state, activity, data, said, cancellationToken).ConfigureAwait(false);
            case "location":
                return await OnLocationAsync(dc, state, activity, data, cancellationToken).ConfigureAwait(false);
            case "far":
                if (data == FarYesData || YesWords.Contains(said))
                {
                    return await AfterLocationAsync(dc, state, cancellationToken).ConfigureAwait(false);
                }

                state.Remove("location");
                state[Stage] = "location";
                await AskLocationAsync(dc, state, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case "contact":
                return await OnContactAsync(dc, state, data, said, cancellationToken).ConfigureAwait(false);
            case "phone":
                if (activity.Kind == ActivityKind.Message && PhoneNumbers.Normalise(activity.Text) is { } phone)
                {
                    state["phone"] = phone;
                    state["contact"] = "phone";
                    return await ShowSummaryAsync(dc, state, cancellationToken).ConfigureAwait(false);
                }

                await dc.Context.SendTextAsync(ComplaintTexts.AskPhoneAgain, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case "summary":
                return await OnSummaryAsync(dc, state, data, said, cancellationToken).ConfigureAwait(false);
            case "edit":
                return await OnEditAsync(dc, state, data, said, cancellationToken).ConfigureAwait(false);
            default:
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task RepromptDialogAsync(DialogContext dc, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        var state = instance.State;
        switch (state[Stage]?.GetValue<string>())
        {
            case "category":
                await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskCategory, CategoryChoices()), cancellationToken).ConfigureAwait(false);
                break;
            case "description":
                await dc.Context.SendTextAsync(ComplaintTexts.AskDescription, cancellationToken).ConfigureAwait(false);
                break;
            case "photos":
                await dc.Context.SendAsync(PhotoOrNext(state), cancellationToken).ConfigureAwait(false);
                break;
            case "location" or "far":
                await AskLocationAsync(dc, state, cancellationToken).ConfigureAwait(false);
                break;
            case "contact" or "phone":
                await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskContact, ContactChoices()), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await dc.Context.SendAsync(Summary(state), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<DialogTurnResult> OnCategoryAsync(DialogContext dc, JsonObject state, Activity activity, string? data, CancellationToken cancellationToken)
    {
        var categories = content.Current.ComplaintCategories;
        ComplaintCategory? picked = null;
        string? description = null;
        if (data is not null && data.StartsWith(CategoryPrefix, StringComparison.Ordinal))
        {
            picked = content.Current.FindComplaintCategory(data[CategoryPrefix.Length..]);
        }
        else if (activity.Kind == ActivityKind.Message && !string.IsNullOrWhiteSpace(activity.Text))
        {
            picked = CategoryMatcher.Match(categories, activity.Text);
            if (picked is not null && ThaiText.NormalizeAnswer(activity.Text) != ThaiText.NormalizeAnswer(picked.Name)
                && activity.Text.Trim().Length >= options.MinDescriptionLength)
            {
                // "ไฟถนนหน้าบ้านดับมา 3 วันแล้ว": the category and the description in one message.
                description = activity.Text;
            }
            else if (picked is null && CorruptionSignals.LooksLikeCorruption(activity.Text))
            {
                desk.Protect(activity);
                state[Stage] = "corruption";
                await dc.Context.SendAsync(CorruptionOffer(), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            }
        }

        if (picked is null)
        {
            if (Attempt(state) >= 3)
            {
                await dc.Context.SendTextAsync(dc.Texts.PromptGiveUp, cancellationToken).ConfigureAwait(false);
                return await dc.CancelAllDialogsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskCategoryAgain, CategoryChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        state.Remove("attempts");
        state["category"] = picked.Id;
        if (description is not null)
        {
            return await AcceptDescriptionAsync(dc, state, description, cancellationToken).ConfigureAwait(false);
        }

        if (Editing(state))
        {
            return await ShowSummaryAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        state[Stage] = "description";
        await dc.Context.SendTextAsync($"เรื่อง{picked.Name}นะคะ\n{ComplaintTexts.AskDescription}", cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> OnDescriptionAsync(DialogContext dc, JsonObject state, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Kind != ActivityKind.Message || string.IsNullOrWhiteSpace(activity.Text))
        {
            await dc.Context.SendTextAsync(ComplaintTexts.AskDescriptionAgain, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        return await AcceptDescriptionAsync(dc, state, activity.Text, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AcceptDescriptionAsync(DialogContext dc, JsonObject state, string text, CancellationToken cancellationToken)
    {
        // Offer the protected channel before anything is kept: the text is not written to the state.
        if (state["generalConfirmed"] is null && CorruptionSignals.LooksLikeCorruption(text))
        {
            desk.Protect(dc.Context.Activity);
            state[Stage] = "corruption";
            await dc.Context.SendAsync(CorruptionOffer(), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        state["description"] = Descriptions.Clean(text, options.MaxDescriptionLength);
        if (Editing(state))
        {
            return await ShowSummaryAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        state[Stage] = "photos";
        // PDPA section 23: the notice comes before the first question for a photo, a place or a phone number.
        await dc.Context.SendAsync(
            Reply.FromText(privacy.BeforePersonalData(state) + ComplaintTexts.AskPhotos(options.MaxPhotos), PhotoChoices(0)),
            cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> OnPhotoAsync(DialogContext dc, JsonObject state, Activity activity, string? data, string said, CancellationToken cancellationToken)
    {
        var list = state["photos"] as JsonArray ?? [];
        state["photos"] = list;
        if (activity is { Kind: ActivityKind.Attachment, Attachment: { } attachment })
        {
            if (attachment.Kind != AttachmentKind.Image)
            {
                await dc.Context.SendAsync(PhotosOnly(list.Count), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            }

            if (list.Count >= options.MaxPhotos)
            {
                return await PhotosDoneAsync(dc, state, cancellationToken).ConfigureAwait(false);
            }

            var received = await photos.ReceiveAsync(attachment.ContentId, cancellationToken).ConfigureAwait(false);
            if (received.Photo is not { } photo)
            {
                await dc.Context.SendAsync(received.Refusal is { } refusal ? Reply.FromText(refusal, PhotoChoices(list.Count)) : PhotosOnly(list.Count), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            }

            list.Add(new JsonObject
            {
                ["id"] = photo.Id,
                ["contentType"] = photo.ContentType,
                ["width"] = photo.Width,
                ["height"] = photo.Height,
                ["bytes"] = photo.Bytes,
            });
            if (received.Gps is { } gps && state["gps"] is null)
            {
                // Only ever a suggestion for the location step; the photo itself keeps no metadata.
                state["gps"] = new JsonObject { ["lat"] = gps.Latitude, ["lon"] = gps.Longitude };
            }

            if (list.Count >= options.MaxPhotos)
            {
                await dc.Context.SendTextAsync(ComplaintTexts.PhotoLimit(list.Count), cancellationToken).ConfigureAwait(false);
                return await PhotosDoneAsync(dc, state, cancellationToken).ConfigureAwait(false);
            }

            await dc.Context.SendAsync(
                Reply.FromText(ComplaintTexts.PhotoReceived(list.Count), PhotoChoices(list.Count)),
                cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (data == NextData || NextWords.Contains(said))
        {
            return await PhotosDoneAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendAsync(PhotoOrNext(state), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> PhotosDoneAsync(DialogContext dc, JsonObject state, CancellationToken cancellationToken)
    {
        if (Editing(state))
        {
            return await ShowSummaryAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        state[Stage] = "location";
        await AskLocationAsync(dc, state, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private static async Task AskLocationAsync(DialogContext dc, JsonObject state, CancellationToken cancellationToken)
    {
        var withGps = state["gps"] is not null;
        List<Choice> choices = [Choice.ShareLocation("📍 ส่งตำแหน่ง")];
        if (withGps)
        {
            choices.Add(new Choice("ใช้ตำแหน่งจากรูป", GpsData));
        }

        await dc.Context.SendAsync(Reply.FromText(withGps ? ComplaintTexts.AskLocationWithGps : ComplaintTexts.AskLocation, choices), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> OnLocationAsync(DialogContext dc, JsonObject state, Activity activity, string? data, CancellationToken cancellationToken)
    {
        double? lat = null, lon = null;
        string? address = null, text = null;
        if (activity is { Kind: ActivityKind.Location, Location: { } place })
        {
            (lat, lon, address) = (place.Latitude, place.Longitude, Descriptions.Clean(Places.NameAndAddress(place), 200));
        }
        else if (data == GpsData && state["gps"] is JsonObject gps)
        {
            (lat, lon) = (gps["lat"]!.GetValue<double>(), gps["lon"]!.GetValue<double>());
        }
        else if (activity.Kind == ActivityKind.Message && !string.IsNullOrWhiteSpace(activity.Text) && !NextWords.Contains(ThaiText.NormalizeAnswer(activity.Text)))
        {
            text = Descriptions.Clean(activity.Text, 300);
        }
        else
        {
            await dc.Context.SendTextAsync(ComplaintTexts.AskLocationAgain, cancellationToken).ConfigureAwait(false);
            await AskLocationAsync(dc, state, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        state["location"] = new JsonObject { ["lat"] = lat, ["lon"] = lon, ["address"] = address, ["text"] = text };
        if (lat is { } la && lon is { } lo)
        {
            var office = content.Current.Agency.Location;
            var km = Geo.DistanceKm(office.Latitude, office.Longitude, la, lo);
            if (km > options.ServiceAreaKm)
            {
                state[Stage] = "far";
                await dc.Context.SendAsync(Reply.FromText(
                    ComplaintTexts.FarAway(km),
                    [new Choice(ComplaintTexts.FarAwayYes, FarYesData), new Choice(ComplaintTexts.FarAwayNo, FarNoData)]), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            }
        }

        return await AfterLocationAsync(dc, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AfterLocationAsync(DialogContext dc, JsonObject state, CancellationToken cancellationToken)
    {
        if (Editing(state))
        {
            return await ShowSummaryAsync(dc, state, cancellationToken).ConfigureAwait(false);
        }

        state[Stage] = "contact";
        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskContact, ContactChoices()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> OnContactAsync(DialogContext dc, JsonObject state, string? data, string said, CancellationToken cancellationToken)
    {
        if (data == ContactPhoneData || said == ThaiText.NormalizeAnswer(ComplaintTexts.ContactPhone))
        {
            state[Stage] = "phone";
            await dc.Context.SendTextAsync(privacy.BeforePersonalData(state) + ComplaintTexts.AskPhone, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (PhoneNumbers.Normalise(dc.Context.Activity.Text) is { } typed && dc.Context.Activity.Kind == ActivityKind.Message)
        {
            state["contact"] = "phone";
            state["phone"] = typed;
        }
        else if (data == ContactLineData || said == ThaiText.NormalizeAnswer(ComplaintTexts.ContactLine) || YesWords.Contains(said))
        {
            state["contact"] = "line";
            state.Remove("phone");
        }
        else if (data == ContactNoneData || said == ThaiText.NormalizeAnswer(ComplaintTexts.ContactNone) || said is "ไม่" or "ไม่ต้อง" or "ไม่ใช่")
        {
            state["contact"] = "none";
            state.Remove("phone");
        }
        else
        {
            await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskContact, ContactChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        return await ShowSummaryAsync(dc, state, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> ShowSummaryAsync(DialogContext dc, JsonObject state, CancellationToken cancellationToken)
    {
        state[Stage] = "summary";
        state.Remove("editing");
        await dc.Context.SendAsync(Summary(state), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> OnSummaryAsync(DialogContext dc, JsonObject state, string? data, string said, CancellationToken cancellationToken)
    {
        if (data == SubmitData || said == ThaiText.NormalizeAnswer(ComplaintTexts.Submit) || YesWords.Contains(said))
        {
            var draft = Draft(state);
            var filed = desk.File(dc.Context.Activity, draft);
            var category = content.Current.FindComplaintCategory(filed.CategoryId);
            var text = ComplaintTexts.Filed(
                filed.Number,
                category is null ? string.Empty : $"เรื่อง{category.Name} ส่งถึง{DepartmentName(filed.Department)}แล้ว ",
                ThaiTime.Deadline(filed.AcknowledgeBy),
                ThaiTime.Deadline(filed.AnswerBy));
            await dc.Context.SendAsync(CaseCards.Receipt(filed, content.Current, text), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(filed.Number, cancellationToken).ConfigureAwait(false);
        }

        if (data == EditData || said == ThaiText.NormalizeAnswer(ComplaintTexts.Edit) || said == "แก้ไข" || said == "แก้")
        {
            state[Stage] = "edit";
            await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.WhatToEdit, EditChoices()), cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.ConfirmAgain, SummaryChoices()), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> OnEditAsync(DialogContext dc, JsonObject state, string? data, string said, CancellationToken cancellationToken)
    {
        var field = data is not null && data.StartsWith(EditPrefix, StringComparison.Ordinal) ? data[EditPrefix.Length..]
            : EditFields.FirstOrDefault(f => ThaiText.NormalizeAnswer(f.Label) == said).Field;
        state["editing"] = true;
        switch (field)
        {
            case "category":
                state[Stage] = "category";
                await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskCategory, CategoryChoices()), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case "description":
                state[Stage] = "description";
                await dc.Context.SendTextAsync(ComplaintTexts.AskDescription, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case "photos":
                state[Stage] = "photos";
                state["photos"] = new JsonArray();
                await dc.Context.SendAsync(
                    Reply.FromText(ComplaintTexts.AskPhotos(options.MaxPhotos), PhotoChoices(0)),
                    cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case "location":
                state[Stage] = "location";
                await AskLocationAsync(dc, state, cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            case "contact":
                state[Stage] = "contact";
                await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.AskContact, ContactChoices()), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
            default:
                state.Remove("editing");
                await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.WhatToEdit, EditChoices()), cancellationToken).ConfigureAwait(false);
                return EndOfTurn;
        }
    }

    private Reply Summary(JsonObject state)
    {
        var draft = Draft(state);
        var category = content.Current.FindComplaintCategory(draft.CategoryId);
        var text = new StringBuilder()
            .AppendLine(ComplaintTexts.SummaryTitle)
            .Append("• ประเภท: ").AppendLine(category?.Name ?? "-")
            .Append("• รายละเอียด: ").AppendLine(Descriptions.Preview(draft.Description, 300))
            .Append("• รูปถ่าย: ").AppendLine(draft.Photos.Count == 0 ? "ไม่มี" : $"{draft.Photos.Count} รูป")
            .Append("• สถานที่: ").AppendLine(Places.Describe(draft.Location))
            .Append("• ติดต่อกลับ: ").Append(draft.ContactConsent ? draft.ContactPhone is { } p ? $"โทร {p}" : "ทาง LINE" : "ไม่ต้องติดต่อกลับ")
            .ToString();
        return Reply.FromText(text, SummaryChoices());
    }

    private static ComplaintDraft Draft(JsonObject state)
    {
        var photos = (state["photos"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new CasePhoto(
            p["id"]!.GetValue<string>(), p["contentType"]!.GetValue<string>(), p["width"]!.GetValue<int>(), p["height"]!.GetValue<int>(),
            p["bytes"]!.GetValue<long>())).ToList();
        var location = state["location"] is JsonObject l
            ? new CaseLocation(l["lat"]?.GetValue<double>(), l["lon"]?.GetValue<double>(), l["address"]?.GetValue<string>(), l["text"]?.GetValue<string>())
            : null;
        var contact = state["contact"]?.GetValue<string>() ?? "none";
        return new ComplaintDraft(
            state["category"]?.GetValue<string>() ?? string.Empty,
            state["description"]?.GetValue<string>() ?? string.Empty,
            photos,
            location,
            contact != "none",
            contact == "phone" ? state["phone"]?.GetValue<string>() : null);
    }

    private string DepartmentName(string department) =>
        content.Current.FindUnit(department)?.Name ?? department;

    private static bool Editing(JsonObject state) => state["editing"] is not null;

    private static int Attempt(JsonObject state)
    {
        var attempts = (state["attempts"]?.GetValue<int>() ?? 0) + 1;
        state["attempts"] = attempts;
        return attempts;
    }

    private IReadOnlyList<Choice> CategoryChoices() =>
        [.. content.Current.ComplaintCategories.Take(12).Select(c => new Choice(c.Name, CategoryPrefix + c.Id, c.Keywords)), new Choice(ComplaintTexts.Cancel, "ยกเลิก")];

    private static IReadOnlyList<Choice> PhotoChoices(int photos) =>
        [Choice.Camera("📷 ถ่ายรูป"), Choice.PhotoLibrary("🖼 เลือกรูป"), new Choice(ComplaintTexts.PhotoSkipLabel(photos), NextData, [ComplaintTexts.NoPhoto, ComplaintTexts.NextStep, "ข้าม"])];

    private static int PhotoCount(JsonObject state) => (state["photos"] as JsonArray)?.Count ?? 0;

    private static Reply PhotosOnly(int photos) => Reply.FromText(ComplaintTexts.PhotosOnlyOr(ComplaintTexts.PhotoSkipLabel(photos)), PhotoChoices(photos));

    private static Reply PhotoOrNext(JsonObject state) =>
        Reply.FromText(ComplaintTexts.PhotoOrNext(ComplaintTexts.PhotoSkipLabel(PhotoCount(state))), PhotoChoices(PhotoCount(state)));

    private static IReadOnlyList<Choice> ContactChoices() =>
        [new Choice(ComplaintTexts.ContactLine, ContactLineData), new Choice(ComplaintTexts.ContactPhone, ContactPhoneData), new Choice(ComplaintTexts.ContactNone, ContactNoneData)];

    private static IReadOnlyList<Choice> SummaryChoices() =>
        [new Choice(ComplaintTexts.Submit, SubmitData), new Choice(ComplaintTexts.Edit, EditData), new Choice(ComplaintTexts.Cancel, "ยกเลิก")];

    private static readonly (string Label, string Field)[] EditFields =
        [("ประเภท", "category"), ("รายละเอียด", "description"), ("รูปถ่าย", "photos"), ("สถานที่", "location"), ("การติดต่อกลับ", "contact")];

    private static IReadOnlyList<Choice> EditChoices() => [.. EditFields.Select(f => new Choice(f.Label, EditPrefix + f.Field))];

    private static Reply CorruptionOffer() => Reply.FromText(ComplaintTexts.CorruptionOffer,
        [new Choice(ComplaintTexts.CorruptionToProtected, "menu=whistleblow"), new Choice(ComplaintTexts.CorruptionKeepGeneral, GeneralData), new Choice(ComplaintTexts.Cancel, "ยกเลิก")]);
}

/// <summary>What the citizen confirmed, ready to file.</summary>
internal sealed record ComplaintDraft(
    string CategoryId, string Description, IReadOnlyList<CasePhoto> Photos, CaseLocation? Location, bool ContactConsent, string? ContactPhone);
