namespace ItaBot.Line.Webhook;

/// <summary>
/// A webhook event, typed by its <c>type</c>. Every event keeps the JSON it came from (<see cref="Json"/>), so fields
/// LINE adds later are never lost. Values LINE may extend (mode, beacon type, sticker resource type…) stay strings.
/// </summary>
public abstract record WebhookEvent
{
    /// <summary>The <c>type</c> as LINE sent it, e.g. "message".</summary>
    public required string Type { get; init; }

    /// <summary>"active" or "standby" (another module channel is in control: do not send).</summary>
    public string? Mode { get; init; }

    /// <summary>Milliseconds since the Unix epoch when the event happened (unchanged on redelivery).</summary>
    public long Timestamp { get; init; }

    /// <summary>Where the event came from; null when LINE omits it (e.g. a failed account link).</summary>
    public EventSource? Source { get; init; }

    /// <summary>ULID unique per event; the key for de-duplication.</summary>
    public string? WebhookEventId { get; init; }

    /// <summary>Whether this is a redelivery.</summary>
    public DeliveryContext? DeliveryContext { get; init; }

    /// <summary>Present only on events that can be replied to, and never in standby mode.</summary>
    public string? ReplyToken { get; init; }

    /// <summary>The event's JSON exactly as it appeared in the webhook body.</summary>
    public required string Json { get; init; }

    /// <summary>Whether the webhook event is a redelivered one or not.</summary>
    public bool IsRedelivery => DeliveryContext?.IsRedelivery == true;

    /// <summary>True in standby mode: another channel is in control, and the bot must not send.</summary>
    public bool IsStandby => string.Equals(Mode, "standby", StringComparison.Ordinal);
}

/// <summary>Whether the webhook event is a redelivered one or not.</summary>
/// <summary>webhook's delivery context information.</summary>
/// <param name="IsRedelivery">Whether the webhook event is a redelivered one or not.</param>
public sealed record DeliveryContext(bool IsRedelivery);

/// <summary>The chat an event came from. <see cref="UserId"/> is absent in groups/rooms unless the user consented.</summary>
public abstract record EventSource(string Type, string? UserId)
{
    /// <summary>The chat to answer in: group id, room id, or the user id of a one-to-one chat.</summary>
    public abstract string? ChatId { get; }
}

/// <summary>A one-to-one chat with a user.</summary>
/// <param name="UserId">ID of the source user.</param>
public sealed record UserSource(string? UserId) : EventSource("user", UserId)
{
    /// <inheritdoc />
    public override string? ChatId => UserId;
}

/// <summary>A group chat.</summary>
/// <param name="GroupId">Group ID of the source group chat.</param>
/// <param name="UserId">ID of the source user.</param>
public sealed record GroupSource(string GroupId, string? UserId) : EventSource("group", UserId)
{
    /// <inheritdoc />
    public override string? ChatId => GroupId;
}

/// <summary>A multi-person chat (room).</summary>
/// <param name="RoomId">Room ID of the source multi-person chat.</param>
/// <param name="UserId">ID of the source user.</param>
public sealed record RoomSource(string RoomId, string? UserId) : EventSource("room", UserId)
{
    /// <inheritdoc />
    public override string? ChatId => RoomId;
}

/// <summary>A source type this code does not know yet; its JSON is kept.</summary>
public sealed record UnknownSource(string Type, string? UserId, string Json) : EventSource(Type, UserId)
{
    /// <inheritdoc />
    public override string? ChatId => UserId;
}

/// <summary>An event type this code does not know yet (LINE adds types without notice).</summary>
public sealed record UnknownEvent : WebhookEvent;

/// <summary>A user sent a message.</summary>
public sealed record MessageEvent : WebhookEvent
{
    /// <summary>Message containing information about the error.</summary>
    public required WebhookMessageContent Message { get; init; }
}

/// <summary>A user edited a text message in a group (docs only, not yet in webhook.yml). Carries a new reply token.</summary>
public sealed record MessageEditedEvent : WebhookEvent
{
    /// <summary>The edited message: same id as the original, the new text, a new quote token.</summary>
    public required WebhookMessageContent Message { get; init; }
}

/// <summary>A user unsent a message: delete or hide it in our systems.</summary>
public sealed record UnsendEvent : WebhookEvent
{
    /// <summary>The message ID of the unsent message.</summary>
    public required string MessageId { get; init; }
}

/// <summary>The bot was added as a friend, or unblocked.</summary>
public sealed record FollowEvent : WebhookEvent
{
    /// <summary>True when the user unblocked, false for a new friend. LINE does not guarantee its accuracy.</summary>
    public bool IsUnblocked { get; init; }
}

/// <summary>The user blocked the bot.</summary>
public sealed record UnfollowEvent : WebhookEvent;

/// <summary>Event object for when your LINE Official Account joins a group chat or multi-person chat.</summary>
public sealed record JoinEvent : WebhookEvent;

/// <summary>Event object for when a user removes your LINE Official Account from a group chat or when your LINE Official Account leaves a group chat or multi-person chat.</summary>
public sealed record LeaveEvent : WebhookEvent;

/// <summary>Event object for when a user joins a group chat or multi-person chat that the LINE Official Account is in.</summary>
public sealed record MemberJoinedEvent : WebhookEvent
{
    /// <summary>Users who joined.</summary>
    public required IReadOnlyList<UserSource> Members { get; init; }
}

/// <summary>Event object for when a user leaves a group chat or multi-person chat that the LINE Official Account is in.</summary>
public sealed record MemberLeftEvent : WebhookEvent
{
    /// <summary>Users who joined.</summary>
    public required IReadOnlyList<UserSource> Members { get; init; }
}

/// <summary>Event object for when a user performs a postback action which initiates a postback.</summary>
public sealed record PostbackEvent : WebhookEvent
{
    /// <summary>The postback data, and the picked date or time of a datetime picker.</summary>
    public required PostbackContent Postback { get; init; }
}

/// <summary>
/// Postback data and, for datetime pickers and rich-menu switches, the chosen values
/// (<c>date</c>, <c>time</c>, <c>datetime</c> without a time zone; <c>newRichMenuAliasId</c>, <c>status</c>).
/// </summary>
public sealed record PostbackContent(string Data, IReadOnlyDictionary<string, string> Params);

/// <summary>Event for when a user finishes viewing a video at least once with the specified trackingId sent by the LINE Official Account.</summary>
public sealed record VideoPlayCompleteEvent : WebhookEvent
{
    /// <summary>ID used to identify a video.</summary>
    public required string TrackingId { get; init; }
}

/// <summary>Event object for when a user enters the range of a LINE Beacon.</summary>
public sealed record BeaconEvent : WebhookEvent
{
    /// <summary>The beacon and what happened at it.</summary>
    public required BeaconContent Beacon { get; init; }
}

/// <summary><see cref="Type"/> is "enter", "banner" or "stay" today; new values may come.</summary>
public sealed record BeaconContent(string Hwid, string Type, string? Dm);

/// <summary>Account link finished. On failure LINE sends no source and no reply token.</summary>
public sealed record AccountLinkEvent : WebhookEvent
{
    /// <summary>The result of the account link and its nonce.</summary>
    public required LinkContent Link { get; init; }
}

/// <summary><see cref="Result"/> is "ok" or "failed".</summary>
public sealed record LinkContent(string Result, string? Nonce)
{
    /// <summary>Whether the account link succeeded.</summary>
    public bool IsOk => string.Equals(Result, "ok", StringComparison.Ordinal);
}

/// <summary>This event indicates that a user has subscribed (joined), unsubscribed (left), or renewed the bot's membership.</summary>
public sealed record MembershipEvent : WebhookEvent
{
    /// <summary>What happened to the user's membership.</summary>
    public required MembershipContent Membership { get; init; }
}

/// <summary><see cref="Type"/> is "joined", "left" or "renewed".</summary>
public sealed record MembershipContent(string Type, long? MembershipId);

/// <summary>A module channel was attached to or detached from an account.</summary>
public sealed record ModuleEvent : WebhookEvent
{
    /// <summary>What happened to the module channel.</summary>
    public required ModuleContent Module { get; init; }
}

/// <summary><see cref="Type"/> is "attached" (with scopes) or "detached" (with a reason).</summary>
public sealed record ModuleContent(string Type, string? BotId, IReadOnlyList<string> Scopes, string? Reason);

/// <summary>The module channel became the active channel until <see cref="ExpireAt"/> (ms since epoch).</summary>
public sealed record ActivatedEvent : WebhookEvent
{
    /// <summary>When the activation ends, in milliseconds since the Unix epoch.</summary>
    public long? ExpireAt { get; init; }
}

/// <summary>This event indicates that the module channel has been switched to Standby Channel by calling Acquire Control API or Release Control API.</summary>
public sealed record DeactivatedEvent : WebhookEvent;

/// <summary>This event indicates that the LINE Official Account has been suspended (Suspend).</summary>
public sealed record BotSuspendedEvent : WebhookEvent;

/// <summary>This event indicates that the LINE Official Account has returned from the suspended state.</summary>
public sealed record BotResumedEvent : WebhookEvent;

/// <summary>A LINE notification message was delivered.</summary>
public sealed record PnpDeliveryCompletionEvent : WebhookEvent
{
    /// <summary>A hashed phone number or the <c>X-Line-Delivery-Tag</c> given when sending.</summary>
    public required string Data { get; init; }
}
