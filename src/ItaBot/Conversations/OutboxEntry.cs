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

    /// <summary>
    /// Whether its event was redacted (the protected channel), as the turn that made it knows; null when not known here
    /// (read from the store): the store then looks at the event. Not stored.
    /// </summary>
    public bool? EventRedacted { get; init; }

    public DateTime? SentAt { get; set; }
}
