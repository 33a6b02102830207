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

    /// <summary>
    /// The copies of <paramref name="c"/> (a case of the agency in context) in the agencies of the deployment it was referred
    /// to, followed on through further referrals, each with its agency: what an erasure of the person here must reach too.
    /// </summary>
    public IReadOnlyList<ReferredCopy> ReferredCopies(CaseRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.ReferredTo is null)
        {
            return [];
        }

        List<ReferredCopy> copies = [];
        var at = c;
        while (copies.Count < MaxReferralHops && at.ReferredTo is { } to && _agencies?.Find(to.AgencyId) is { } agency)
        {
            using var there = AgencyContext.Enter(agency.Id);
            if (_store.Get(to.CaseId) is not { } copy)
            {
                break;
            }

            copies.Add(new ReferredCopy(agency.Id, agency.Name, copy));
            at = copy;
        }

        return copies;
    }

    /// <summary>How many cases, how many still with personal data, how many photos (record of processing).</summary>
    public CaseCensus Census() => _store.Census();

    private static IReadOnlyList<CaseEvent> Erased(IReadOnlyList<CaseEvent> timeline) =>
        [.. timeline.Select(e => e with { Note = e.Note is null ? null : ErasedText })];

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
                Timeline = Erased(c.Timeline),
                // A referral's reason and the history a received case carries from the other agency are notes too.
                ReferredTo = c.ReferredTo is { } to ? to with { Reason = ErasedText } : null,
                ReferredFrom = c.ReferredFrom is { } origin ? origin with { Reason = ErasedText, History = Erased(origin.History) } : null,
                Version = c.Version + 1,
            };
        _store.ReplaceKeepingFacts(work, stripped);
        return photos;
    }
}

/// <summary>A case referred on to another agency of the deployment, as that agency holds it (see <see cref="CaseService.ReferredCopies"/>).</summary>
internal sealed record ReferredCopy(string AgencyId, string AgencyName, CaseRecord Case);
