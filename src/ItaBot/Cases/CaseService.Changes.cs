using ItaBot.Storage;

namespace ItaBot.Cases;

internal sealed partial class CaseService
{
    /// <summary>Where each status may go. Closed states are final: a closed case that needs more work is a new case.</summary>
    public static readonly IReadOnlyDictionary<CaseStatus, CaseStatus[]> Transitions = new Dictionary<CaseStatus, CaseStatus[]>
    {
        [CaseStatus.Received] = [CaseStatus.Assigned, CaseStatus.InProgress, CaseStatus.Completed, CaseStatus.Referred, CaseStatus.Rejected],
        [CaseStatus.Assigned] = [CaseStatus.InProgress, CaseStatus.Completed, CaseStatus.Referred, CaseStatus.Rejected],
        [CaseStatus.InProgress] = [CaseStatus.Completed, CaseStatus.Referred, CaseStatus.Rejected],
        [CaseStatus.Completed] = [],
        [CaseStatus.Referred] = [],
        [CaseStatus.Rejected] = [],
    };

    public static bool CanChange(CaseStatus from, CaseStatus to) => Transitions[from].Contains(to);

    public Task<CaseChangeResult> ChangeStatusAsync(string id, int expectedVersion, CaseStatus to, string actor, string? note) =>
        _writer.WriteAsync(work => Apply(work, id, expectedVersion, staffAction: true, (c, now) =>
        {
            note = Clean(note);
            if (!CanChange(c.Status, to))
            {
                return Change.Refused($"เปลี่ยนสถานะจาก \"{c.Status.Thai()}\" เป็น \"{to.Thai()}\" ไม่ได้");
            }

            if (to is CaseStatus.Rejected or CaseStatus.Referred && note is null)
            {
                return Change.Refused(to == CaseStatus.Rejected ? "กรุณาระบุเหตุผลที่ไม่รับเรื่อง" : "กรุณาระบุหน่วยงานที่ส่งต่อ");
            }

            return new Change(c with { Status = to }, new CaseEvent(now, CaseEventKind.StatusChanged, actor, c.Status, to, note));
        }));

    /// <summary>Gives the case to an officer; a case still "received" becomes "assigned".</summary>
    public Task<CaseChangeResult> AssignAsync(string id, int expectedVersion, string assigneeId, string actor, string? note = null) =>
        _writer.WriteAsync(work => Apply(work, id, expectedVersion, staffAction: true, (c, now) =>
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(assigneeId);
            if (c.Status.IsClosed())
            {
                return Change.Refused("เรื่องนี้ปิดแล้ว มอบหมายไม่ได้");
            }

            var to = c.Status == CaseStatus.Received ? CaseStatus.Assigned : c.Status;
            return new Change(c with { AssigneeId = assigneeId, Status = to },
                new CaseEvent(now, CaseEventKind.Assigned, actor, c.Status, to, Clean(note)));
        }));

    /// <summary>An answer for the citizen (an observer pushes it to LINE).</summary>
    public Task<CaseChangeResult> AnswerCitizenAsync(string id, int expectedVersion, string answer, string actor) =>
        _writer.WriteAsync(work => Apply(work, id, expectedVersion, staffAction: true, (c, now) =>
            Clean(answer) is { } text
                ? new Change(c, new CaseEvent(now, CaseEventKind.AnswerToCitizen, actor, null, null, text))
                : Change.Refused("กรุณาพิมพ์คำตอบ")));

    public Task<CaseChangeResult> AddInternalNoteAsync(string id, int expectedVersion, string note, string actor) =>
        _writer.WriteAsync(work => Apply(work, id, expectedVersion, staffAction: true, (c, now) =>
            Clean(note) is { } text
                ? new Change(c, new CaseEvent(now, CaseEventKind.InternalNote, actor, null, null, text))
                : Change.Refused("กรุณาพิมพ์บันทึก")));

    /// <summary>The citizen adds to their case (from a dialog turn: see <see cref="CitizenFollowUpWrite"/>).</summary>
    public Task<CaseChangeResult> AddCitizenFollowUpAsync(string id, int expectedVersion, string lineUserId, string text) =>
        _writer.WriteAsync(work => Apply(work, id, expectedVersion, staffAction: false, FollowUp(lineUserId, text)));

    public Action<IUnitOfWork> CitizenFollowUpWrite(string id, int expectedVersion, string lineUserId, string text) =>
        work => ThrowUnlessChanged(Apply(work, id, expectedVersion, staffAction: false, FollowUp(lineUserId, text)));

    /// <summary>How many photos a case takes in all; a citizen's further photos are refused with <see cref="PhotosFullText"/>.</summary>
    public const int MaxPhotosPerCase = 20;

    public const string PhotosFullText = "เรื่องนี้มีรูปถ่ายครบจำนวนที่รับได้แล้วค่ะ พิมพ์รายละเอียดเพิ่มเติมแทนได้นะคะ";

    /// <summary>The note of a citizen's follow-up that is a photo (the photo itself joins the case's photos).</summary>
    public const string PhotoAddedNote = "ส่งรูปถ่ายเพิ่มเติม 1 รูป";

    /// <summary>
    /// A photo the citizen adds to their open case after filing, in a dialog turn: it joins the case's photos, and the
    /// timeline and staff hear of it as of any follow-up. <paramref name="photo"/> must already be in the case's agency's photo store.
    /// </summary>
    public Action<IUnitOfWork> CitizenPhotoWrite(string id, int expectedVersion, string lineUserId, CasePhoto photo) =>
        work => ThrowUnlessChanged(Apply(work, id, expectedVersion, staffAction: false, (c, now) =>
            !IsOwner(c, lineUserId) ? Change.Refused("ไม่พบเรื่องนี้")
            : c.Status.IsClosed() ? Change.Refused("เรื่องนี้ปิดแล้ว")
            : c.Photos.Count >= MaxPhotosPerCase ? Change.Refused(PhotosFullText)
            : new Change(c with { Photos = [.. c.Photos, photo] }, new CaseEvent(now, CaseEventKind.CitizenFollowUp, CitizenActor, null, null, PhotoAddedNote))));

    /// <summary>The citizen rates the service: only once, only when the case is closed, 1–5.</summary>
    public Task<CaseChangeResult> RateAsync(string id, int expectedVersion, string lineUserId, int score, string? comment) =>
        _writer.WriteAsync(work => Apply(work, id, expectedVersion, staffAction: false, Rating(lineUserId, score, comment)));

    public Action<IUnitOfWork> RateWrite(string id, int expectedVersion, string lineUserId, int score, string? comment) =>
        work => ThrowUnlessChanged(Apply(work, id, expectedVersion, staffAction: false, Rating(lineUserId, score, comment)));

    /// <summary>
    /// The comment a citizen adds after tapping a score (the score is stored at the tap, so that it counts even when no
    /// comment follows). Only once, only to a rating that has none yet.
    /// </summary>
    public Action<IUnitOfWork> RatingCommentWrite(string id, int expectedVersion, string lineUserId, string comment) =>
        work => ThrowUnlessChanged(Apply(work, id, expectedVersion, staffAction: false, (c, now) =>
            !IsOwner(c, lineUserId) ? Change.Refused("ไม่พบเรื่องนี้")
            : c.Rating is not { Comment: null } rating ? Change.Refused("เรื่องนี้มีความเห็นแล้วค่ะ")
            : Clean(comment) is not { } text ? Change.Refused("กรุณาพิมพ์ความเห็น")
            : new Change(c with { Rating = rating with { Comment = text } }, new CaseEvent(now, CaseEventKind.Rated, CitizenActor, null, null, text))));

    private static Func<CaseRecord, DateTime, Change> FollowUp(string lineUserId, string text) => (c, now) =>
        !IsOwner(c, lineUserId) ? Change.Refused("ไม่พบเรื่องนี้")
        : Clean(text) is { } note ? new Change(c, new CaseEvent(now, CaseEventKind.CitizenFollowUp, CitizenActor, null, null, note))
        : Change.Refused("กรุณาพิมพ์ข้อความ");

    private static Func<CaseRecord, DateTime, Change> Rating(string lineUserId, int score, string? comment) => (c, now) =>
        !IsOwner(c, lineUserId) ? Change.Refused("ไม่พบเรื่องนี้")
        : !c.Status.IsClosed() ? Change.Refused("ให้คะแนนได้เมื่อเรื่องเสร็จสิ้นแล้วค่ะ")
        : c.Rating is not null ? Change.Refused("เรื่องนี้ให้คะแนนแล้วค่ะ")
        : score is < 1 or > 5 ? Change.Refused("คะแนนต้องอยู่ระหว่าง 1 ถึง 5")
        : new Change(c with { Rating = new CaseRating(score, Clean(comment), now) },
            new CaseEvent(now, CaseEventKind.Rated, CitizenActor, null, null, Clean(comment)));

    private static bool IsOwner(CaseRecord c, string lineUserId) =>
        c.CitizenLineUserId is not null && string.Equals(c.CitizenLineUserId, lineUserId, StringComparison.Ordinal);

    private static void ThrowUnlessChanged(CaseChangeResult result)
    {
        if (!result.Changed)
        {
            throw new CaseChangeException(result);
        }
    }

    /// <summary>
    /// The one path of every change, run inside a store write: version check, the change itself, the timeline entry,
    /// Version + 1, AcknowledgedAt on the first staff action, ClosedAt on closing, then the observers.
    /// </summary>
    private CaseChangeResult Apply(IUnitOfWork work, string id, int expectedVersion, bool staffAction, Func<CaseRecord, DateTime, Change> change)
    {
        if (_store.Find(work, id) is not { } before)
        {
            return new CaseChangeResult(CaseChangeOutcome.NotFound, null, "ไม่พบเรื่องนี้");
        }

        if (before.Version != expectedVersion)
        {
            return new CaseChangeResult(CaseChangeOutcome.Conflict, before, "มีผู้อื่นแก้ไขเรื่องนี้ไปก่อนแล้ว กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง");
        }

        if (staffAction && ReferredAway(before) is { } referred)
        {
            return new CaseChangeResult(CaseChangeOutcome.Invalid, before, referred);
        }

        var now = CaseTimes.Truncate(_time.GetUtcNow().UtcDateTime);
        var (changed, entry, error) = change(before, now);
        if (error is not null || changed is null || entry is null)
        {
            return new CaseChangeResult(CaseChangeOutcome.Invalid, before, error);
        }

        var after = changed with
        {
            Timeline = [.. before.Timeline, entry],
            Version = before.Version + 1,
            AcknowledgedAt = before.AcknowledgedAt ?? (staffAction ? now : null),
            ClosedAt = before.ClosedAt ?? (changed.Status.IsClosed() ? now : null),
        };
        _store.Update(work, after);
        foreach (var observer in _observers)
        {
            observer.OnCaseChanged(work, before, after, entry);
        }

        return new CaseChangeResult(CaseChangeOutcome.Changed, after);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private readonly record struct Change(CaseRecord? After, CaseEvent? Event, string? Error = null)
    {
        public static Change Refused(string error) => new(null, null, error);
    }
}
