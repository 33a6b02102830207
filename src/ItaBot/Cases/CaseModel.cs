namespace ItaBot.Cases;

/// <summary>
/// Where a general complaint is in its life. Open311 sees the first three as "open" and the last three as "closed"
/// (see <see cref="CaseStatuses.IsClosed"/>). Corruption reports never become cases: they live in the vault.
/// </summary>
internal enum CaseStatus
{
    /// <summary>รับเรื่อง: filed, not yet given to anyone.</summary>
    Received,

    /// <summary>มอบหมายแล้ว: an officer of the department has it.</summary>
    Assigned,

    /// <summary>กำลังดำเนินการ: work has started.</summary>
    InProgress,

    /// <summary>เสร็จสิ้น: done; the citizen is asked to rate the service.</summary>
    Completed,

    /// <summary>ส่งต่อหน่วยงานอื่น: another agency's matter (a note names it).</summary>
    Referred,

    /// <summary>ไม่รับเรื่อง: not accepted (a reason is required).</summary>
    Rejected,
}

/// <summary>How the complaint reached the agency; the ITA statistics count every channel.</summary>
internal enum CaseChannel
{
    Line,
    Web,
    WalkIn,
    Phone,
    Letter,
}

/// <summary>What one timeline entry records.</summary>
internal enum CaseEventKind
{
    Created,
    StatusChanged,
    Assigned,
    /// <summary>An answer from staff to the citizen (pushed to LINE when the case came from LINE).</summary>
    AnswerToCitizen,
    /// <summary>A note only staff see.</summary>
    InternalNote,
    /// <summary>The citizen added something (text or photo) after filing.</summary>
    CitizenFollowUp,
    Rated,
}

internal static class CaseStatuses
{
    public static bool IsClosed(this CaseStatus status) => status is CaseStatus.Completed or CaseStatus.Referred or CaseStatus.Rejected;

    /// <summary>Open311's two-valued status.</summary>
    public static string Open311(this CaseStatus status) => status.IsClosed() ? "closed" : "open";

    public static string Thai(this CaseStatus status) => status switch
    {
        CaseStatus.Received => "รับเรื่อง",
        CaseStatus.Assigned => "มอบหมายแล้ว",
        CaseStatus.InProgress => "กำลังดำเนินการ",
        CaseStatus.Completed => "เสร็จสิ้น",
        CaseStatus.Referred => "ส่งต่อหน่วยงานอื่น",
        CaseStatus.Rejected => "ไม่รับเรื่อง",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The deadline an open case must meet next: acknowledging while unacknowledged, else answering (null once closed).</summary>
    public static DateTime? OpenDue(this CaseRecord c) =>
        c.Status.IsClosed() ? null : c.AcknowledgedAt is null && c.AcknowledgeBy < c.AnswerBy ? c.AcknowledgeBy : c.AnswerBy;

    public static string Thai(this CaseChannel channel) => channel switch
    {
        CaseChannel.Line => "LINE",
        CaseChannel.Web => "เว็บไซต์",
        CaseChannel.WalkIn => "ติดต่อด้วยตนเอง",
        CaseChannel.Phone => "โทรศัพท์",
        CaseChannel.Letter => "หนังสือ",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };
}

/// <summary>A photo attached to a case: the metadata-stripped copy staff see, stored under the data directory.</summary>
internal sealed record CasePhoto(string Id, string ContentType, int Width, int Height, long Bytes);

/// <summary>Where it happened: a LINE location (coordinates, maybe an address) or a typed place (text only).</summary>
internal sealed record CaseLocation(double? Latitude, double? Longitude, string? Address, string? Text);

/// <summary>One line of a case's timeline: who did what, when, with an optional note.</summary>
internal sealed record CaseEvent(
    DateTime At,
    CaseEventKind Kind,
    string Actor,
    CaseStatus? From,
    CaseStatus? To,
    string? Note);

/// <summary>The citizen's rating after the case closed (measure 3: satisfaction rate).</summary>
internal sealed record CaseRating(int Score, string? Comment, DateTime At);

/// <summary>
/// A general complaint. <see cref="Number"/> is what citizens and staff quote ("ร68-00042": fiscal year in the
/// Buddhist Era, then a sequence within it). <see cref="Version"/> increases with every change: a change made from a
/// stale copy is refused, never silently overwritten. Times are UTC; deadlines are computed in Bangkok working days.
/// <see cref="CitizenLineUserId"/> is kept only to push status notices and answers back; it is never logged.
/// </summary>
internal sealed record CaseRecord
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required int FiscalYear { get; init; }
    public required int Sequence { get; init; }
    public required string CategoryId { get; init; }
    public required string Department { get; init; }
    public required CaseChannel Channel { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<CasePhoto> Photos { get; init; } = [];
    public CaseLocation? Location { get; init; }
    public string? CitizenLineUserId { get; init; }
    public bool ContactConsent { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhone { get; init; }
    public required CaseStatus Status { get; init; }
    public string? AssigneeId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime AcknowledgeBy { get; init; }
    public required DateTime AnswerBy { get; init; }
    public DateTime? AcknowledgedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public CaseRating? Rating { get; init; }
    public IReadOnlyList<CaseEvent> Timeline { get; init; } = [];
    public int Version { get; init; }

    /// <summary>Set on a case closed as referred to another agency of this deployment: where it went.</summary>
    public CaseReferral? ReferredTo { get; init; }

    /// <summary>Set on a case that came from another agency of this deployment: where it came from, why, and its history there.</summary>
    public CaseReferral? ReferredFrom { get; init; }

    /// <summary>
    /// The agency whose LINE channel the citizen is a friend of, when it is not this case's own (a referred case): notices
    /// to <see cref="CitizenLineUserId"/> go out through that channel. Null: this agency's own channel.
    /// </summary>
    public string? CitizenAgencyId { get; init; }
}

/// <summary>
/// One end of a referral between two agencies of the deployment: the other agency, its case and number; on the receiving
/// case also the reason and the history the case had there (actors as names: the other agency's staff ids mean nothing here).
/// Kept on PostgreSQL only (referral needs several agencies, and several agencies need PostgreSQL).
/// </summary>
internal sealed record CaseReferral(string AgencyId, string AgencyName, string CaseId, string Number, string Reason)
{
    public IReadOnlyList<CaseEvent> History { get; init; } = [];
}

/// <summary>Case times are kept to the millisecond (what every store keeps), so a record reads back equal to what was written.</summary>
internal static class CaseTimes
{
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}
