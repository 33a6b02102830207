using ItaBot.Cases;
using LiteDB;

namespace ItaBot.Notifications;

/// <summary>
/// The few fields of a stored case that scans and digests need, read from the raw document of collection "cases"
/// (CaseRecord, Id as _id) so that a mapper setting (enums as names or numbers, local or UTC dates) cannot break them.
/// </summary>
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
    public const string CollectionName = "cases";

    private static readonly BsonArray OpenStatuses = new(Enum.GetValues<CaseStatus>().Where(s => !s.IsClosed())
        .SelectMany(s => new[] { new BsonValue(s.ToString()), new BsonValue((int)s) }));

    /// <summary>Cases not closed (an index on Status, if the case store has one, serves this).</summary>
    public static IEnumerable<CaseView> Open(LiteDatabase db) =>
        db.GetCollection(CollectionName).Find(Query.In("Status", OpenStatuses)).Select(From).OfType<CaseView>();

    public static int CountCreatedSince(LiteDatabase db, DateTime since, string department) =>
        db.GetCollection(CollectionName).Count(Query.And(Query.EQ("Department", department), Query.GTE("CreatedAt", since)));

    public static CaseView? From(BsonDocument d)
    {
        if (!d.TryGetValue("_id", out var id) || !TryEnum<CaseStatus>(d["Status"], out var status))
        {
            return null;
        }

        var timeline = d["Timeline"];
        var answered = timeline.IsArray && timeline.AsArray.Any(e => e.IsDocument && TryEnum<CaseEventKind>(e["Kind"], out var k) && k == CaseEventKind.AnswerToCitizen);
        return new CaseView(
            id.AsString,
            d["Number"].IsString ? d["Number"].AsString : id.AsString,
            d["Department"].IsString ? d["Department"].AsString : "",
            status,
            d["AssigneeId"].IsString ? d["AssigneeId"].AsString : null,
            Date(d["CreatedAt"]) ?? DateTime.MinValue,
            Date(d["AcknowledgeBy"]) ?? DateTime.MaxValue,
            Date(d["AnswerBy"]) ?? DateTime.MaxValue,
            Date(d["AcknowledgedAt"]),
            answered);
    }

    private static DateTime? Date(BsonValue value) => value.IsDateTime ? DateTime.SpecifyKind(value.AsDateTime.ToUniversalTime(), DateTimeKind.Utc) : null;

    private static bool TryEnum<T>(BsonValue value, out T result)
        where T : struct, Enum
    {
        result = default;
        if (value.IsString)
        {
            return Enum.TryParse(value.AsString, ignoreCase: false, out result);
        }

        if (value.IsInt32)
        {
            result = (T)Enum.ToObject(typeof(T), value.AsInt32);
            return Enum.IsDefined(result);
        }

        return false;
    }
}
