using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Forms;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Complaints;

/// <summary>
/// "complaint": a general complaint the way Traffy Fondue taught Thailand to file one, as a form. Category, what happened,
/// photos (optional, several), where, whether staff may call back, a summary to confirm or correct ("แก้ไข" goes back to
/// any field and then to the summary), then a case number and a receipt card. The draft lives in the dialog's state
/// until the citizen confirms; nothing is filed before. A description that reads like a corruption report is not kept:
/// the protected channel is offered first. Started with <see cref="ComplaintStart"/> (a typed complaint) it keeps the
/// text as the description and the place it names, and asks only what is missing.
/// </summary>
internal sealed class ComplaintDialog : FormDialog
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
    public const string ResumeData = "complaint:resume";

    private static readonly HashSet<string> NextWords = new(StringComparer.Ordinal) { "ต่อไป", "ถัดไป", "ไม่มีรูป", "ไม่มี", "ข้าม", "next", "ไม่ส่ง", "พอแล้ว", "ครบแล้ว" };
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal) { "ใช่", "ถูกต้อง", "ยืนยัน", "ส่ง", "ส่งเลย", "ตกลง", "โอเค", "ok", "yes" };

    /// <summary>The other words a step or the summary answers to (its buttons' labels, "แก้ไข", "ไม่ต้อง").</summary>
    private static readonly HashSet<string> StepWords = new(
        new[]
        {
            ComplaintTexts.ContactLine, ComplaintTexts.ContactPhone, ComplaintTexts.ContactNone, ComplaintTexts.Submit, ComplaintTexts.Edit, ComplaintTexts.Cancel,
            ComplaintTexts.NoPhoto, ComplaintTexts.NextStep, ComplaintTexts.ContinueComplaint, "แก้ไข", "แก้", "ไม่", "ไม่ต้อง", "ไม่ใช่",
        }.Select(ThaiText.NormalizeAnswer),
        StringComparer.Ordinal);

    private readonly ContentPackProvider _content;
    private readonly ComplaintDesk _desk;
    private readonly ComplaintOptions _options;

    public ComplaintDialog(ContentPackProvider content, ComplaintDesk desk, IComplaintPhotos photos, ComplaintOptions options, Privacy.PrivacyLink privacy,
        ICorruptionCheck corruptionCheck)
        : base(DialogId)
    {
        _content = content;
        _desk = desk;
        _options = options;
        var corruption = new CorruptionGuard(desk, corruptionCheck);
        AddField(new CategoryField(content, options, corruption) { MaxAttempts = 3 });
        AddField(new DescriptionField(options, corruption));
        AddField(new PhotosField(photos, options, privacy, corruptionCheck) { Editable = options.MaxPhotos > 0 });
        AddField(new LocationField(content, options, privacy));
        AddField(new ContactField(privacy));
    }

    protected override FormSummaryChoices SummaryChoices { get; } = new()
    {
        Submit = new Choice(ComplaintTexts.Submit, SubmitData),
        Edit = new Choice(ComplaintTexts.Edit, EditData),
        Other = new Choice(ComplaintTexts.Cancel, "ยกเลิก"),
        EditPrefix = EditPrefix,
        SubmitWords = YesWords,
        ConfirmAgain = ComplaintTexts.ConfirmAgain,
        WhatToEdit = ComplaintTexts.WhatToEdit,
    };

    /// <summary>
    /// True when the intake itself takes care of <paramref name="text"/> as a report of corruption: the step waiting in
    /// <paramref name="instance"/> reads a story and checks it (category, description), or the text is a word the intake's
    /// buttons and steps answer to ("ไม่มีรูป", "ยืนยัน", "ไม่ต้อง", a phone number) — never a report, whatever the model reads
    /// into two words ("ไม่มีรูป" reads as a missing receipt).
    /// </summary>
    public bool ChecksTypedReports(DialogInstance instance, string text)
    {
        if (WaitingField(instance) is CategoryField or DescriptionField)
        {
            return true;
        }

        var said = ThaiText.NormalizeAnswer(text);
        return NextWords.Contains(said) || YesWords.Contains(said) || StepWords.Contains(said) || PhoneNumbers.Normalise(text) is not null;
    }

    /// <summary>
    /// A report of corruption typed at a step that does not read a story (photos, the place, the call-back, the summary) is not
    /// kept: the turn is protected and the protected channel offered. The draft stays; "ทำเรื่องร้องเรียนต่อ" asks that step again.
    /// </summary>
    public async Task<DialogTurnResult> OfferProtectedChannelAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        _desk.Protect(dc.Context.Activity);
        await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.CorruptionOfferMidForm,
            [new Choice(ComplaintTexts.CorruptionToProtected, "menu=whistleblow"), new Choice(ComplaintTexts.ContinueComplaint, ResumeData), new Choice(ComplaintTexts.Cancel, "ยกเลิก")]),
            cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (dc.Context.Activity.PostbackData == ResumeData)
        {
            await RepromptDialogAsync(dc, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        return await base.ContinueDialogAsync(dc, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A typed complaint (<see cref="ComplaintStart"/>) starts with its text, category and place; anything else starts empty.</summary>
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        if (options is not ComplaintStart start)
        {
            return base.BeginDialogAsync(dc, options, cancellationToken);
        }

        if (!start.Fresh && dc.FindDialog(JustFiledDialog.DialogId) is not null && _desk.JustFiledCase(dc.Context.Activity.UserId, start.CategoryId) is { } recent)
        {
            return dc.ReplaceDialogAsync(JustFiledDialog.DialogId, (start, recent), cancellationToken);
        }

        var values = new JsonObject { ["description"] = Descriptions.Clean(start.Text, _options.MaxDescriptionLength) };
        string? lead = null;
        if (start.CategoryId is { } id && _content.Current.FindComplaintCategory(id) is { } category)
        {
            values["category"] = category.Id;
            lead = ComplaintTexts.TypedReceived(category.Name);
        }

        if (start.Place is { Length: > 0 } place)
        {
            values["location"] = new JsonObject { ["text"] = Descriptions.Clean(place, 300) };
        }

        return base.BeginDialogAsync(dc, new FormOptions { Values = values, Lead = lead }, cancellationToken);
    }

    protected override string SummaryText(FormContext form)
    {
        var draft = Draft(form.Values);
        var category = _content.Current.FindComplaintCategory(draft.CategoryId);
        return new StringBuilder()
            .AppendLine(ComplaintTexts.SummaryTitle)
            .Append("• ประเภท: ").AppendLine(category?.Name ?? "-")
            .Append("• รายละเอียด: ").AppendLine(Descriptions.Preview(draft.Description, 300))
            .Append("• รูปถ่าย: ").AppendLine(draft.Photos.Count == 0 ? "ไม่มี" : $"{draft.Photos.Count} รูป")
            .Append("• สถานที่: ").AppendLine(Places.Describe(draft.Location))
            .Append("• ติดต่อกลับ: ").Append(draft.ContactConsent ? draft.ContactPhone is { } p ? $"โทร {p}" : "ทาง LINE" : "ไม่ต้องติดต่อกลับ")
            .ToString();
    }

    protected override async Task<DialogTurnResult> OnConfirmedAsync(FormContext form, CancellationToken cancellationToken)
    {
        var filed = _desk.File(form.Activity, Draft(form.Values));
        var pack = _content.Current;
        var category = pack.FindComplaintCategory(filed.CategoryId);
        var text = ComplaintTexts.Filed(
            filed.Number,
            category is null ? string.Empty : $"เรื่อง{category.Name} ส่งถึง{pack.FindUnit(filed.Department)?.Name ?? filed.Department}แล้ว ",
            ThaiTime.Deadline(filed.AcknowledgeBy),
            ThaiTime.Deadline(filed.AnswerBy));
        await form.SendAsync(CaseCards.Receipt(filed, pack, text), cancellationToken).ConfigureAwait(false);
        return await form.Dialog.EndDialogAsync(filed.Number, cancellationToken).ConfigureAwait(false);
    }

    private static ComplaintDraft Draft(JsonObject values)
    {
        var photos = (values["photos"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new CasePhoto(
            p["id"]!.GetValue<string>(), p["contentType"]!.GetValue<string>(), p["width"]!.GetValue<int>(), p["height"]!.GetValue<int>(),
            p["bytes"]!.GetValue<long>())).ToList();
        var location = values["location"] is JsonObject l
            ? new CaseLocation(l["lat"]?.GetValue<double>(), l["lon"]?.GetValue<double>(), l["address"]?.GetValue<string>(), l["text"]?.GetValue<string>())
            : null;
        var contact = values["contact"]?.GetValue<string>() ?? "none";
        return new ComplaintDraft(
            values["category"]?.GetValue<string>() ?? string.Empty,
            values["description"]?.GetValue<string>() ?? string.Empty,
            photos,
            location,
            contact != "none",
            contact == "phone" ? values["phone"]?.GetValue<string>() : null);
    }

    /// <summary>
    /// Text that reads like a corruption report is not kept: its turn is protected (inbox event redacted, log checkpointed)
    /// and the protected channel offered. "เป็นเรื่องร้องเรียนทั่วไป" lets the citizen retype it as a general complaint.
    /// </summary>
    private sealed class CorruptionGuard(ComplaintDesk desk, ICorruptionCheck check)
    {
        private const string Offered = "corruption";

        public static bool Confirmed(FormContext form) => form.Values["generalConfirmed"] is not null;

        public bool Suspect(FormContext form, string? text) => !Confirmed(form) && check.IsCorruptionReport(text);

        public async Task OfferAsync(FormContext form, CancellationToken cancellationToken)
        {
            desk.Protect(form.Activity);
            form.Scratch[Offered] = true;
            await form.SendAsync(Offer(), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>While the offer stands, handles the answer to it; null when no offer stands.</summary>
        public static async Task<FieldResult?> AnswerAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.Scratch[Offered] is null)
            {
                return null;
            }

            if (form.PostbackData == GeneralData || form.Said == ThaiText.NormalizeAnswer(ComplaintTexts.CorruptionKeepGeneral))
            {
                form.Scratch.Remove(Offered);
                form.Values["generalConfirmed"] = true;
                await form.SendAsync(ComplaintTexts.RetypeDescription, cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            // The protected channel's button is the menu route "menu=whistleblow": an interruption takes it first.
            await form.SendAsync(Offer(), cancellationToken).ConfigureAwait(false);
            return FieldResult.Waiting;
        }

        private static Reply Offer() => Reply.FromText(ComplaintTexts.CorruptionOffer,
            [new Choice(ComplaintTexts.CorruptionToProtected, "menu=whistleblow"), new Choice(ComplaintTexts.CorruptionKeepGeneral, GeneralData), new Choice(ComplaintTexts.Cancel, "ยกเลิก")]);
    }

    /// <summary>The category: a tap, or typed ("ไฟถนนดับ"); a longer typed problem is kept as the description too.</summary>
    private sealed class CategoryField(ContentPackProvider content, ComplaintOptions options, CorruptionGuard corruption)
        : FormField("category", "ประเภท")
    {
        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(form.Values["description"] is not null && !form.IsEditing ? ComplaintTexts.TypedAskCategory : ComplaintTexts.AskCategory, Choices()),
                cancellationToken);

        public override Task RetryAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(ComplaintTexts.AskCategoryAgain, Choices()), cancellationToken);

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (await CorruptionGuard.AnswerAsync(form, cancellationToken).ConfigureAwait(false) is { } answered)
            {
                return answered;
            }

            ComplaintCategory? picked = null;
            string? description = null;
            if (form.PostbackData is { } data && data.StartsWith(CategoryPrefix, StringComparison.Ordinal))
            {
                picked = content.Current.FindComplaintCategory(data[CategoryPrefix.Length..]);
            }
            else if (form.Text is { } text)
            {
                picked = CategoryMatcher.Match(content.Current.ComplaintCategories, text);
                if (picked is not null && ThaiText.NormalizeAnswer(text) != ThaiText.NormalizeAnswer(picked.Name) && text.Length >= options.MinDescriptionLength)
                {
                    // "ไฟถนนหน้าบ้านดับมา 3 วันแล้ว": the category and the description in one message.
                    description = text;
                }
                else if (picked is null && corruption.Suspect(form, text))
                {
                    await corruption.OfferAsync(form, cancellationToken).ConfigureAwait(false);
                    return FieldResult.Waiting;
                }
            }

            if (picked is null)
            {
                return FieldResult.Rejected();
            }

            form.Values[Name] = picked.Id;
            if (description is null)
            {
                form.Lead = form.IsEditing ? null : $"เรื่อง{picked.Name}นะคะ";
            }
            else if (corruption.Suspect(form, description))
            {
                // The category stands; the text is not kept and the description field opens with the offer.
                form.Values.Remove("description");
                form.Values["offerPending"] = true;
            }
            else
            {
                form.Values["description"] = Descriptions.Clean(description, options.MaxDescriptionLength);
            }

            return FieldResult.Accepted;
        }

        private IReadOnlyList<Choice> Choices() =>
            [.. content.Current.ComplaintCategories.Take(12).Select(c => new Choice(c.Name, CategoryPrefix + c.Id, c.Keywords)), new Choice(ComplaintTexts.Cancel, "ยกเลิก")];
    }

    /// <summary>What happened, in the citizen's words (cleaned, at most MaxDescriptionLength characters).</summary>
    private sealed class DescriptionField(ComplaintOptions options, CorruptionGuard corruption) : FormField("description", "รายละเอียด")
    {
        public override async Task AskAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.Values["offerPending"] is not null)
            {
                form.Values.Remove("offerPending");
                await corruption.OfferAsync(form, cancellationToken).ConfigureAwait(false);
                return;
            }

            await form.SendAsync(ComplaintTexts.AskDescription, cancellationToken).ConfigureAwait(false);
        }

        public override Task RetryAsync(FormContext form, CancellationToken cancellationToken) => form.SendAsync(ComplaintTexts.AskDescriptionAgain, cancellationToken);

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (await CorruptionGuard.AnswerAsync(form, cancellationToken).ConfigureAwait(false) is { } answered)
            {
                return answered;
            }

            if (form.Activity.Kind != ActivityKind.Message || string.IsNullOrWhiteSpace(form.Activity.Text))
            {
                return FieldResult.Rejected();
            }

            // Offer the protected channel before anything is kept: the text is not written to the state.
            if (corruption.Suspect(form, form.Activity.Text))
            {
                await corruption.OfferAsync(form, cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            form.Values[Name] = Descriptions.Clean(form.Activity.Text, options.MaxDescriptionLength);
            return FieldResult.Accepted;
        }
    }

    /// <summary>Photos, optional and several: each is received (downloaded, checked, stripped) as it arrives; "ไม่มีรูป"/"ต่อไป" ends the step.</summary>
    private sealed class PhotosField(IComplaintPhotos photos, ComplaintOptions options, Privacy.PrivacyLink privacy, ICorruptionCheck understanding)
        : FormField("photos", "รูปถ่าย")
    {
        private const string Done = "photosDone";

        // With photos turned off (MaxPhotos 0) the question is never asked.
        public override bool IsFilled(FormContext form) => options.MaxPhotos == 0 || form.Values[Done] is not null;

        public override void BeginEdit(FormContext form)
        {
            form.Values["photos"] = new JsonArray();
            form.Values.Remove(Done);
        }

        // PDPA section 23: the notice comes before the first question for a photo, a place or a phone number.
        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(privacy.BeforePersonalData(form.Dialog.ConversationData, form.Values) + ComplaintTexts.AskPhotos(options.MaxPhotos), Choices(0)), cancellationToken);

        public override Task RepromptAsync(FormContext form, CancellationToken cancellationToken) => RetryAsync(form, cancellationToken);

        public override Task RetryAsync(FormContext form, CancellationToken cancellationToken)
        {
            var count = Count(form);
            return form.SendAsync(Reply.FromText(ComplaintTexts.PhotoOrNext(ComplaintTexts.PhotoSkipLabel(count)), Choices(count)), cancellationToken);
        }

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            var list = form.Values["photos"] as JsonArray ?? [];
            form.Values["photos"] = list;
            if (form.Activity.Kind == ActivityKind.Attachment && form.Activity.Attachment is { } attachment)
            {
                if (attachment.Kind != AttachmentKind.Image)
                {
                    await form.SendAsync(PhotosOnly(list.Count), cancellationToken).ConfigureAwait(false);
                    return FieldResult.Waiting;
                }

                if (list.Count >= options.MaxPhotos)
                {
                    return Finish(form);
                }

                var received = await photos.ReceiveAsync(attachment.ContentId, cancellationToken).ConfigureAwait(false);
                if (received.Photo is not { } photo)
                {
                    await form.SendAsync(received.Refusal is { } refusal ? Reply.FromText(refusal, Choices(list.Count)) : PhotosOnly(list.Count), cancellationToken)
                        .ConfigureAwait(false);
                    return FieldResult.Waiting;
                }

                list.Add(new JsonObject
                {
                    ["id"] = photo.Id,
                    ["contentType"] = photo.ContentType,
                    ["width"] = photo.Width,
                    ["height"] = photo.Height,
                    ["bytes"] = photo.Bytes,
                });
                if (received.Gps is { } gps && form.Values["gps"] is null)
                {
                    // Only ever a suggestion for the location step; the photo itself keeps no metadata.
                    form.Values["gps"] = new JsonObject { ["lat"] = gps.Latitude, ["lon"] = gps.Longitude };
                }

                if (list.Count >= options.MaxPhotos)
                {
                    form.Lead = ComplaintTexts.PhotoLimit(list.Count);
                    return Finish(form);
                }

                await form.SendAsync(Reply.FromText(ComplaintTexts.PhotoReceived(list.Count), Choices(list.Count)), cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            if (form.PostbackData == NextData || NextWords.Contains(form.Said) || form.Said.Contains(ComplaintTexts.NoPhoto, StringComparison.Ordinal))
            {
                return Finish(form);   // "ตอนนี้ไม่มีรูปค่ะ เดี๋ยวส่งทีหลัง" too
            }

            // Citizens type on instead of sending a photo ("อยู่หน้าบ้านเลขที่ 5 นะคะ", "ดับสองต้นค่ะ"): that is kept with the
            // description, and the place it names taken while none is yet. Thanks or a question get the step's question again.
            if (form.Text is { } typed && understanding.MoreOfTheProblem(typed) is { } more)
            {
                KeepDetail(form, typed, more.Place);
                await form.SendAsync(Reply.FromText(ComplaintTexts.DetailKept + "\n" + ComplaintTexts.PhotoOrNext(ComplaintTexts.PhotoSkipLabel(list.Count)), Choices(list.Count)),
                    cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            return FieldResult.Rejected();
        }

        private void KeepDetail(FormContext form, string typed, string? place)
        {
            var description = form.Values["description"]?.GetValue<string>();
            form.Values["description"] = Descriptions.Clean(description is null ? typed : description + "\n" + typed, options.MaxDescriptionLength);
            if (place is { Length: > 0 } && form.Values["location"] is null)
            {
                form.Values["location"] = new JsonObject { ["text"] = Descriptions.Clean(place, 300) };
            }
        }

        private static FieldResult Finish(FormContext form)
        {
            form.Values[Done] = true;
            return FieldResult.Accepted;
        }

        private static int Count(FormContext form) => (form.Values["photos"] as JsonArray)?.Count ?? 0;

        private static IReadOnlyList<Choice> Choices(int photos) =>
            [Choice.Camera(ComplaintTexts.TakePhoto), Choice.PhotoLibrary(ComplaintTexts.ChoosePhoto), new Choice(ComplaintTexts.PhotoSkipLabel(photos), NextData, [ComplaintTexts.NoPhoto, ComplaintTexts.NextStep, "ข้าม"])];

        private static Reply PhotosOnly(int photos) => Reply.FromText(ComplaintTexts.PhotosOnlyOr(ComplaintTexts.PhotoSkipLabel(photos)), Choices(photos));
    }

    /// <summary>Where: a LINE location (name and address kept), the photo's GPS, or a typed place; a pin far outside the agency is questioned.</summary>
    private sealed class LocationField(ContentPackProvider content, ComplaintOptions options, Privacy.PrivacyLink privacy) : FormField("location", "สถานที่")
    {
        private const string Far = "far";

        public override Task AskAsync(FormContext form, CancellationToken cancellationToken)
        {
            var withGps = form.Values["gps"] is not null;
            List<Choice> choices = [Choice.ShareLocation("📍 ส่งตำแหน่ง")];
            if (withGps)
            {
                choices.Add(new Choice("ใช้ตำแหน่งจากรูป", GpsData));
            }

            // The place is personal data too: the notice comes first when no photo question came before it.
            return form.SendAsync(Reply.FromText(privacy.BeforePersonalData(form.Dialog.ConversationData, form.Values) + (withGps ? ComplaintTexts.AskLocationWithGps : ComplaintTexts.AskLocation), choices),
                cancellationToken);
        }

        public override async Task RetryAsync(FormContext form, CancellationToken cancellationToken)
        {
            await form.SendAsync(ComplaintTexts.AskLocationAgain, cancellationToken).ConfigureAwait(false);
            await AskAsync(form, cancellationToken).ConfigureAwait(false);
        }

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            if (form.Scratch[Far] is JsonObject pending)
            {
                if (form.PostbackData == FarYesData || YesWords.Contains(form.Said))
                {
                    form.Values[Name] = pending.DeepClone();
                    return FieldResult.Accepted;
                }

                form.Scratch.Remove(Far);
                await AskAsync(form, cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            double? lat = null, lon = null;
            string? address = null, text = null;
            if (form.Activity is { Kind: ActivityKind.Location, Location: { } place })
            {
                (lat, lon, address) = (place.Latitude, place.Longitude, Descriptions.Clean(Places.NameAndAddress(place), 200));
            }
            else if (form.PostbackData == GpsData && form.Values["gps"] is JsonObject gps)
            {
                (lat, lon) = (gps["lat"]!.GetValue<double>(), gps["lon"]!.GetValue<double>());
            }
            else if (form.Text is { } typed && !NextWords.Contains(form.Said))
            {
                text = Descriptions.Clean(typed, 300);
            }
            else
            {
                return FieldResult.Rejected();
            }

            var location = new JsonObject { ["lat"] = lat, ["lon"] = lon, ["address"] = address, ["text"] = text };
            if (lat is { } la && lon is { } lo)
            {
                var office = content.Current.Agency.Location;
                var km = Geo.DistanceKm(office.Latitude, office.Longitude, la, lo);
                if (km > options.ServiceAreaKm)
                {
                    form.Scratch[Far] = location;
                    await form.SendAsync(Reply.FromText(
                        ComplaintTexts.FarAway(km),
                        [new Choice(ComplaintTexts.FarAwayYes, FarYesData), new Choice(ComplaintTexts.FarAwayNo, FarNoData)]), cancellationToken).ConfigureAwait(false);
                    return FieldResult.Waiting;
                }
            }

            form.Values[Name] = location;
            return FieldResult.Accepted;
        }
    }

    /// <summary>Whether staff may call back: through LINE, by phone (a number asked next, or typed straight away), or not at all.</summary>
    private sealed class ContactField(Privacy.PrivacyLink privacy) : FormField("contact", "การติดต่อกลับ")
    {
        private const string AskingPhone = "phone";

        public override Task AskAsync(FormContext form, CancellationToken cancellationToken) =>
            form.SendAsync(Reply.FromText(ComplaintTexts.AskContact, Choices()), cancellationToken);

        public override async Task<FieldResult> AcceptAsync(FormContext form, CancellationToken cancellationToken)
        {
            var typedPhone = form.Activity.Kind == ActivityKind.Message ? PhoneNumbers.Normalise(form.Activity.Text) : null;
            if (form.Scratch[AskingPhone] is not null)
            {
                if (typedPhone is null)
                {
                    return FieldResult.Rejected(Reply.FromText(ComplaintTexts.AskPhoneAgain));
                }

                return Keep(form, "phone", typedPhone);
            }

            if (form.PostbackData == ContactPhoneData || form.Said == ThaiText.NormalizeAnswer(ComplaintTexts.ContactPhone))
            {
                form.Scratch[AskingPhone] = true;
                await form.SendAsync(privacy.BeforePersonalData(form.Dialog.ConversationData, form.Values) + ComplaintTexts.AskPhone, cancellationToken).ConfigureAwait(false);
                return FieldResult.Waiting;
            }

            if (typedPhone is not null)
            {
                return Keep(form, "phone", typedPhone);
            }

            if (form.PostbackData == ContactLineData || form.Said == ThaiText.NormalizeAnswer(ComplaintTexts.ContactLine) || YesWords.Contains(form.Said))
            {
                return Keep(form, "line", null);
            }

            if (form.PostbackData == ContactNoneData || form.Said == ThaiText.NormalizeAnswer(ComplaintTexts.ContactNone) || form.Said is "ไม่" or "ไม่ต้อง" or "ไม่ใช่")
            {
                return Keep(form, "none", null);
            }

            return FieldResult.Rejected();
        }

        private FieldResult Keep(FormContext form, string how, string? phone)
        {
            form.Values[Name] = how;
            if (phone is null)
            {
                form.Values.Remove("phone");
            }
            else
            {
                form.Values["phone"] = phone;
            }

            return FieldResult.Accepted;
        }

        private static IReadOnlyList<Choice> Choices() =>
            [new Choice(ComplaintTexts.ContactLine, ContactLineData), new Choice(ComplaintTexts.ContactPhone, ContactPhoneData), new Choice(ComplaintTexts.ContactNone, ContactNoneData)];
    }
}

/// <summary>What the citizen confirmed, ready to file.</summary>
internal sealed record ComplaintDraft(
    string CategoryId, string Description, IReadOnlyList<CasePhoto> Photos, CaseLocation? Location, bool ContactConsent, string? ContactPhone);
