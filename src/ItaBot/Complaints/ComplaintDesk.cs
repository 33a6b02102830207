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
/// Reads check ownership: a citizen only ever sees the cases filed from their own LINE account. A case referred to
/// another agency of the deployment is seen, followed up and rated where it is now (<see cref="CitizenCase"/>): the
/// citizen keeps writing in this agency's chat, and what they write lands in the other agency's case.
/// </summary>
internal sealed class ComplaintDesk(CaseService cases, TurnWrites writes, TimeProvider time)
{
    /// <summary>How long after closing a case can still be rated (measure 3's satisfaction data), from its card or by typing.</summary>
    public static readonly TimeSpan RatingWindow = TimeSpan.FromDays(30);

    /// <summary>How many of the citizen's own cases are looked through for a case another agency holds now.</summary>
    private const int ReferredLookup = 50;

    /// <summary>Whether the citizen may rate the case now: closed, not rated yet, closed at most <see cref="RatingWindow"/> ago.</summary>
    public bool CanRate(CaseRecord record) => WhyNotRate(record) is null;

    /// <summary>The polite reason a rating is refused, or null when it is welcome.</summary>
    public string? WhyNotRate(CaseRecord record) =>
        record.Rating is not null ? ComplaintTexts.RateAlready
        : !record.Status.IsClosed() ? ComplaintTexts.RateNotClosed
        : record.ClosedAt is { } closed && time.GetUtcNow() - new DateTimeOffset(DateTime.SpecifyKind(closed, DateTimeKind.Utc)) > RatingWindow ? ComplaintTexts.RateTooLate
        : null;

    /// <summary>How soon after filing a typed complaint of the same kind is asked about as more of that case (<see cref="JustFiledDialog"/>).</summary>
    public static readonly TimeSpan JustFiled = TimeSpan.FromHours(1);

    /// <summary>The citizen's newest open case filed at most <see cref="JustFiled"/> ago, of <paramref name="categoryId"/> when it is known; null when none.</summary>
    public CitizenCase? JustFiledCase(string lineUserId, string? categoryId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return Mine(lineUserId, 3).FirstOrDefault(c => !c.Case.Status.IsClosed() && now - DateTime.SpecifyKind(c.Case.CreatedAt, DateTimeKind.Utc) <= JustFiled
            && (categoryId is null || string.Equals(c.Case.CategoryId, categoryId, StringComparison.Ordinal)));
    }

    /// <summary>The citizen's cases that can be rated now, newest first.</summary>
    public IReadOnlyList<CitizenCase> Rateable(string lineUserId) => [.. Mine(lineUserId, 50).Where(c => CanRate(c.Case))];

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

    /// <summary>The citizen's cases filed in this chat, newest first, each as it is now (a referred one: the other agency's case).</summary>
    public IReadOnlyList<CitizenCase> Mine(string lineUserId, int limit) => [.. cases.ListForCitizen(lineUserId, limit).Select(c => cases.Current(c))];

    /// <summary>
    /// The case if it is this citizen's, as it is now; null otherwise (someone else's id is "not found", never "forbidden").
    /// <paramref name="caseId"/> is a case of this agency (a card of before the referral: its holder's case is returned) or
    /// the case another agency holds now of one of the citizen's cases here (its card, its notices, its rating request).
    /// </summary>
    public CitizenCase? FindMine(string lineUserId, string caseId)
    {
        if (cases.Get(caseId) is { } own)
        {
            return IsOwner(own, lineUserId) && cases.Current(own) is var current && IsOwner(current.Case, lineUserId) ? current : null;
        }

        foreach (var referred in cases.ListForCitizen(lineUserId, ReferredLookup))
        {
            if (referred.ReferredTo is not null && cases.Current(referred) is { Holder: not null } held
                && string.Equals(held.Case.Id, caseId, StringComparison.Ordinal) && IsOwner(held.Case, lineUserId))
            {
                return held;
            }
        }

        return null;
    }

    private static bool IsOwner(CaseRecord c, string lineUserId) => string.Equals(c.CitizenLineUserId, lineUserId, StringComparison.Ordinal);

    public void FollowUp(Activity activity, CitizenCase record, string text) =>
        writes.Add(activity.ConversationId, CaseService.InHolder(record, cases.CitizenFollowUpWrite(record.Id, record.Case.Version, activity.UserId, text)));

    /// <summary>The photo, received in this agency's store, where the case's holder keeps its photos (null: it could not be moved there).</summary>
    public Task<CasePhoto?> PhotoForAsync(CitizenCase record, CasePhoto photo, CancellationToken cancellationToken) =>
        cases.PhotoForAsync(record, photo, cancellationToken);

    public void FollowUpPhoto(Activity activity, CitizenCase record, CasePhoto photo) =>
        writes.Add(activity.ConversationId, CaseService.InHolder(record, cases.CitizenPhotoWrite(record.Id, record.Case.Version, activity.UserId, photo)));

    public void Rate(Activity activity, CitizenCase record, int score) =>
        writes.Add(activity.ConversationId, CaseService.InHolder(record, cases.RateWrite(record.Id, record.Case.Version, activity.UserId, score, null)));

    public void RatingComment(Activity activity, CitizenCase record, string comment) =>
        writes.Add(activity.ConversationId, CaseService.InHolder(record, cases.RatingCommentWrite(record.Id, record.Case.Version, activity.UserId, comment)));
}
