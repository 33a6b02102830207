using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.QandA.LiteDb;

/// <summary>The Q&amp;A log ("qa_log") and the handovers ("handovers") in the messaging LiteDB file.</summary>
internal sealed class LiteDbQaStore(MessagingStore store, TimeProvider time, IEnumerable<IHandoverObserver>? observers = null) : IQaStore
{
    public const string LogCollection = "qa_log";
    public const string HandoverCollection = "handovers";

    private readonly IReadOnlyList<IHandoverObserver> _observers = observers?.ToList() ?? [];

    public Action<IUnitOfWork> LogWrite(QaOutcome outcome, string? matchedId, double score, string? question, string? id = null, string? thread = null)
    {
        var keepText = outcome is QaOutcome.Unanswered or QaOutcome.HandedOver;
        var document = new BsonDocument
        {
            ["_id"] = id is null ? ObjectId.NewObjectId() : new ObjectId(id),
            ["At"] = time.GetUtcNow().UtcDateTime,
            ["Outcome"] = outcome.ToString(),
            ["MatchedId"] = matchedId,
            ["Score"] = Math.Round(score, 3),
            ["Question"] = keepText ? question : null,
        };
        if (thread is not null && new ObjectId(thread) is var threadId && threadId != document["_id"].AsObjectId)
        {
            document["Thread"] = threadId;
        }

        return work => work.LiteDb().GetCollection(LogCollection).Insert(document);
    }

    public Action<IUnitOfWork> HandoverWrite(string question, string lineUserId, string conversationId)
    {
        var document = new BsonDocument
        {
            ["_id"] = ObjectId.NewObjectId().ToString(),
            ["CreatedAt"] = time.GetUtcNow().UtcDateTime,
            ["Status"] = nameof(HandoverStatus.Open),
            ["Question"] = question,
            ["LineUserId"] = lineUserId,
            ["ConversationId"] = conversationId,
        };
        return work =>
        {
            var handovers = work.LiteDb().GetCollection(HandoverCollection);
            var twin = handovers.Find(Query.And(Query.EQ("LineUserId", lineUserId), Query.EQ("Status", nameof(HandoverStatus.Open))))
                .Any(d => string.Equals(d["Question"].AsString, question, StringComparison.Ordinal));
            if (!twin)
            {
                handovers.Insert(document);
                foreach (var observer in _observers)
                {
                    observer.OnHandoverCreated(work, document["_id"].AsString, question);
                }
            }
        };
    }

    public IReadOnlyList<Handover> ListOpenHandovers(int limit = 100) =>
        [.. Handovers.Find(Query.EQ("Status", nameof(HandoverStatus.Open))).Select(ToHandover).OrderBy(h => h.CreatedAt).Take(limit)];

    public Handover? FindHandover(string id) => Handovers.FindById(id) is { } document ? ToHandover(document) : null;

    public Task<HandoverPush?> AnswerHandoverAsync(string id, string answer, string staffName, Action<IUnitOfWork, HandoverPush>? alsoWrite = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        var now = time.GetUtcNow().UtcDateTime;
        var text = answer.Trim();
        return store.Writer.WriteAsync(work =>
        {
            var handovers = work.LiteDb().GetCollection(HandoverCollection);
            if (handovers.FindById(id) is not { } document || document["Status"].AsString != nameof(HandoverStatus.Open))
            {
                return null;
            }

            document["Status"] = nameof(HandoverStatus.Answered);
            document["StaffAnswer"] = text;
            document["AnsweredAt"] = now;
            document["AnsweredBy"] = staffName;
            handovers.Update(document);
            var push = new HandoverPush(id, document["LineUserId"].AsString, QaTexts.Push(document["Question"].AsString, text));
            alsoWrite?.Invoke(work, push);
            return push;
        });
    }

    public IReadOnlyList<QaLogEntry> ListUnanswered(DateTime? since = null, int limit = 200) =>
        [.. Log.Find(Query.And(Query.GTE("At", since ?? DateTime.MinValue),
                Query.Or(Query.EQ("Outcome", nameof(QaOutcome.Unanswered)), Query.EQ("Outcome", nameof(QaOutcome.HandedOver)))))
            .Select(ToLogEntry).OrderByDescending(e => e.At).Take(limit)];

    public IReadOnlyList<QaLogEntry> ListLog(DateTime from, DateTime to) =>
        [.. Log.Find(Query.And(Query.GTE("At", from), Query.LT("At", to))).Select(ToLogEntry).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)];

    public IReadOnlyDictionary<QaOutcome, int> CountOutcomes(DateTime from, DateTime to) =>
        Log.Find(Query.And(Query.GTE("At", from), Query.LT("At", to))).Select(ToLogEntry).GroupBy(e => e.Outcome).ToDictionary(g => g.Key, g => g.Count());

    public IReadOnlyList<Handover> ListHandoversFor(string lineUserId) =>
        [.. Handovers.Find(Query.EQ("LineUserId", lineUserId)).Select(ToHandover).OrderBy(h => h.CreatedAt)];

    public int CountAnsweredHandovers(DateTime createdFrom, DateTime createdThrough, DateTime answeredBy) =>
        Handovers.Find(Query.Between("CreatedAt", createdFrom, createdThrough))
            .Count(d => !d["AnsweredAt"].IsNull && d["AnsweredAt"].AsDateTime.ToUniversalTime() <= answeredBy);

    public (int LogLines, int Handovers) Count() => (Log.Count(), Handovers.Count());

    public int EraseHandovers(IUnitOfWork work, string? lineUserId, DateTime? answeredBefore)
    {
        var collection = work.LiteDb().GetCollection(HandoverCollection);
        var query = lineUserId is not null ? Query.EQ("LineUserId", lineUserId) : Query.EQ("Status", nameof(HandoverStatus.Answered));
        var erased = 0;
        foreach (var d in collection.Find(query).ToList())
        {
            if (d["Status"].AsString != nameof(HandoverStatus.Answered) || d["LineUserId"].AsString.Length == 0
                || (answeredBefore is { } before && !(d["AnsweredAt"].IsDateTime && d["AnsweredAt"].AsDateTime.ToUniversalTime() < before)))
            {
                continue;
            }

            d["Question"] = QaTexts.ErasedText;
            d["StaffAnswer"] = QaTexts.ErasedText;
            d["LineUserId"] = string.Empty;
            d["ConversationId"] = string.Empty;
            collection.Update(d);
            erased++;
        }

        return erased;
    }

    public int EraseLogText(IUnitOfWork work, DateTime before)
    {
        var collection = work.LiteDb().GetCollection(LogCollection);
        var erased = 0;
        foreach (var d in collection.Find(Query.LT("At", before)).Where(d => !d["Question"].IsNull).ToList())
        {
            d["Question"] = BsonValue.Null;
            collection.Update(d);
            erased++;
        }

        return erased;
    }

    private ILiteCollection<BsonDocument> Log => store.Database.GetCollection(LogCollection);

    private ILiteCollection<BsonDocument> Handovers => store.Database.GetCollection(HandoverCollection);

    private static QaLogEntry ToLogEntry(BsonDocument d) => new(
        d["_id"].AsObjectId.ToString(), d["At"].AsDateTime.ToUniversalTime(), Enum.Parse<QaOutcome>(d["Outcome"].AsString), NullableString(d["MatchedId"]),
        d["Score"].AsDouble, NullableString(d["Question"]), d["Thread"].IsNull ? null : d["Thread"].AsObjectId.ToString());

    internal static Handover ToHandover(BsonDocument d) => new(
        d["_id"].AsString, d["CreatedAt"].AsDateTime.ToUniversalTime(), Enum.Parse<HandoverStatus>(d["Status"].AsString), d["Question"].AsString,
        d["LineUserId"].AsString, d["ConversationId"].AsString, NullableString(d["StaffAnswer"]),
        d["AnsweredAt"].IsNull ? null : d["AnsweredAt"].AsDateTime.ToUniversalTime(), NullableString(d["AnsweredBy"]));

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;
}

internal static class QandALiteDbExtensions
{
    /// <summary>The Q&amp;A store on the messaging file, and its collections and indexes.</summary>
    public static IServiceCollection AddQandALiteDb(this IServiceCollection services)
    {
        services.AddSingleton<IQaStore, LiteDbQaStore>();
        // A store on another clock (the seed command writes a past year as of its own time).
        services.AddSingleton<Func<TimeProvider, IQaStore>>(sp => time => new LiteDbQaStore(sp.GetRequiredService<MessagingStore>(), time));
        services.AddSingleton<ILiteDbSchema, QandALiteDbSchema>();
        return services;
    }
}
