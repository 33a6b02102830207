using ItaBot.Storage;

namespace ItaBot.QandA;

/// <summary>What became of a question (the ITA statistics count these: measure 4.6).</summary>
internal enum QaOutcome
{
    Answered,
    AnsweredAfterChoice,
    Offered,
    HandedOver,
    Unanswered,
}

/// <summary>
/// One line of the Q&amp;A log. No user id. The question text is kept only when the bot could not answer
/// (unanswered, handed over), so that staff can improve the content pack. A question's first line has no
/// <see cref="Thread"/> (its id is the thread); the lines that follow it carry the first line's id.
/// </summary>
internal sealed record QaLogEntry(string Id, DateTime At, QaOutcome Outcome, string? MatchedId, double Score, string? Question, string? Thread = null);

internal enum HandoverStatus
{
    Open,
    Answered,
}

/// <summary>A question handed to staff. The LINE user id is kept so that the staff answer can be pushed back in the same chat.</summary>
internal sealed record Handover(
    string Id, DateTime CreatedAt, HandoverStatus Status, string Question, string LineUserId, string ConversationId,
    string? StaffAnswer, DateTime? AnsweredAt, string? AnsweredBy);

/// <summary>
/// Told of a new handover inside the store write that creates it (the turn's commit), so that staff are notified exactly
/// when the citizen was told "ส่งให้เจ้าหน้าที่แล้ว". It must only write into the unit of work it is given.
/// </summary>
internal interface IHandoverObserver
{
    void OnHandoverCreated(IUnitOfWork work, string handoverId, string question);
}

/// <summary>What to push to the citizen once staff answered a handover.</summary>
internal sealed record HandoverPush(string HandoverId, string To, string Text);

/// <summary>Texts of the Q&amp;A slice that outlive any one store.</summary>
internal static class QaTexts
{
    public const string AnswerIntro = "คำตอบจากเจ้าหน้าที่เทศบาลค่ะ";
    public const string ErasedText = "[ลบข้อมูลส่วนบุคคลแล้ว]";

    /// <summary>The message a citizen gets with a staff answer to their handed-over question.</summary>
    public static string Push(string question, string answer) => $"{AnswerIntro}\nคำถาม: {question}\n\n{answer}";
}

/// <summary>
/// The Q&amp;A log and the handovers. Writes made during a turn are returned as <see cref="Action{IUnitOfWork}"/> for
/// the turn's commit; the staff pages use the read and answer methods; reports and retention use the narrow queries.
/// </summary>
internal interface IQaStore
{
    /// <summary>
    /// A log line to commit with the turn. Ids are <see cref="RecordId"/>s (time-ordered; ties of one instant sort by id). The question is dropped unless the outcome needs it. A question's first line
    /// has <paramref name="id"/> = its thread; later lines of the same question (the choice after an offer, the handover
    /// after "cannot answer") carry that id as <paramref name="thread"/>, so the statistics see one question and its latest outcome.
    /// </summary>
    Action<IUnitOfWork> LogWrite(QaOutcome outcome, string? matchedId, double score, string? question, string? id = null, string? thread = null);

    /// <summary>A new open handover to commit with the turn. The same open question from the same user is not stored twice.</summary>
    Action<IUnitOfWork> HandoverWrite(string question, string lineUserId, string conversationId);

    /// <summary>Open handovers, oldest first.</summary>
    IReadOnlyList<Handover> ListOpenHandovers(int limit = 100);

    Handover? FindHandover(string id);

    /// <summary>
    /// Records the staff answer and returns the push to send to the citizen (null when the handover does not exist or
    /// was already answered). The record is committed before the push is returned. <paramref name="alsoWrite"/> runs in
    /// the same write with the push (the staff page puts it in the notification outbox), so the answer and its delivery
    /// commit together or not at all.
    /// </summary>
    Task<HandoverPush?> AnswerHandoverAsync(string id, string answer, string staffName, Action<IUnitOfWork, HandoverPush>? alsoWrite = null);

    /// <summary>Questions the bot could not answer (newest first), for staff to improve the content pack.</summary>
    IReadOnlyList<QaLogEntry> ListUnanswered(DateTime? since = null, int limit = 200);

    /// <summary>The log in [from, to), oldest first (ties by id).</summary>
    IReadOnlyList<QaLogEntry> ListLog(DateTime from, DateTime to);

    /// <summary>Counts per outcome in [from, to), for the ITA statistics.</summary>
    IReadOnlyDictionary<QaOutcome, int> CountOutcomes(DateTime from, DateTime to);

    /// <summary>A citizen's questions handed to staff, oldest first (their access request and copy).</summary>
    IReadOnlyList<Handover> ListHandoversFor(string lineUserId);

    /// <summary>Handovers created from <paramref name="createdFrom"/> through <paramref name="createdThrough"/> (both included) and answered by <paramref name="answeredBy"/>.</summary>
    int CountAnsweredHandovers(DateTime createdFrom, DateTime createdThrough, DateTime answeredBy);

    /// <summary>Every handover and log line (the record of processing counts them).</summary>
    (int LogLines, int Handovers) Count();

    /// <summary>
    /// Removes the personal data of answered handovers (question, answer, LINE id): of one citizen (an erasure request) or
    /// of all answered before <paramref name="answeredBefore"/> (retention). Open ones still need an answer and stay.
    /// </summary>
    int EraseHandovers(IUnitOfWork work, string? lineUserId, DateTime? answeredBefore);

    /// <summary>Retention: questions typed before <paramref name="before"/> lose their text; the outcome stays for the statistics.</summary>
    int EraseLogText(IUnitOfWork work, DateTime before);
}
