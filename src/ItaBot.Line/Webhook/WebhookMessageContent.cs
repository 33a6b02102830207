namespace ItaBot.Line.Webhook;

/// <summary>
/// The <c>message</c> of a message event (named apart from <see cref="Client.MessageContent"/>, the downloaded bytes).
/// Ids are strings: message ids exceed 2^53.
/// </summary>
public abstract record WebhookMessageContent
{
    public required string Type { get; init; }

    public required string Id { get; init; }

    /// <summary>Marks this and earlier messages as read; no expiry.</summary>
    public string? MarkAsReadToken { get; init; }

    /// <summary>Lets a reply quote this message (text, image, video and sticker only).</summary>
    public string? QuoteToken { get; init; }

    /// <summary>The message object's JSON as received.</summary>
    public required string Json { get; init; }
}

public sealed record TextMessageContent : WebhookMessageContent
{
    public required string Text { get; init; }

    /// <summary>LINE emoji in <see cref="Text"/>; empty when there are none.</summary>
    public IReadOnlyList<Emoji> Emojis { get; init; } = [];

    public Mention? Mention { get; init; }

    /// <summary>The id of the message this one quotes (its content cannot be fetched).</summary>
    public string? QuotedMessageId { get; init; }
}

public sealed record Emoji(int Index, int Length, string ProductId, string EmojiId);

public sealed record Mention(IReadOnlyList<Mentionee> Mentionees);

/// <summary><see cref="Type"/> is "user" or "all". <see cref="IsSelf"/> is true when the bot itself was mentioned.</summary>
public sealed record Mentionee(string Type, int Index, int Length, string? UserId, bool IsSelf);

public sealed record ImageMessageContent : WebhookMessageContent
{
    public required ContentProvider ContentProvider { get; init; }

    /// <summary>Set when several images were sent at once; their events arrive in no particular order.</summary>
    public ImageSet? ImageSet { get; init; }
}

/// <summary><see cref="Type"/> is "line" (download through the API) or "external" (URLs given).</summary>
public sealed record ContentProvider(string Type, string? OriginalContentUrl, string? PreviewImageUrl)
{
    public bool IsLine => string.Equals(Type, "line", StringComparison.Ordinal);
}

public sealed record ImageSet(string Id, int? Index, int? Total);

public sealed record VideoMessageContent : WebhookMessageContent
{
    public required ContentProvider ContentProvider { get; init; }

    /// <summary>Milliseconds.</summary>
    public long? Duration { get; init; }
}

public sealed record AudioMessageContent : WebhookMessageContent
{
    public required ContentProvider ContentProvider { get; init; }

    /// <summary>Milliseconds.</summary>
    public long? Duration { get; init; }
}

public sealed record FileMessageContent : WebhookMessageContent
{
    public required string FileName { get; init; }

    public long FileSize { get; init; }
}

public sealed record LocationMessageContent : WebhookMessageContent
{
    public string? Title { get; init; }

    public string? Address { get; init; }

    public double Latitude { get; init; }

    public double Longitude { get; init; }
}

public sealed record StickerMessageContent : WebhookMessageContent
{
    public required string PackageId { get; init; }

    public required string StickerId { get; init; }

    /// <summary>STATIC, ANIMATION, SOUND, … kept as sent: LINE adds values.</summary>
    public string? StickerResourceType { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Text the user typed on a message sticker.</summary>
    public string? Text { get; init; }

    public string? QuotedMessageId { get; init; }
}

/// <summary>A message type this code does not know yet; read <see cref="WebhookMessageContent.Json"/>.</summary>
public sealed record UnknownMessageContent : WebhookMessageContent;
