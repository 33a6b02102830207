using LiteDB;

namespace ItaBot.Cases;

/// <summary>
/// What the privacy slice may do to cases: find a person's cases, and strip a closed case of its personal data
/// (retention or an erasure request). Only the case document changes; "case_facts" holds no personal data and is left
/// as it was, so the statistics of every period stay what they were.
/// </summary>
internal sealed partial class CaseStore
{
    public const string ErasedText = "[ลบข้อมูลส่วนบุคคลแล้ว]";

    /// <summary>Every case of a LINE user or of a phone number given at filing, newest first (no paging: a person's own cases).</summary>
    public IReadOnlyList<CaseRecord> ListForSubject(string? lineUserId, string? phone)
    {
        var found = new Dictionary<string, CaseRecord>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(lineUserId))
        {
            foreach (var d in Cases.Find(Query.EQ("CitizenLineUserId", lineUserId)))
            {
                var c = CaseDocuments.FromBson(d);
                found[c.Id] = c;
            }
        }

        if (!string.IsNullOrEmpty(phone))
        {
            // Walk-in and phone complaints carry a phone number only; no index for a rare request.
            foreach (var d in Cases.Find(Query.EQ("ContactPhone", phone)))
            {
                var c = CaseDocuments.FromBson(d);
                found[c.Id] = c;
            }
        }

        return [.. found.Values.OrderByDescending(c => c.CreatedAt)];
    }

    /// <summary>Closed cases closed before <paramref name="closedBefore"/> that still hold personal data (or photos, with <paramref name="photosOnly"/>).</summary>
    public IReadOnlyList<CaseRecord> ListExpired(DateTime closedBefore, bool photosOnly, int limit = 500) =>
        [.. Cases.Find(Query.LT("ClosedAt", closedBefore)).Select(CaseDocuments.FromBson)
            .Where(c => c.Status.IsClosed() && (photosOnly ? c.Photos.Count > 0 : !IsAnonymised(c))).Take(limit)];

    public static bool IsAnonymised(CaseRecord c) =>
        c is { CitizenLineUserId: null, ContactName: null, ContactPhone: null, Location: null, Photos.Count: 0, Description: ErasedText };

    /// <summary>
    /// The write that removes a closed case's personal data (or only its photos): name, phone, LINE id, description, place,
    /// notes and the rating comment go; number, category, department, channel, dates, statuses and the score stay.
    /// Returns the ids of the photos the caller must delete from disk once the write has committed. Refuses an open case.
    /// </summary>
    public static IReadOnlyList<string> AnonymiseWrite(LiteDatabase db, string caseId, bool photosOnly)
    {
        var collection = db.GetCollection(CollectionName);
        if (collection.FindById(caseId) is not { } document)
        {
            return [];
        }

        var c = CaseDocuments.FromBson(document);
        if (!c.Status.IsClosed())
        {
            throw new InvalidOperationException("An open case keeps its personal data: staff still need it.");
        }

        var photos = c.Photos.Select(p => p.Id).ToList();
        var stripped = photosOnly
            ? c with { Photos = [], Version = c.Version + 1 }
            : c with
            {
                Description = ErasedText,
                Photos = [],
                Location = null,
                CitizenLineUserId = null,
                ContactName = null,
                ContactPhone = null,
                ContactConsent = false,
                Rating = c.Rating is { } r ? r with { Comment = null } : null,
                Timeline = [.. c.Timeline.Select(e => e with { Note = e.Note is null ? null : ErasedText })],
                Version = c.Version + 1,
            };
        collection.Update(CaseDocuments.ToBson(stripped));
        return photos;
    }
}
