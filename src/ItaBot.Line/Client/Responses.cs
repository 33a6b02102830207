using System.Text.Json.Serialization;

namespace ItaBot.Line.Client;

/// <summary>A message LINE accepted: its id, and the quote token to quote it later.</summary>
/// <param name="Id">ID of the sent message.</param>
/// <param name="QuoteToken">Quote token of the message.</param>
public sealed record SentMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("quoteToken")] string? QuoteToken);

/// <summary>What LINE answered to a reply or push.</summary>
public sealed record SentMessagesResponse(IReadOnlyList<SentMessage> SentMessages, string? RequestId, bool AlreadyAccepted = false);

/// <summary>A user's LINE profile.</summary>
/// <param name="UserId">User ID.</param>
/// <param name="DisplayName">User's display name.</param>
/// <param name="PictureUrl">Profile image URL.</param>
/// <param name="StatusMessage">User's status message.</param>
/// <param name="Language">User's language, as a BCP 47 language tag.</param>
public sealed record UserProfile(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("displayName")] string DisplayName,
    [property: JsonPropertyName("pictureUrl")] string? PictureUrl,
    [property: JsonPropertyName("statusMessage")] string? StatusMessage,
    [property: JsonPropertyName("language")] string? Language);

/// <summary>Downloaded content of a user's message.</summary>
public sealed record MessageContent(byte[] Data, string ContentType);

/// <summary>The bot's own LINE account.</summary>
/// <param name="UserId">Bot's user ID.</param>
/// <param name="BasicId">Bot's basic ID.</param>
/// <param name="PremiumId">Bot's premium ID.</param>
/// <param name="DisplayName">Bot's display name.</param>
/// <param name="PictureUrl">Profile image URL.</param>
/// <param name="ChatMode">Chat settings set in the LINE Official Account Manager.</param>
/// <param name="MarkAsReadMode">Automatic read setting for messages.</param>
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
