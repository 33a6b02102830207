using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Webhook.LiteDb;

/// <summary>An inbox event as a LiteDB document (short field names: the inbox is the largest collection).</summary>
internal static class InboxDocuments
{
    public static BsonDocument ToBson(InboxEntry e) => new()
    {
        ["_id"] = e.Id,
        ["Seq"] = e.Seq,
        ["Tenant"] = e.Tenant,
        ["Lane"] = e.LaneKey,
        ["Type"] = e.Type,
        ["Mode"] = e.Mode,
        ["Ts"] = e.Timestamp,
        ["UserId"] = e.UserId,
        ["ConvId"] = e.ConversationId,
        ["ReplyToken"] = e.ReplyToken,
        ["Json"] = e.Json,
        ["ReceivedAt"] = e.ReceivedAt,
    };

    public static InboxEntry FromBson(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        Seq = d["Seq"].AsInt64,
        Tenant = BsonValues.NullableString(d["Tenant"]),
        LaneKey = d["Lane"].AsString,
        Type = d["Type"].AsString,
        Mode = BsonValues.NullableString(d["Mode"]),
        Timestamp = d["Ts"].AsInt64,
        UserId = BsonValues.NullableString(d["UserId"]),
        ConversationId = BsonValues.NullableString(d["ConvId"]),
        ReplyToken = BsonValues.NullableString(d["ReplyToken"]),
        Json = d["Json"].AsString,
        ReceivedAt = d["ReceivedAt"].AsDateTime,
    };
}
