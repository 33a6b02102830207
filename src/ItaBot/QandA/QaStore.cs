using ItaBot.Storage;
using LiteDB;
using ItaBot.Storage.LiteDb;

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
/// (unanswered, handed over), so that staff can improve the content pack.
/// </summary>
internal sealed record QaLogEntry(ObjectId Id, DateTime At, QaOutcome Outcome, string? MatchedId, double Score, string? Question);

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
/// when the citizen was told "ส่งให้เจ้าหน้าที่แล้ว". It must only write to the database it is given.
/// </summary>
internal interface IHandoverObserver
{
    void OnHandoverCreated(LiteDatabase db, string handoverId, string question);
}

/// <summary>What to push to the citizen once staff answered a handover.</summary>
internal sealed record HandoverPush(string HandoverId, string To, string Text);

/// <summary>
/// The Q&amp;A log and the handovers, in the messaging LiteDB file. Writes made during a turn go through
/// <see cref="TurnWrites"/> into the turn's commit; the staff pages (issue 4) use the read and answer methods.
/// </summary>
internal sealed class QaStore
{
    public const string LogCollection = "qa_log";
    public const string HandoverCollection = "handovers";
    public const string AnswerIntro = "คำตอบจากเจ้าหน้าที่เทศบาลค่ะ";

    private readonly MessagingStore _store;
    private readonly TimeProvider _time;

    private readonly IReadOnlyList<IHandoverObserver> _observers;

    public QaStore(MessagingStore store, TimeProvider time, IEnumerable<IHandoverObserver>? observers = null)
    {
        _observers = observers?.ToList() ?? [];
        // Indexes are created by MessagingStore before its writer starts: LiteDB 5 must never see two writers.
        _store = store;
        _time = time;
    }

    /// <summary>
    /// A log line to commit with the turn. The question is dropped unless the outcome needs it. A question's first line
    /// has <paramref name="id"/> = its thread; later lines of the same question (the choice after an offer, the handover
    /// after "cannot answer") carry that id as <c>Thread</c>, so the statistics see one question and its latest outcome.
    /// </summary>
    public Action<IUnitOfWork> LogWrite(QaOutcome outcome, string? matchedId, double score, string? question, ObjectId? id = null, ObjectId? thread = null)
    {
        var keepText = outcome is QaOutcome.Unanswered or QaOutcome.HandedOver;
        var document = new BsonDocument
        {
            ["_id"] = id ?? ObjectId.NewObjectId(),
            ["At"] = _time.GetUtcNow().UtcDateTime,
            ["Outcome"] = outcome.ToString(),
            ["MatchedId"] = matchedId,
            ["Score"] = Math.Round(score, 3),
            ["Question"] = keepText ? question : null,
        };
        if (thread is not null && thread != document["_id"].AsObjectId)
        {
            document["Thread"] = thread;
        }

        return db => db.LiteDb().GetCollection(LogCollection).Insert(document);
    }

    /// <summary>A new open handover to commit with the turn. The same open question from the same user is not stored twice.</summary>
    public Action<IUnitOfWork> HandoverWrite(string question, string lineUserId, string conversationId)
    {
        var document = new BsonDocument
        {
            ["_id"] = ObjectId.NewObjectId().ToString(),
            ["CreatedAt"] = _time.GetUtcNow().UtcDateTime,
            ["Status"] = nameof(HandoverStatus.Open),
            ["Question"] = question,
            ["LineUserId"] = lineUserId,
            ["ConversationId"] = conversationId,
        };
        return db =>
        {
            var handovers = db.LiteDb().GetCollection(HandoverCollection);
            var twin = handovers.Find(Query.And(Query.EQ("LineUserId", lineUserId), Query.EQ("Status", nameof(HandoverStatus.Open))))
                .Any(d => string.Equals(d["Question"].AsString, question, StringComparison.Ordinal));
            if (!twin)
            {
                handovers.Insert(document);
                foreach (var observer in _observers)
                {
                    observer.OnHandoverCreated(db.LiteDb(), document["_id"].AsString, question);
                }
            }
        };
    }

    public IReadOnlyList<Handover> ListOpenHandovers(int limit = 100) =>
        [.. _store.Database.GetCollection(HandoverCollection).Find(Query.EQ("Status", nameof(HandoverStatus.Open)))
            .Select(ToHandover).OrderBy(h => h.CreatedAt).Take(limit)];

    public Handover? FindHandover(string id) =>
        _store.Database.GetCollection(HandoverCollection).FindById(id) is { } document ? ToHandover(document) : null;

    /// <summary>
    /// Records the staff answer and returns the push to send to the citizen (null when the handover does not exist or
    /// was already answered). The record is committed before the push is returned. <paramref name="alsoWrite"/> runs in
    /// the same write with the push (the staff page puts it in the notification outbox), so the answer and its delivery
    /// commit together or not at all.
    /// </summary>
    public Task<HandoverPush?> AnswerHandoverAsync(string id, string answer, string staffName, Action<LiteDatabase, HandoverPush>? alsoWrite = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        var now = _time.GetUtcNow().UtcDateTime;
        var text = answer.Trim();
        return _store.Writer.WriteAsync(db =>
        {
            var handovers = db.LiteDb().GetCollection(HandoverCollection);
            if (handovers.FindById(id) is not { } document || document["Status"].AsString != nameof(HandoverStatus.Open))
            {
                return null;
            }

            document["Status"] = nameof(HandoverStatus.Answered);
            document["StaffAnswer"] = text;
            document["AnsweredAt"] = now;
            document["AnsweredBy"] = staffName;
            handovers.Update(document);
            var push = new HandoverPush(id, document["LineUserId"].AsString, $"{AnswerIntro}\nคำถาม: {document["Question"].AsString}\n\n{text}");
            alsoWrite?.Invoke(db.LiteDb(), push);
            return push;
        });
    }

    /// <summary>Questions the bot could not answer (newest first), for staff to improve the content pack.</summary>
    public IReadOnlyList<QaLogEntry> ListUnanswered(DateTime? since = null, int limit = 200) =>
        [.. _store.Database.GetCollection(LogCollection)
            .Find(Query.And(Query.GTE("At", since ?? DateTime.MinValue),
                Query.Or(Query.EQ("Outcome", nameof(QaOutcome.Unanswered)), Query.EQ("Outcome", nameof(QaOutcome.HandedOver)))))
            .Select(ToLogEntry).OrderByDescending(e => e.At).Take(limit)];

    /// <summary>The log in [from, to), oldest first.</summary>
    public IReadOnlyList<QaLogEntry> ListLog(DateTime from, DateTime to) =>
        [.. _store.Database.GetCollection(LogCollection).Find(Query.And(Query.GTE("At", from), Query.LT("At", to)))
            .Select(ToLogEntry).OrderBy(e => e.At).ThenBy(e => e.Id)];

    /// <summary>Counts per outcome in [from, to), for the ITA statistics.</summary>
    public IReadOnlyDictionary<QaOutcome, int> CountOutcomes(DateTime from, DateTime to) =>
        _store.Database.GetCollection(LogCollection).Find(Query.And(Query.GTE("At", from), Query.LT("At", to)))
            .Select(ToLogEntry).GroupBy(e => e.Outcome).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A citizen's questions handed to staff (their access request and copy).</summary>
    public IReadOnlyList<Handover> ListHandoversFor(string lineUserId) =>
        [.. _store.Database.GetCollection(HandoverCollection).Find(Query.EQ("LineUserId", lineUserId)).Select(ToHandover).OrderBy(h => h.CreatedAt)];

    /// <summary>
    /// Removes the personal data of answered handovers (question, answer, LINE id): of one citizen (an erasure request) or
    /// of all answered before <paramref name="answeredBefore"/> (retention). Open ones still need an answer and stay.
    /// </summary>
    public static int EraseHandoversWrite(LiteDatabase db, string? lineUserId, DateTime? answeredBefore)
    {
        var collection = db.GetCollection(HandoverCollection);
        var query = lineUserId is not null ? Query.EQ("LineUserId", lineUserId) : Query.EQ("Status", nameof(HandoverStatus.Answered));
        var erased = 0;
        foreach (var d in collection.Find(query).ToList())
        {
            if (d["Status"].AsString != nameof(HandoverStatus.Answered) || d["LineUserId"].AsString.Length == 0
                || (answeredBefore is { } before && !(d["AnsweredAt"].IsDateTime && d["AnsweredAt"].AsDateTime.ToUniversalTime() < before)))
            {
                continue;
            }

            d["Question"] = ErasedText;
            d["StaffAnswer"] = ErasedText;
            d["LineUserId"] = string.Empty;
            d["ConversationId"] = string.Empty;
            collection.Update(d);
            erased++;
        }

        return erased;
    }

    /// <summary>Retention: questions typed before <paramref name="before"/> lose their text; the outcome stays for the statistics.</summary>
    public static int EraseLogTextWrite(LiteDatabase db, DateTime before)
    {
        var collection = db.GetCollection(LogCollection);
        var erased = 0;
        foreach (var d in collection.Find(Query.LT("At", before)).Where(d => !d["Question"].IsNull).ToList())
        {
            d["Question"] = BsonValue.Null;
            collection.Update(d);
            erased++;
        }

        return erased;
    }

    public const string ErasedText = "[ลบข้อมูลส่วนบุคคลแล้ว]";

    private static QaLogEntry ToLogEntry(BsonDocument d) => new(
        d["_id"].AsObjectId, d["At"].AsDateTime.ToUniversalTime(), Enum.Parse<QaOutcome>(d["Outcome"].AsString), NullableString(d["MatchedId"]),
        d["Score"].AsDouble, NullableString(d["Question"]));

    private static Handover ToHandover(BsonDocument d) => new(
        d["_id"].AsString, d["CreatedAt"].AsDateTime.ToUniversalTime(), Enum.Parse<HandoverStatus>(d["Status"].AsString), d["Question"].AsString,
        d["LineUserId"].AsString, d["ConversationId"].AsString, NullableString(d["StaffAnswer"]),
        d["AnsweredAt"].IsNull ? null : d["AnsweredAt"].AsDateTime.ToUniversalTime(), NullableString(d["AnsweredBy"]));

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;
}
