namespace ItaBot.Line.Webhook;

/// <summary>
/// The <c>message</c> of a message event (named apart from <see cref="Client.MessageContent"/>, the downloaded bytes).
/// Ids are strings: message ids exceed 2^53.
/// </summary>
public abstract record WebhookMessageContent
{
    /// <summary>Type of recipient.</summary>
    public required string Type { get; init; }

    /// <summary>ID of the sent message.</summary>
    public required string Id { get; init; }

    /// <summary>Marks this and earlier messages as read; no expiry.</summary>
    public string? MarkAsReadToken { get; init; }

    /// <summary>Lets a reply quote this message (text, image, video and sticker only).</summary>
    public string? QuoteToken { get; init; }

    /// <summary>The message object's JSON as received.</summary>
    public required string Json { get; init; }
}

/// <summary>A text the user sent.</summary>
public sealed record TextMessageContent : WebhookMessageContent
{
    /// <summary>Message text.</summary>
    public required string Text { get; init; }

    /// <summary>LINE emoji in <see cref="Text"/>; empty when there are none.</summary>
    public IReadOnlyList<Emoji> Emojis { get; init; } = [];

    /// <summary>Users mentioned in the text, in groups and rooms.</summary>
    public Mention? Mention { get; init; }

    /// <summary>The id of the message this one quotes (its content cannot be fetched).</summary>
    public string? QuotedMessageId { get; init; }
}

/// <summary>Index position for a character in text, with the first character being at position 0.</summary>
/// <summary>The length of the LINE emoji string.</summary>
/// <summary>Product ID for a LINE emoji set.</summary>
/// <summary>ID for a LINE emoji inside a set.</summary>
/// <summary>A LINE emoji in the text.</summary>
/// <param name="Index">Index position for a character in text, with the first character being at position 0.</param>
/// <param name="Length">The length of the LINE emoji string.</param>
/// <param name="ProductId">Product ID for a LINE emoji set.</param>
/// <param name="EmojiId">ID for a LINE emoji inside a set.</param>
public sealed record Emoji(int Index, int Length, string ProductId, string EmojiId);

/// <summary>Array of one or more mention objects.</summary>
/// <summary>The users mentioned in the text.</summary>
/// <param name="Mentionees">Array of one or more mention objects.</param>
public sealed record Mention(IReadOnlyList<Mentionee> Mentionees);

/// <summary><see cref="Type"/> is "user" or "all". <see cref="IsSelf"/> is true when the bot itself was mentioned.</summary>
public sealed record Mentionee(string Type, int Index, int Length, string? UserId, bool IsSelf);

/// <summary>An image the user sent; download it with the message id when LINE holds it.</summary>
public sealed record ImageMessageContent : WebhookMessageContent
{
    /// <summary>Where the image is: on LINE's servers, or at the sender's URLs.</summary>
    public required ContentProvider ContentProvider { get; init; }

    /// <summary>Set when several images were sent at once; their events arrive in no particular order.</summary>
    public ImageSet? ImageSet { get; init; }
}

/// <summary><see cref="Type"/> is "line" (download through the API) or "external" (URLs given).</summary>
public sealed record ContentProvider(string Type, string? OriginalContentUrl, string? PreviewImageUrl)
{
    /// <summary>True when the content is on LINE's servers (download it with the message id).</summary>
    public bool IsLine => string.Equals(Type, "line", StringComparison.Ordinal);
}

/// <summary>Image set ID.</summary>
/// <summary>An index starting from 1, indicating the image number in a set of images sent simultaneously.</summary>
/// <summary>The total number of images sent simultaneously.</summary>
/// <summary>Images the user sent together, as a set.</summary>
/// <param name="Id">Image set ID.</param>
/// <param name="Index">An index starting from 1, indicating the image number in a set of images sent simultaneously.</param>
/// <param name="Total">The total number of images sent simultaneously.</param>
public sealed record ImageSet(string Id, int? Index, int? Total);

/// <summary>A video the user sent.</summary>
public sealed record VideoMessageContent : WebhookMessageContent
{
    /// <summary>Where the video is: on LINE's servers, or at the sender's URLs.</summary>
    public required ContentProvider ContentProvider { get; init; }

    /// <summary>Milliseconds.</summary>
    public long? Duration { get; init; }
}

/// <summary>An audio clip the user sent.</summary>
public sealed record AudioMessageContent : WebhookMessageContent
{
    /// <summary>Where the audio is: on LINE's servers, or at the sender's URLs.</summary>
    public required ContentProvider ContentProvider { get; init; }

    /// <summary>Milliseconds.</summary>
    public long? Duration { get; init; }
}

/// <summary>A file the user sent.</summary>
public sealed record FileMessageContent : WebhookMessageContent
{
    /// <summary>File name.</summary>
    public required string FileName { get; init; }

    /// <summary>File size in bytes.</summary>
    public long FileSize { get; init; }
}

/// <summary>A location the user sent.</summary>
public sealed record LocationMessageContent : WebhookMessageContent
{
    /// <summary>Title.</summary>
    public string? Title { get; init; }

    /// <summary>Address.</summary>
    public string? Address { get; init; }

    /// <summary>Latitude.</summary>
    public double Latitude { get; init; }

    /// <summary>Longitude.</summary>
    public double Longitude { get; init; }
}

/// <summary>A sticker the user sent.</summary>
public sealed record StickerMessageContent : WebhookMessageContent
{
    /// <summary>Package ID.</summary>
    public required string PackageId { get; init; }

    /// <summary>Sticker ID.</summary>
    public required string StickerId { get; init; }

    /// <summary>STATIC, ANIMATION, SOUND, … kept as sent: LINE adds values.</summary>
    public string? StickerResourceType { get; init; }

    /// <summary>Array of up to 15 keywords describing the sticker.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Text the user typed on a message sticker.</summary>
    public string? Text { get; init; }

    /// <summary>Message ID of a quoted message.</summary>
    public string? QuotedMessageId { get; init; }
}

/// <summary>A message type this code does not know yet; read <see cref="WebhookMessageContent.Json"/>.</summary>
public sealed record UnknownMessageContent : WebhookMessageContent;
