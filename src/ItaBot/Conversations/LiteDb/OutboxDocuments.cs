using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Conversations.LiteDb;

/// <summary>An outbox entry as a LiteDB document.</summary>
internal static class OutboxDocuments
{
    public static BsonDocument ToBson(OutboxEntry e) => new()
    {
        ["_id"] = e.Id,
        ["EventId"] = e.EventId,
        ["Lane"] = e.LaneKey,
        ["To"] = e.To,
        ["ReplyToken"] = e.ReplyToken,
        ["EventTs"] = e.EventTimestamp,
        ["Messages"] = e.MessagesJson,
        ["RetryKey"] = e.RetryKey,
        ["State"] = (int)e.State,
        ["Attempts"] = e.Attempts,
        ["Error"] = e.Error,
        ["Via"] = e.Via,
        ["CreatedAt"] = e.CreatedAt,
        ["SentAt"] = e.SentAt,
    };

    public static OutboxEntry FromBson(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        EventId = BsonValues.NullableString(d["EventId"]),
        LaneKey = d["Lane"].AsString,
        To = BsonValues.NullableString(d["To"]),
        ReplyToken = BsonValues.NullableString(d["ReplyToken"]),
        EventTimestamp = d["EventTs"].IsNull ? 0 : d["EventTs"].AsInt64,
        MessagesJson = d["Messages"].IsNull ? "[]" : d["Messages"].AsString,
        RetryKey = d["RetryKey"].IsNull ? Guid.Empty : d["RetryKey"].AsGuid,
        State = (OutboxState)d["State"].AsInt32,
        Attempts = d["Attempts"].AsInt32,
        Error = BsonValues.NullableString(d["Error"]),
        Via = BsonValues.NullableString(d["Via"]),
        CreatedAt = d["CreatedAt"].AsDateTime,
        SentAt = d["SentAt"].IsNull ? null : d["SentAt"].AsDateTime,
    };
}
