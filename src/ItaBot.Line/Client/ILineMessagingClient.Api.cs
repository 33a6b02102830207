using System.Text.Json.Nodes;
using ItaBot.Line.Messages;

namespace ItaBot.Line.Client;

/// <summary>The rest of the Messaging API (messaging-api.yml) beyond what a one-to-one bot needs every day.</summary>
public partial interface ILineMessagingClient
{
    // ---- messages ----

    /// <summary>
    /// Sends to users chosen by <paramref name="recipient"/> and <paramref name="filter"/> (LINE's JSON objects: audiences,
    /// redelivery, demographics), or to every friend when both are null. Returns the request id to follow its progress.
    /// </summary>
    Task<string?> NarrowcastAsync(IReadOnlyList<Message> messages, Guid retryKey, JsonObject? recipient = null, JsonObject? filter = null, int? maxRecipients = null, CancellationToken cancellationToken = default);

    /// <summary>How a narrowcast is going: its phase (<c>waiting</c>, <c>sending</c>, <c>succeeded</c>, <c>failed</c>) and counts.</summary>
    Task<NarrowcastProgress> GetNarrowcastProgressAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Sends to every friend of the account. Same retry-key rules as push.</summary>
    Task BroadcastAsync(IReadOnlyList<Message> messages, Guid retryKey, CancellationToken cancellationToken = default);

    /// <summary>Asks LINE whether <paramref name="messages"/> are valid for <paramref name="operation"/> without sending them; LINE's refusal is a <see cref="LineApiException"/> with its details.</summary>
    Task ValidateMessagesAsync(MessageOperation operation, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default);

    /// <summary>How many messages of one kind were sent on <paramref name="date"/> (Asia/Tokyo day); null while LINE is still counting.</summary>
    Task<long?> GetSentMessageCountAsync(MessageOperation operation, DateOnly date, CancellationToken cancellationToken = default);

    /// <summary>Marks the messages a user sent in the one-to-one chat as read (chat mode, for channels with the permission).</summary>
    Task MarkAsReadAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Marks messages as read with the <c>markAsReadToken</c> of a message event.</summary>
    Task MarkAsReadByTokenAsync(string markAsReadToken, CancellationToken cancellationToken = default);

    // ---- content ----

    /// <summary>Downloads the preview image of an image or video a user sent, from the data host.</summary>
    Task<MessageContent> GetMessageContentPreviewAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Whether a video or audio a user sent is ready to download: <c>processing</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    Task<string> GetMessageContentTranscodingAsync(string messageId, CancellationToken cancellationToken = default);

    // ---- users, groups and rooms ----

    /// <summary>A page of the ids of users who added the account (verified and premium accounts); pass <see cref="MemberIds.Next"/> on.</summary>
    Task<MemberIds> GetFollowersAsync(string? start = null, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Issues a link token for account linking with <paramref name="userId"/>.</summary>
    Task<string> IssueLinkTokenAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>A group's name and picture.</summary>
    Task<GroupSummary> GetGroupSummaryAsync(string groupId, CancellationToken cancellationToken = default);

    /// <summary>How many members a group (<paramref name="room"/> false) or room (true) has.</summary>
    Task<int> GetMemberCountAsync(string chatId, bool room = false, CancellationToken cancellationToken = default);

    /// <summary>A page of the user ids of a group's or room's members; pass <see cref="MemberIds.Next"/> on.</summary>
    Task<MemberIds> GetMemberIdsAsync(string chatId, bool room = false, string? start = null, CancellationToken cancellationToken = default);

    /// <summary>A group or room member's profile.</summary>
    Task<UserProfile> GetMemberProfileAsync(string chatId, string userId, bool room = false, CancellationToken cancellationToken = default);

    /// <summary>The bot leaves a group or room.</summary>
    Task LeaveAsync(string chatId, bool room = false, CancellationToken cancellationToken = default);

    // ---- rich menus ----

    /// <summary>Asks LINE whether a rich menu is valid without creating it.</summary>
    Task ValidateRichMenuAsync(RichMenu richMenu, CancellationToken cancellationToken = default);

    /// <summary>A rich menu by id; null when there is none.</summary>
    Task<RichMenuInfo?> GetRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default);

    /// <summary>Every rich menu of the channel.</summary>
    Task<IReadOnlyList<RichMenuInfo>> GetRichMenuListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a rich menu (its links and the default go with it).</summary>
    Task DeleteRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default);

    /// <summary>Downloads a rich menu's image from the data host.</summary>
    Task<MessageContent> GetRichMenuImageAsync(string richMenuId, CancellationToken cancellationToken = default);

    /// <summary>The default rich menu's id; null when none is set.</summary>
    Task<string?> GetDefaultRichMenuIdAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the default rich menu.</summary>
    Task CancelDefaultRichMenuAsync(CancellationToken cancellationToken = default);

    /// <summary>The id of the rich menu linked to a user; null when none is linked.</summary>
    Task<string?> GetRichMenuIdOfUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Unlinks the rich menu linked to a user.</summary>
    Task UnlinkRichMenuFromUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Links a rich menu to up to 500 users at once.</summary>
    Task LinkRichMenuToUsersAsync(string richMenuId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>Unlinks the rich menus of up to 500 users at once.</summary>
    Task UnlinkRichMenuFromUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>A rich menu alias; null when there is none.</summary>
    Task<RichMenuAlias?> GetRichMenuAliasAsync(string richMenuAliasId, CancellationToken cancellationToken = default);

    /// <summary>Points an alias at another rich menu.</summary>
    Task UpdateRichMenuAliasAsync(string richMenuAliasId, string richMenuId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a rich menu alias.</summary>
    Task DeleteRichMenuAliasAsync(string richMenuAliasId, CancellationToken cancellationToken = default);

    /// <summary>Every rich menu alias of the channel.</summary>
    Task<IReadOnlyList<RichMenuAlias>> GetRichMenuAliasListAsync(CancellationToken cancellationToken = default);

    /// <summary>Relinks, unlinks or unlinks all users' rich menus in one job (up to 1,000 operations); follow it by the returned request id.</summary>
    Task<string?> RichMenuBatchAsync(IReadOnlyList<RichMenuBatchOperation> operations, string? resumeRequestKey = null, CancellationToken cancellationToken = default);

    /// <summary>Asks LINE whether a rich menu batch request is valid without running it.</summary>
    Task ValidateRichMenuBatchAsync(IReadOnlyList<RichMenuBatchOperation> operations, CancellationToken cancellationToken = default);

    /// <summary>How a rich menu batch job is going: <c>ongoing</c>, <c>succeeded</c> or <c>failed</c>.</summary>
    Task<RichMenuBatchProgress> GetRichMenuBatchProgressAsync(string requestId, CancellationToken cancellationToken = default);

    // ---- webhook settings ----

    /// <summary>The channel's webhook URL and whether webhooks are on.</summary>
    Task<WebhookEndpointInfo> GetWebhookEndpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the channel's webhook URL (HTTPS, at most 500 characters).</summary>
    Task SetWebhookEndpointAsync(Uri endpoint, CancellationToken cancellationToken = default);

    /// <summary>Has LINE post an empty, signed event list to the webhook URL (or <paramref name="endpoint"/>) and tell how it was answered.</summary>
    Task<WebhookTestResult> TestWebhookEndpointAsync(Uri? endpoint = null, CancellationToken cancellationToken = default);
}
