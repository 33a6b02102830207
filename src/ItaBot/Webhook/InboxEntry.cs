using ItaBot.Line.Webhook;

namespace ItaBot.Webhook;

internal enum InboxState
{
    Pending = 0,
    Done = 1,
    Parked = 2,
}

/// <summary>
/// One webhook event as received (the inbox document never changes after it is written), with its outcome
/// (<see cref="State"/>, attempts, error) from the turns collection. The id is LINE's webhookEventId.
/// </summary>
internal sealed class InboxEntry
{
    /// <summary>The lane of a redacted event (and of the answer sent to it).</summary>
    public const string RedactedLane = "redacted";

    /// <summary>The JSON of an event whose sealing key was destroyed (kept past the retention, parked): its text is gone for good.</summary>
    public const string SealKeyGoneJson = """{"sealKeyGone":true}""";

    public required string Id { get; init; }

    /// <summary>Arrival order, assigned by the store's single writer; restart resumes in this order.</summary>
    public long Seq { get; init; }

    /// <summary>The bot's user id from <c>destination</c>: the LINE channel this event belongs to (the tenant key).</summary>
    public string? Tenant { get; init; }

    /// <summary>Events with the same lane key are handled one at a time, in order (the conversation).</summary>
    public required string LaneKey { get; init; }

    public required string Type { get; init; }

    public string? Mode { get; init; }

    public long Timestamp { get; init; }

    public string? UserId { get; init; }

    public string? ConversationId { get; init; }

    public string? ReplyToken { get; init; }

    public required string Json { get; init; }

    public InboxState State { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    public DateTime ReceivedAt { get; init; }

    public DateTime? HandledAt { get; set; }

    /// <summary>A webhook event just acknowledged: pending, in its conversation's lane (its own id's lane if it has none).</summary>
    public static InboxEntry Received(RawWebhookEvent e, string? tenant, long seq, DateTime receivedAt) => new()
    {
        Id = e.WebhookEventId,
        Seq = seq,
        Tenant = tenant,
        LaneKey = e.ConversationId ?? e.WebhookEventId,
        Type = e.Type,
        Mode = e.Mode,
        Timestamp = e.Timestamp,
        UserId = e.UserId,
        ConversationId = e.ConversationId,
        ReplyToken = e.ReplyToken,
        Json = e.Json,
        State = InboxState.Pending,
        ReceivedAt = receivedAt,
    };
}
