using System.Text.Json.Serialization;

namespace ItaBot.Line.Client;

public sealed record SentMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("quoteToken")] string? QuoteToken);

/// <summary>What LINE answered to a reply or push.</summary>
public sealed record SentMessagesResponse(IReadOnlyList<SentMessage> SentMessages, string? RequestId, bool AlreadyAccepted = false);

public sealed record UserProfile(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("pictureUrl")] string? PictureUrl,
    [property: JsonPropertyName("statusMessage")] string? StatusMessage,
    [property: JsonPropertyName("language")] string? Language);

/// <summary>Downloaded content of a user's message.</summary>
public sealed record MessageContent(byte[] Data, string ContentType);

public sealed record BotInfo(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("basicId")] string BasicId,
    [property: JsonPropertyName("premiumId")] string? PremiumId,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("pictureUrl")] string? PictureUrl,
    [property: JsonPropertyName("chatMode")] string? ChatMode,
    [property: JsonPropertyName("markAsReadMode")] string? MarkAsReadMode);

/// <summary>Monthly message quota: <c>type</c> is "none" (unlimited) or "limited" with <c>value</c>.</summary>
public sealed record MessageQuota(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] long? Value);
