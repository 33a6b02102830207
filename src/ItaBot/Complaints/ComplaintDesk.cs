using ItaBot.Cases;
using ItaBot.Conversations;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Complaints;

/// <summary>A photo the citizen sent, received and stripped of its metadata, or the reason it was refused.</summary>
internal sealed record ReceivedPhoto(CasePhoto? Photo, GeoLocation? Gps, string? Refusal);

/// <summary>Downloads, checks and stores a photo a citizen sent (the Media slice does the work).</summary>
internal interface IComplaintPhotos
{
    Task<ReceivedPhoto> ReceiveAsync(string messageId, CancellationToken cancellationToken);
}

/// <summary>
/// The complaint dialogs' door to the case store. Everything a dialog changes joins the turn's commit through
/// <see cref="TurnWrites"/>, so a case is filed exactly when the citizen's confirmation is handled, never twice.
/// Reads check ownership: a citizen only ever sees the cases filed from their own LINE account.
/// </summary>
internal sealed class ComplaintDesk(CaseService cases, TurnWrites writes, TimeProvider time)
{
    /// <summary>How long after closing a case can still be rated (measure 3's satisfaction data), from its card or by typing.</summary>
    public static readonly TimeSpan RatingWindow = TimeSpan.FromDays(30);

    /// <summary>Whether the citizen may rate the case now: closed, not rated yet, closed at most <see cref="RatingWindow"/> ago.</summary>
    public bool CanRate(CaseRecord record) => WhyNotRate(record) is null;

    /// <summary>The polite reason a rating is refused, or null when it is welcome.</summary>
    public string? WhyNotRate(CaseRecord record) =>
        record.Rating is not null ? ComplaintTexts.RateAlready
        : !record.Status.IsClosed() ? ComplaintTexts.RateNotClosed
        : record.ClosedAt is { } closed && time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(closed, DateTimeKind.Utc)) > RatingWindow ? ComplaintTexts.RateTooLate
        : null;

    /// <summary>The citizen's cases that can be rated now, newest first.</summary>
    public IReadOnlyList<CaseRecord> Rateable(string lineUserId) => [.. Mine(lineUserId, 50).Where(CanRate)];

    /// <summary>
    /// This turn carried text that reads like a corruption report: its inbox event is redacted in the turn's commit (and
    /// the store's log sealed), as for the protected channel's own turns, so nothing of it stays in the store.
    /// </summary>
    public void Protect(Activity activity) => writes.Protect(activity.ConversationId);

    /// <summary>Files the draft in this turn's commit and returns the case as it will be stored (its number included).</summary>
    public CaseRecord File(Activity activity, ComplaintDraft draft)
    {
        var prepared = cases.Prepare(new NewCase
        {
            CategoryId = draft.CategoryId,
            Channel = CaseChannel.Line,
            Description = draft.Description,
            Photos = draft.Photos,
            Location = draft.Location,
            CitizenLineUserId = activity.UserId,
            ContactConsent = draft.ContactConsent,
            ContactPhone = draft.ContactPhone,
        }, CaseService.CitizenActor);
        writes.Add(activity.ConversationId, prepared.Write);
        return prepared.Case;
    }

    public IReadOnlyList<CaseRecord> Mine(string lineUserId, int limit) => cases.ListForCitizen(lineUserId, limit);

    /// <summary>The case if it is this citizen's; null otherwise (someone else's id is "not found", never "forbidden").</summary>
    public CaseRecord? FindMine(string lineUserId, string caseId) =>
        cases.Get(caseId) is { } found && string.Equals(found.CitizenLineUserId, lineUserId, StringComparison.Ordinal) ? found : null;

    public void FollowUp(Activity activity, CaseRecord record, string text) =>
        writes.Add(activity.ConversationId, cases.CitizenFollowUpWrite(record.Id, record.Version, activity.UserId, text));

    public void Rate(Activity activity, CaseRecord record, int score) =>
        writes.Add(activity.ConversationId, cases.RateWrite(record.Id, record.Version, activity.UserId, score, null));

    public void RatingComment(Activity activity, CaseRecord record, string comment) =>
        writes.Add(activity.ConversationId, cases.RatingCommentWrite(record.Id, record.Version, activity.UserId, comment));
}
