using ItaBot.Storage;

namespace ItaBot.Cases;

/// <summary>
/// What the privacy slice may do to cases: find a person's cases, and strip a closed case of its personal data
/// (retention or an erasure request). Only the case changes; its facts hold no personal data and are left as they
/// were, so the statistics of every period stay what they were.
/// </summary>
internal sealed partial class CaseService
{
    public const string ErasedText = "[ลบข้อมูลส่วนบุคคลแล้ว]";

    /// <summary>Every case of a LINE user or of a phone number given at filing, newest first (no paging: a person's own cases).</summary>
    public IReadOnlyList<CaseRecord> ListForSubject(string? lineUserId, string? phone) => _store.ListForSubject(lineUserId, phone);

    /// <summary>Closed cases closed before <paramref name="closedBefore"/> that still hold personal data (or photos, with <paramref name="photosOnly"/>).</summary>
    public IReadOnlyList<CaseRecord> ListExpired(DateTime closedBefore, bool photosOnly, int limit = 500) =>
        _store.ListExpired(closedBefore, photosOnly, limit);

    /// <summary>How many cases, how many still with personal data, how many photos (record of processing).</summary>
    public CaseCensus Census() => _store.Census();

    public static bool IsAnonymised(CaseRecord c) =>
        c is { CitizenLineUserId: null, ContactName: null, ContactPhone: null, Location: null, Photos.Count: 0, Description: ErasedText };

    /// <summary>
    /// The write that removes a closed case's personal data (or only its photos): name, phone, LINE id, description, place,
    /// notes and the rating comment go; number, category, department, channel, dates, statuses and the score stay.
    /// Returns the ids of the photos the caller must delete from disk once the write has committed. Refuses an open case.
    /// </summary>
    public IReadOnlyList<string> Anonymise(IUnitOfWork work, string caseId, bool photosOnly)
    {
        if (_store.Find(work, caseId) is not { } c)
        {
            return [];
        }

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
        _store.ReplaceKeepingFacts(work, stripped);
        return photos;
    }
}
