using LiteDB;

namespace ItaBot.Notifications.LiteDb;

/// <summary>A <see cref="Notification"/> as a document of "notifications": state as a number, times in UTC.</summary>
internal static class NotificationDocuments
{
    public static BsonDocument ToBson(Notification n) => new()
    {
        ["_id"] = n.Id,
        ["Kind"] = n.Kind,
        ["CaseId"] = n.CaseId,
        ["To"] = n.To,
        ["Messages"] = n.MessagesJson,
        ["CreatedAt"] = n.CreatedAt,
        ["State"] = (int)n.State,
        ["Attempts"] = n.Attempts,
        ["LastStatus"] = n.LastStatus is { } s ? new BsonValue(s) : BsonValue.Null,
        ["LastError"] = n.LastError,
        ["NextAttemptAt"] = n.NextAttemptAt,
        ["SentAt"] = n.SentAt is { } at ? new BsonValue(at) : BsonValue.Null,
        ["Via"] = n.Via,
    };

    public static Notification FromBson(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        Kind = d["Kind"].AsString,
        CaseId = d["CaseId"].IsNull ? null : d["CaseId"].AsString,
        To = d["To"].AsString,
        MessagesJson = d["Messages"].AsString,
        CreatedAt = d["CreatedAt"].AsDateTime.ToUniversalTime(),
        State = (NotificationState)d["State"].AsInt32,
        Attempts = d["Attempts"].AsInt32,
        LastStatus = d["LastStatus"].IsNull ? null : d["LastStatus"].AsInt32,
        LastError = d["LastError"].IsNull ? null : d["LastError"].AsString,
        NextAttemptAt = d["NextAttemptAt"].AsDateTime.ToUniversalTime(),
        SentAt = d["SentAt"].IsNull ? null : d["SentAt"].AsDateTime.ToUniversalTime(),
        Via = d["Via"].IsNull ? null : d["Via"].AsString,
    };
}
