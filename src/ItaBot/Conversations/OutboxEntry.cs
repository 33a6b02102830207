using LiteDB;

namespace ItaBot.Conversations;

internal enum OutboxState
{
    Pending = 0,
    Sent = 1,
    Parked = 2,
}

/// <summary>
/// Messages to send, kept until LINE accepted them. Written in the same commit that marks the causing event handled,
/// so a crash can neither lose the answer nor produce it twice.
/// </summary>
internal sealed class OutboxEntry
{
    public required string Id { get; init; }

    /// <summary>The inbox event that caused this send, if any.</summary>
    public string? EventId { get; init; }

    public required string LaneKey { get; init; }

    /// <summary>Push recipient (user, group or room id); used when there is no usable reply token.</summary>
    public string? To { get; init; }

    public string? ReplyToken { get; init; }

    /// <summary>When LINE says the event happened (ms since epoch): the reply token's age is counted from here.</summary>
    public long EventTimestamp { get; init; }

    /// <summary>The JSON array of LINE message objects, exactly as it will be sent on every attempt.</summary>
    public required string MessagesJson { get; init; }

    /// <summary>X-Line-Retry-Key for the push: fixed at creation so that every retry is recognised by LINE.</summary>
    public Guid RetryKey { get; init; }

    public OutboxState State { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    /// <summary>How it went out: "reply", "push", or "reply-assumed" (see <see cref="OutboxSender"/>).</summary>
    public string? Via { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? SentAt { get; set; }

    public BsonDocument ToBson() => new()
    {
        ["_id"] = Id,
        ["EventId"] = EventId,
        ["Lane"] = LaneKey,
        ["To"] = To,
        ["ReplyToken"] = ReplyToken,
        ["EventTs"] = EventTimestamp,
        ["Messages"] = MessagesJson,
        ["RetryKey"] = RetryKey,
        ["State"] = (int)State,
        ["Attempts"] = Attempts,
        ["Error"] = Error,
        ["Via"] = Via,
        ["CreatedAt"] = CreatedAt,
        ["SentAt"] = SentAt,
    };

    public static OutboxEntry FromBson(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        EventId = Webhook.InboxEntry.NullableString(d["EventId"]),
        LaneKey = d["Lane"].AsString,
        To = Webhook.InboxEntry.NullableString(d["To"]),
        ReplyToken = Webhook.InboxEntry.NullableString(d["ReplyToken"]),
        EventTimestamp = d["EventTs"].IsNull ? 0 : d["EventTs"].AsInt64,
        MessagesJson = d["Messages"].IsNull ? "[]" : d["Messages"].AsString,
        RetryKey = d["RetryKey"].IsNull ? Guid.Empty : d["RetryKey"].AsGuid,
        State = (OutboxState)d["State"].AsInt32,
        Attempts = d["Attempts"].AsInt32,
        Error = Webhook.InboxEntry.NullableString(d["Error"]),
        Via = Webhook.InboxEntry.NullableString(d["Via"]),
        CreatedAt = d["CreatedAt"].AsDateTime,
        SentAt = d["SentAt"].IsNull ? null : d["SentAt"].AsDateTime,
    };
}
