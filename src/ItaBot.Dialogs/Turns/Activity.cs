namespace ItaBot.Dialogs.Turns;

/// <summary>What kind of incoming turn an <see cref="Activity"/> is.</summary>
public enum ActivityKind
{
    /// <summary>A text message.</summary>
    Message,

    /// <summary>A button tap that carries data (rich menu, quick reply or template postback).</summary>
    Postback,

    /// <summary>A shared location.</summary>
    Location,

    /// <summary>An image, file, video or audio the user sent; the content itself is fetched by the host.</summary>
    Attachment,

    /// <summary>The user added (or re-added) the bot.</summary>
    Follow,

    /// <summary>Anything else (stickers, unfollow, joins…): dialogs see it and usually ignore it.</summary>
    Other,
}

/// <summary>A location as the user shared it, or as the bot sends it.</summary>
public sealed record GeoLocation(double Latitude, double Longitude, string? Title = null, string? Address = null);

/// <summary>The kind of content an <see cref="AttachmentRef"/> points to.</summary>
public enum AttachmentKind
{
    Image,
    Video,
    Audio,
    File,
    Other,
}

/// <summary>A reference to content the host keeps; the engine never holds the bytes.</summary>
/// <param name="ContentId">The host's id for the content (for LINE, the message id).</param>
public sealed record AttachmentRef(AttachmentKind Kind, string ContentId, string? FileName = null);

/// <summary>One incoming turn, channel-neutral. The host maps its platform's event to this.</summary>
public sealed record Activity
{
    public required ActivityKind Kind { get; init; }

    public required string ConversationId { get; init; }

    public required string UserId { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The message text; for a postback, the text the button showed in the chat, if any.</summary>
    public string? Text { get; init; }

    /// <summary>The postback data of a <see cref="ActivityKind.Postback"/>.</summary>
    public string? PostbackData { get; init; }

    public GeoLocation? Location { get; init; }

    public AttachmentRef? Attachment { get; init; }

    public static Activity Message(string conversationId, string userId, string text, DateTimeOffset timestamp) =>
        new() { Kind = ActivityKind.Message, ConversationId = conversationId, UserId = userId, Timestamp = timestamp, Text = text };

    public static Activity Postback(string conversationId, string userId, string data, DateTimeOffset timestamp, string? displayText = null) =>
        new() { Kind = ActivityKind.Postback, ConversationId = conversationId, UserId = userId, Timestamp = timestamp, PostbackData = data, Text = displayText };

    public static Activity SharedLocation(string conversationId, string userId, GeoLocation location, DateTimeOffset timestamp) =>
        new() { Kind = ActivityKind.Location, ConversationId = conversationId, UserId = userId, Timestamp = timestamp, Location = location };

    public static Activity SentAttachment(string conversationId, string userId, AttachmentRef attachment, DateTimeOffset timestamp) =>
        new() { Kind = ActivityKind.Attachment, ConversationId = conversationId, UserId = userId, Timestamp = timestamp, Attachment = attachment };

    public static Activity Followed(string conversationId, string userId, DateTimeOffset timestamp) =>
        new() { Kind = ActivityKind.Follow, ConversationId = conversationId, UserId = userId, Timestamp = timestamp };
}
