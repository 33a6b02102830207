using ItaBot.Agencies;
using ItaBot.Storage;

namespace ItaBot.Cases;

/// <summary>Copies a case's photos from one agency's photo store to another's (the Media slice does it; Cases only asks).</summary>
internal interface ICasePhotoTransfer
{
    /// <summary>The photo as stored anew for <paramref name="toAgency"/>; null when <paramref name="fromAgency"/> no longer has it.</summary>
    Task<CasePhoto?> CopyAsync(CasePhoto photo, string fromAgency, string toAgency, CancellationToken cancellationToken);

    /// <summary>As <see cref="CopyAsync"/>, then the photo is deleted from <paramref name="fromAgency"/>'s store.</summary>
    Task<CasePhoto?> MoveAsync(CasePhoto photo, string fromAgency, string toAgency, CancellationToken cancellationToken);
}

/// <summary>
/// A citizen's case as it stands now, seen from the agency whose LINE channel they write in (the agency in context): the
/// case itself, or, when it was referred to another agency of the deployment, that agency's case (followed through
/// further referrals), which is where their follow-ups, questions and rating belong. <see cref="Holder"/> is that other
/// agency (null: the case is this agency's own); <see cref="Pack"/> is the holder's content pack (its categories and units).
/// </summary>
internal sealed record CitizenCase(CaseRecord Case, AgencyInfo? Holder, Content.ContentPack Pack)
{
    /// <summary>The case's id in the holder's rows: what a card or a rating request carries.</summary>
    public string Id => Case.Id;
}

/// <summary>A referral's outcome: the referring case as it is now and, when it went through, the new case of the other agency.</summary>
internal sealed record CaseReferralResult(CaseChangeResult Change, CaseRecord? Received)
{
    public static CaseReferralResult Refused(CaseChangeOutcome outcome, CaseRecord? c, string error) => new(new CaseChangeResult(outcome, c, error), null);
}

internal sealed partial class CaseService
{
    public const string SingleAgencyText = "ระบบนี้มีหน่วยงานเดียว ส่งต่อภายในระบบไม่ได้ค่ะ";
    public const string UnknownAgencyText = "ไม่พบหน่วยงานที่เลือกในระบบ กรุณาเลือกหน่วยงานจากรายการค่ะ";
    public const string ReasonRequiredText = "กรุณาระบุเหตุผลที่ส่งต่อค่ะ";

    /// <summary>The agencies a case of the agency in context may be referred to (none on a single-agency deployment).</summary>
    public IReadOnlyList<AgencyInfo> ReferralTargets() =>
        _agencies is { Several: true } agencies
            ? [.. agencies.All.Where(a => !string.Equals(a.Id, AgencyContext.CurrentId, StringComparison.Ordinal))]
            : [];

    /// <summary>
    /// Refers a case of the agency in context to <paramref name="toAgencyId"/>, another agency of this deployment (ส่งต่อหน่วยงานอื่น):
    /// in one store write the case is closed here as referred (a link to the new case; the citizen is told, through this
    /// agency's channel, who has it now) and a new case, numbered by the other agency, is filed in its queue with the
    /// description, place, contact, photos (copied into its photo store first), this case's history and the reason; its
    /// staff are told as of any new case. Later notices of the new case reach the citizen through the channel they are a
    /// friend of (<see cref="CaseRecord.CitizenAgencyId"/>). <paramref name="nameOf"/> turns this agency's actors into names.
    /// </summary>
    public async Task<CaseReferralResult> ReferAsync(string id, int expectedVersion, string toAgencyId, string? reason, string actor,
        Func<string, string> nameOf, CancellationToken cancellationToken = default)
    {
        var from = AgencyContext.CurrentId;
        if (_agencies is not { Several: true } agencies)
        {
            return CaseReferralResult.Refused(CaseChangeOutcome.Invalid, _store.Get(id), SingleAgencyText);
        }

        if (_store.Get(id) is not { } c)
        {
            return CaseReferralResult.Refused(CaseChangeOutcome.NotFound, null, "ไม่พบเรื่องนี้");
        }

        reason = Clean(reason);
        if (agencies.Find(toAgencyId) is not { } to || string.Equals(to.Id, from, StringComparison.Ordinal))
        {
            return CaseReferralResult.Refused(CaseChangeOutcome.Invalid, c, UnknownAgencyText);
        }

        if (c.Version != expectedVersion)
        {
            return CaseReferralResult.Refused(CaseChangeOutcome.Conflict, c, "มีผู้อื่นแก้ไขเรื่องนี้ไปก่อนแล้ว กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง");
        }

        if ((NotReferable(c) ?? (reason is null ? ReasonRequiredText : null)) is { } refusal)
        {
            return CaseReferralResult.Refused(CaseChangeOutcome.Invalid, c, refusal);
        }

        var source = agencies.Find(from)!;
        var photos = new List<CasePhoto>(c.Photos.Count);
        foreach (var photo in c.Photos)
        {
            if (_photoTransfer is not null && await _photoTransfer.CopyAsync(photo, from, to.Id, cancellationToken).ConfigureAwait(false) is { } copied)
            {
                photos.Add(copied);
            }
        }

        var now = CaseTimes.Truncate(_time.GetUtcNow().UtcDateTime);
        var referredEntry = new CaseEvent(now, CaseEventKind.StatusChanged, actor, c.Status, CaseStatus.Referred, reason);
        // Names as this agency knows its staff, read before entering the other agency.
        var actorName = nameOf(actor);
        IReadOnlyList<CaseEvent> history = [.. c.Timeline.Append(referredEntry).Select(e => e with { Actor = e.Actor == CitizenActor ? CitizenActor : nameOf(e.Actor) })];
        CaseRecord received;
        CaseEvent created;
        using (AgencyContext.Enter(to.Id))
        {
            // The other agency's pack decides department and deadlines; a category it does not have becomes its "other" (or its first).
            var pack = _content.Current;
            var category = pack.FindComplaintCategory(c.CategoryId) ?? pack.FindComplaintCategory("other") ?? pack.ComplaintCategories[0];
            created = new CaseEvent(now, CaseEventKind.Created, actorName, null, CaseStatus.Received,
                $"รับเรื่องส่งต่อจาก{source.Name} เลขที่ {c.Number}\nเหตุผล: {reason}");
            received = NewRecord(new NewCase
            {
                CategoryId = category.Id,
                Channel = c.Channel,
                Description = c.Description,
                Photos = photos,
                Location = c.Location,
                CitizenLineUserId = c.CitizenLineUserId,
                ContactConsent = c.ContactConsent,
                ContactName = c.ContactName,
                ContactPhone = c.ContactPhone,
            }, category, now, created) with
            {
                ReferredFrom = new CaseReferral(source.Id, source.Name, c.Id, c.Number, reason!)
                {
                    History = history,
                },
                // A friend of the channel the case came in through, however many times it is referred on.
                CitizenAgencyId = c.CitizenLineUserId is null ? null : c.CitizenAgencyId ?? from,
            };
        }

        var referredTo = new CaseReferral(to.Id, to.Name, received.Id, received.Number, reason!);
        var change = await _writer.WriteAsync(work =>
        {
            var result = Apply(work, id, expectedVersion, staffAction: true, (current, _) =>
                NotReferable(current) is { } error
                    ? Change.Refused(error)
                    : new Change(current with { Status = CaseStatus.Referred, ReferredTo = referredTo }, referredEntry));
            if (result.Changed)
            {
                using var inTarget = AgencyContext.Enter(to.Id);
                Insert(work, received, created);
            }

            return result;
        }).ConfigureAwait(false);
        return new CaseReferralResult(change, change.Changed ? received : null);
    }

    /// <summary>At most this many referrals are followed from a citizen's case to the case that has it now.</summary>
    private const int MaxReferralHops = 8;

    /// <summary>
    /// Where the citizen's case <paramref name="c"/> (a case of the agency in context) is now: itself, or the case of the
    /// agency it was referred to, followed on while that one was referred again (a link whose case is gone ends the walk).
    /// </summary>
    public CitizenCase Current(CaseRecord c)
    {
        var copies = ReferredCopies(c);
        if (copies.Count == 0)
        {
            return new CitizenCase(c, null, _content.Current);
        }

        var last = copies[^1];
        if (string.Equals(last.AgencyId, AgencyContext.CurrentId, StringComparison.Ordinal))
        {
            // Referred back here in the end: this agency's own case again.
            return new CitizenCase(last.Case, null, _content.Current);
        }

        using var there = AgencyContext.Enter(last.AgencyId);
        return new CitizenCase(last.Case, _agencies!.Find(last.AgencyId), _content.Current);
    }

    /// <summary>A write of the case's holder (<see cref="CitizenCase.Holder"/>), run in that agency's rows inside any unit of work (a turn of this agency's chat).</summary>
    public static Action<IUnitOfWork> InHolder(CitizenCase c, Action<IUnitOfWork> write)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Holder is not { } holder ? write : work =>
        {
            using var there = AgencyContext.Enter(holder.Id);
            write(work);
        };
    }

    /// <summary>
    /// A photo the citizen sent in this agency's chat for <paramref name="c"/>: as it is when the case is this agency's,
    /// moved into the holder's photo store when another agency has it (null when it could not be).
    /// </summary>
    public async Task<CasePhoto?> PhotoForAsync(CitizenCase c, CasePhoto photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Holder is not { } holder ? photo
            : _photoTransfer is null ? null
            : await _photoTransfer.MoveAsync(photo, AgencyContext.CurrentId, holder.Id, cancellationToken).ConfigureAwait(false);
    }

    private static string? NotReferable(CaseRecord c) =>
        ReferredAway(c) ?? (CanChange(c.Status, CaseStatus.Referred) ? null : $"เรื่องนี้อยู่ในสถานะ \"{c.Status.Thai()}\" แล้ว ส่งต่อไม่ได้ค่ะ");

    /// <summary>Why a case referred to another agency of the deployment takes no more staff changes here (null: it was not).</summary>
    private static string? ReferredAway(CaseRecord c) =>
        c.ReferredTo is { } to ? $"เรื่องนี้ส่งต่อให้{to.AgencyName}แล้ว (เลขที่ {to.Number}) แก้ไขที่นี่ไม่ได้ค่ะ" : null;
}
