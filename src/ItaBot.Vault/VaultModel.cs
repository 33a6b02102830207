namespace ItaBot.Vault;

/// <summary>Where a protected report stands; the same lifecycle as general complaint cases.</summary>
public enum ReportStatus
{
    /// <summary>รับเรื่อง: filed, not yet given to anyone.</summary>
    Received,

    /// <summary>มอบหมายแล้ว: an integrity officer has it.</summary>
    Assigned,

    /// <summary>กำลังดำเนินการ: work has started.</summary>
    InProgress,

    /// <summary>เสร็จสิ้น: done, with an outcome (substantiated or not).</summary>
    Completed,

    /// <summary>ส่งต่อหน่วยงานอื่น: another agency's matter (a note names it).</summary>
    Referred,

    /// <summary>ไม่รับเรื่อง: not accepted (a reason is required).</summary>
    Rejected,
}

/// <summary>How the report reached the agency (ITA statistics count every channel).</summary>
public enum ReportChannel
{
    Line,
    Web,
    WalkIn,
    Letter,
    Phone,
}

/// <summary>How a closed report ended; counted in statistics without opening content.</summary>
public enum ReportOutcome
{
    /// <summary>มีมูล: the facts were found to be true.</summary>
    Substantiated,

    /// <summary>ไม่มีมูล: investigated, not substantiated.</summary>
    NotSubstantiated,

    /// <summary>ส่งต่อหน่วยงานอื่น.</summary>
    Referred,

    /// <summary>ไม่รับเรื่อง.</summary>
    NotAccepted,
}

public static class ReportStatuses
{
    public static bool IsClosed(this ReportStatus status) =>
        status is ReportStatus.Completed or ReportStatus.Referred or ReportStatus.Rejected;

    public static string Thai(this ReportStatus status) => status switch
    {
        ReportStatus.Received => "รับเรื่อง",
        ReportStatus.Assigned => "มอบหมายแล้ว",
        ReportStatus.InProgress => "กำลังดำเนินการ",
        ReportStatus.Completed => "เสร็จสิ้น",
        ReportStatus.Referred => "ส่งต่อหน่วยงานอื่น",
        ReportStatus.Rejected => "ไม่รับเรื่อง",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The channel as statistics print it (measure 8.3 lists every channel, even when none came by it).</summary>
    public static string Thai(this ReportChannel channel) => channel switch
    {
        ReportChannel.Line => "LINE",
        ReportChannel.Web => "เว็บไซต์",
        ReportChannel.WalkIn => "ติดต่อด้วยตนเอง",
        ReportChannel.Letter => "หนังสือ",
        ReportChannel.Phone => "โทรศัพท์",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static string Thai(this ReportOutcome outcome) => outcome switch
    {
        ReportOutcome.Substantiated => "มีมูล",
        ReportOutcome.NotSubstantiated => "ไม่มีมูล",
        ReportOutcome.Referred => "ส่งต่อหน่วยงานอื่น",
        ReportOutcome.NotAccepted => "ไม่รับเรื่อง",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}

/// <summary>What the reporter told (measure 8.1: who, which unit, what, when, where, evidence). All of it is encrypted.</summary>
public sealed record ReportContent(
    string WhatHappened,
    string? Officials = null,
    string? Unit = null,
    string? When = null,
    string? Where = null,
    string? Evidence = null)
{
    /// <summary>Content never prints: a record logged by mistake must not leak the report.</summary>
    public override string ToString() => "ReportContent (hidden)";
}

/// <summary>Identity the reporter chose to give; its own data key, released only through an approved request.</summary>
public sealed record ReporterIdentity(string? Name, string? Phone = null, string? Email = null, string? Note = null)
{
    public override string ToString() => "ReporterIdentity (hidden)";
}

/// <summary>
/// A file: <paramref name="ViewingCopy"/> is what officers see (the caller strips metadata: EXIF GPS, device, author);
/// <paramref name="Original"/> (optional) is kept encrypted as evidence and opened only through an audited call.
/// </summary>
public sealed record NewAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> ViewingCopy, ReadOnlyMemory<byte>? Original = null)
{
    public override string ToString() => $"NewAttachment ({ViewingCopy.Length} bytes, name hidden)";
}

/// <summary>
/// A report to file. <paramref name="NotifierLineUserId"/>: only when the reporter opted in to status notices in LINE;
/// it is sealed with the notifier key. <paramref name="EnteredBy"/>: the officer who typed in a walk-in, letter or
/// phone report (null when the reporter filed it).
/// </summary>
public sealed record NewReport(
    ReportChannel Channel,
    ReportContent Content,
    ReporterIdentity? Identity = null,
    IReadOnlyList<NewAttachment>? Attachments = null,
    string? NotifierLineUserId = null,
    string? EnteredBy = null)
{
    public override string ToString() => $"NewReport ({Channel}, content hidden)";
}

/// <summary>
/// What submit returns. <see cref="Receipt"/> is shown to the reporter ONCE and never stored (only its Argon2id hash
/// is): do not log it, keep it in conversation state, or render it into anything cached.
/// </summary>
public sealed record Submission(string ReportId, string Number, string Receipt)
{
    /// <summary>The receipt never prints (logs, exceptions, debugger displays).</summary>
    public override string ToString() => $"Submission {Number} (receipt hidden)";
}

/// <summary>Acknowledge and answer deadlines (UTC) for a report filed at a given moment.</summary>
public sealed record ReportDeadlines(DateTimeOffset AcknowledgeBy, DateTimeOffset AnswerBy);

/// <summary>The outcome of a receipt check.</summary>
public enum ReceiptCheckStatus
{
    /// <summary>The receipt is right: <see cref="ReceiptCheck.Access"/> opens the reporter's side for a while.</summary>
    Accepted,

    /// <summary>Wrong (or malformed) receipt; the answer was slowed by <see cref="ReceiptCheck.Delay"/>.</summary>
    Rejected,

    /// <summary>Too many wrong receipts from this source, or from everywhere: not even checked. Try after <see cref="ReceiptCheck.RetryAfter"/>.</summary>
    Limited,
}

/// <summary>
/// An opaque, short-lived handle to one report's reporter side, held in memory only (never stored): the caller
/// keeps this instead of the receipt between steps of a conversation or form.
/// </summary>
public sealed record ReporterAccess(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"ReporterAccess (token hidden, expires {ExpiresAt:O})";
}

public sealed record ReceiptCheck(ReceiptCheckStatus Status, ReporterAccess? Access, TimeSpan Delay, TimeSpan? RetryAfter);

public enum MessageDirection
{
    /// <summary>From an integrity officer to the reporter (a question, an answer).</summary>
    ToReporter,

    /// <summary>From the reporter (an answer, more information).</summary>
    FromReporter,
}

/// <summary>A follow-up message. <see cref="OfficerId"/> is null for the reporter, and never shown to the reporter.</summary>
public sealed record ReportMessage(string Id, DateTimeOffset At, MessageDirection Direction, string? OfficerId, string Text)
{
    public override string ToString() => $"ReportMessage {Id} {Direction} (text hidden)";
}

/// <summary>An attachment's description (no bytes). <see cref="FromReporter"/> false: added by an officer.</summary>
public sealed record AttachmentInfo(string Id, DateTimeOffset At, string FileName, string ContentType, long ViewingBytes, bool HasOriginal, bool FromReporter);

public sealed record AttachmentContent(string Id, string FileName, string ContentType, byte[] Bytes)
{
    public override string ToString() => $"AttachmentContent {Id} ({Bytes.Length} bytes, name hidden)";
}

/// <summary>One step of a report's status history; <see cref="Note"/> is decrypted content (reason, referral).</summary>
public sealed record StatusChange(DateTimeOffset At, string Actor, ReportStatus From, ReportStatus To, string? Note)
{
    public override string ToString() => $"StatusChange {From} -> {To} by {Actor} (note hidden)";
}

public enum IdentityRequestState
{
    Pending,
    Approved,
    Denied,
}

/// <summary>A reasoned request to see the reporter's identity; a second, different officer decides.</summary>
public sealed record IdentityRequest(
    string Id,
    DateTimeOffset At,
    string RequestedBy,
    string Reason,
    IdentityRequestState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt)
{
    public override string ToString() => $"IdentityRequest {Id} {State} (reason hidden)";
}

/// <summary>The list row: no content at all.</summary>
public sealed record ReportSummary(
    string ReportId,
    string Number,
    ReportChannel Channel,
    ReportStatus Status,
    ReportOutcome? Outcome,
    string? AssigneeId,
    DateTimeOffset CreatedAt,
    DateTimeOffset AcknowledgeBy,
    DateTimeOffset AnswerBy,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset RetainUntil,
    bool HasIdentity,
    bool NotifierOptIn,
    int MessageCount,
    int AttachmentCount,
    DateTimeOffset? LastReporterActivityAt);

/// <summary>A report opened by an integrity officer: everything but the identity and the original attachments.</summary>
public sealed record ReportView(
    ReportSummary Summary,
    ReportContent Content,
    IReadOnlyList<ReportMessage> Messages,
    IReadOnlyList<AttachmentInfo> Attachments,
    IReadOnlyList<StatusChange> History,
    IReadOnlyList<IdentityRequest> IdentityRequests,
    string? OutcomeNote)
{
    public override string ToString() => $"ReportView {Summary.Number} (content hidden)";
}

/// <summary>What the receipt holder sees: status, deadlines, the exchange of messages, their files' names.</summary>
public sealed record ReporterView(
    string Number,
    ReportStatus Status,
    ReportOutcome? Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset AnswerBy,
    IReadOnlyList<ReporterMessage> Messages,
    IReadOnlyList<string> AttachmentNames)
{
    public override string ToString() => $"ReporterView {Number} {Status} (messages hidden)";
}

/// <summary>A message as the reporter sees it: no officer id.</summary>
public sealed record ReporterMessage(DateTimeOffset At, MessageDirection Direction, string Text)
{
    public override string ToString() => $"ReporterMessage {Direction} (text hidden)";
}

/// <summary>Filter for the officers' list; all optional.</summary>
public sealed record ReportQuery(ReportStatus? Status = null, bool? Open = null, string? AssigneeId = null, int Limit = 200);

public sealed record ExpiringReport(string ReportId, string Number, DateTimeOffset RetainUntil);

/// <summary>Counts for the ITA statistics (issue 6): reports filed in [From, To), from non-content fields only.</summary>
public sealed record VaultStatistics(
    DateTimeOffset From,
    DateTimeOffset To,
    int Total,
    int Open,
    int Closed,
    IReadOnlyDictionary<ReportStatus, int> ByStatus,
    IReadOnlyDictionary<string, int> ByMonth,
    IReadOnlyDictionary<ReportChannel, int> ByChannel,
    IReadOnlyDictionary<ReportOutcome, int> ByOutcome)
{
    /// <summary>The instant the reports were counted as of (their status then, not now).</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Every counted report, ordered by its random id: for the snapshot's trace, never anything of content.</summary>
    public IReadOnlyList<CountedReport> Reports { get; init; } = [];
}

/// <summary>
/// One report the statistics counted, as it stood at <see cref="VaultStatistics.AsOf"/>: its random id (16 random bytes,
/// hex; nothing derived from content), plain fields, and how many status changes it had by then.
/// </summary>
public sealed record CountedReport(string ReportId, DateTimeOffset CreatedAt, ReportChannel Channel, ReportStatus Status, ReportOutcome? Outcome, int StatusChanges);

/// <summary>One audit entry as stored (it holds no content).</summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string? ReportId, string? Detail, string Hash);

/// <summary>The chain check: intact, or the first entry whose hash, link or sequence is wrong.</summary>
public sealed record AuditVerification(bool IsIntact, long Entries, long? FirstBrokenSequence, string? Problem);

public sealed record KeyRotationResult(string OldKeyId, string NewKeyId, int ReportsRewrapped, TimeSpan Elapsed);

/// <summary>A rule of the vault was broken by the caller (e.g. the requester approving their own identity request).</summary>
public sealed class VaultRuleException(string message) : InvalidOperationException(message);

/// <summary>No such report (or it was deleted at expiry).</summary>
public sealed class ReportNotFoundException(string reportId) : KeyNotFoundException($"No protected report {reportId}.");
