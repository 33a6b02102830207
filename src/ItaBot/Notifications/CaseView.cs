using ItaBot.Cases;

namespace ItaBot.Notifications;

/// <summary>The few fields of a case that deadline scans and digests need.</summary>
internal sealed record CaseView(
    string Id,
    string Number,
    string Department,
    CaseStatus Status,
    string? AssigneeId,
    DateTime CreatedAt,
    DateTime AcknowledgeBy,
    DateTime AnswerBy,
    DateTime? AcknowledgedAt,
    bool Answered)
{
    /// <summary>Cases not closed, asked of the case slice's store.</summary>
    public static IEnumerable<CaseView> Open(ICaseStore cases) => cases.ListOpen().Select(From);

    public static CaseView From(CaseRecord c) => new(
        c.Id, c.Number, c.Department, c.Status, c.AssigneeId, c.CreatedAt, c.AcknowledgeBy, c.AnswerBy, c.AcknowledgedAt,
        c.Timeline.Any(e => e.Kind == CaseEventKind.AnswerToCitizen));
}
