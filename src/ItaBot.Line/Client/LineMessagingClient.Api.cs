using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ItaBot.Line.Messages;

namespace ItaBot.Line.Client;

/// <summary>The rest of the Messaging API; see <see cref="ILineMessagingClient"/>.</summary>
public sealed partial class LineMessagingClient
{
    private const int MaxBulkUsers = 500;

    /// <inheritdoc />
    public async Task<string?> NarrowcastAsync(IReadOnlyList<Message> messages, Guid retryKey, JsonObject? recipient = null, JsonObject? filter = null, int? maxRecipients = null, CancellationToken cancellationToken = default)
    {
        CheckMessages(messages);
        CheckRetryKey(retryKey);
        var body = new JsonObject { ["messages"] = JsonSerializer.SerializeToNode(messages, LineJson.Options) };
        if (recipient is not null)
        {
            body["recipient"] = recipient.DeepClone();
        }

        if (filter is not null)
        {
            body["filter"] = filter.DeepClone();
        }

        if (maxRecipients is { } max)
        {
            body["limit"] = new JsonObject { ["max"] = max };
        }

        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/message/narrowcast", "/v2/bot/message/narrowcast")
        {
            Body = Json(body),
            RetryKey = retryKey,
            AcceptConflict = true,
        }, cancellationToken).ConfigureAwait(false);
        return response.Status == HttpStatusCode.Conflict ? response.AcceptedRequestId : response.RequestId;
    }

    /// <inheritdoc />
    public async Task<NarrowcastProgress> GetNarrowcastProgressAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return Deserialize<NarrowcastProgress>(await GetAsync($"v2/bot/message/progress/narrowcast?requestId={Escape(requestId)}", "/v2/bot/message/progress/narrowcast", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task BroadcastAsync(IReadOnlyList<Message> messages, Guid retryKey, CancellationToken cancellationToken = default)
    {
        CheckMessages(messages);
        CheckRetryKey(retryKey);
        await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/message/broadcast", "/v2/bot/message/broadcast")
        {
            Body = Json(new BroadcastRequest(messages)),
            RetryKey = retryKey,
            AcceptConflict = true,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ValidateMessagesAsync(MessageOperation operation, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var name = OperationName(operation);
        return SendAsync(new LineRequest(HttpMethod.Post, Host.Api, $"v2/bot/message/validate/{name}", $"/v2/bot/message/validate/{name}")
        {
            Body = Json(new BroadcastRequest(messages)),
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long?> GetSentMessageCountAsync(MessageOperation operation, DateOnly date, CancellationToken cancellationToken = default)
    {
        if (operation == MessageOperation.Narrowcast)
        {
            throw new ArgumentException("LINE counts no narrowcast deliveries by day; use GetNarrowcastProgressAsync.", nameof(operation));
        }

        var name = OperationName(operation);
        var day = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var count = Deserialize<SentCountResponse>(await GetAsync($"v2/bot/message/delivery/{name}?date={day}", $"/v2/bot/message/delivery/{name}", cancellationToken).ConfigureAwait(false));
        return count.Status == "ready" ? count.Success ?? 0 : null;
    }

    /// <inheritdoc />
    public Task MarkAsReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return PostJsonAsync("v2/bot/message/markAsRead", new JsonObject { ["chat"] = new JsonObject { ["userId"] = userId } }, cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkAsReadByTokenAsync(string markAsReadToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(markAsReadToken);
        return PostJsonAsync("v2/bot/chat/markAsRead", new JsonObject { ["markAsReadToken"] = markAsReadToken }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MessageContent> GetMessageContentPreviewAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var response = await SendAsync(
            new LineRequest(HttpMethod.Get, Host.Data, $"v2/bot/message/{Escape(messageId)}/content/preview", "/v2/bot/message/{messageId}/content/preview"),
            cancellationToken).ConfigureAwait(false);
        return response.Status == HttpStatusCode.Accepted
            ? throw new LineContentNotReadyException(messageId)
            : new MessageContent(response.Body, response.ContentType ?? "application/octet-stream");
    }

    /// <inheritdoc />
    public async Task<string> GetMessageContentTranscodingAsync(string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var response = await SendAsync(
            new LineRequest(HttpMethod.Get, Host.Data, $"v2/bot/message/{Escape(messageId)}/content/transcoding", "/v2/bot/message/{messageId}/content/transcoding"),
            cancellationToken).ConfigureAwait(false);
        return Deserialize<TranscodingResponse>(response).Status;
    }

    /// <inheritdoc />
    public async Task<MemberIds> GetFollowersAsync(string? start = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        AddPaging(query, start, limit);
        return Deserialize<MemberIds>(await GetAsync(WithQuery("v2/bot/followers/ids", query), "/v2/bot/followers/ids", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<string> IssueLinkTokenAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, $"v2/bot/user/{Escape(userId)}/linkToken", "/v2/bot/user/{userId}/linkToken"), cancellationToken)
            .ConfigureAwait(false);
        return Deserialize<LinkTokenResponse>(response).LinkToken;
    }

    /// <inheritdoc />
    public async Task<GroupSummary> GetGroupSummaryAsync(string groupId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        return Deserialize<GroupSummary>(await GetAsync($"v2/bot/group/{Escape(groupId)}/summary", "/v2/bot/group/{groupId}/summary", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<int> GetMemberCountAsync(string chatId, bool room = false, CancellationToken cancellationToken = default)
    {
        var (kind, id) = Chat(chatId, room);
        return Deserialize<MemberCountResponse>(await GetAsync($"v2/bot/{kind}/{id}/members/count", $"/v2/bot/{kind}/{{{kind}Id}}/members/count", cancellationToken).ConfigureAwait(false)).Count;
    }

    /// <inheritdoc />
    public async Task<MemberIds> GetMemberIdsAsync(string chatId, bool room = false, string? start = null, CancellationToken cancellationToken = default)
    {
        var (kind, id) = Chat(chatId, room);
        var path = $"v2/bot/{kind}/{id}/members/ids" + (start is null ? "" : "?start=" + Escape(start));
        return Deserialize<MemberIds>(await GetAsync(path, $"/v2/bot/{kind}/{{{kind}Id}}/members/ids", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<UserProfile> GetMemberProfileAsync(string chatId, string userId, bool room = false, CancellationToken cancellationToken = default)
    {
        var (kind, id) = Chat(chatId, room);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return Deserialize<UserProfile>(await GetAsync($"v2/bot/{kind}/{id}/member/{Escape(userId)}", $"/v2/bot/{kind}/{{{kind}Id}}/member/{{userId}}", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task LeaveAsync(string chatId, bool room = false, CancellationToken cancellationToken = default)
    {
        var (kind, id) = Chat(chatId, room);
        return SendAsync(new LineRequest(HttpMethod.Post, Host.Api, $"v2/bot/{kind}/{id}/leave", $"/v2/bot/{kind}/{{{kind}Id}}/leave"), cancellationToken);
    }

    /// <inheritdoc />
    public Task ValidateRichMenuAsync(RichMenu richMenu, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(richMenu);
        return SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/richmenu/validate", "/v2/bot/richmenu/validate") { Body = Json(richMenu) }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RichMenuInfo?> GetRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        var response = await GetOrNullAsync($"v2/bot/richmenu/{Escape(richMenuId)}", "/v2/bot/richmenu/{richMenuId}", cancellationToken).ConfigureAwait(false);
        return response is null ? null : ToRichMenuInfo(Deserialize<JsonObject>(response));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RichMenuInfo>> GetRichMenuListAsync(CancellationToken cancellationToken = default)
    {
        var list = Deserialize<JsonObject>(await GetAsync("v2/bot/richmenu/list", "/v2/bot/richmenu/list", cancellationToken).ConfigureAwait(false));
        return [.. (list["richmenus"] as JsonArray ?? []).OfType<JsonObject>().Select(ToRichMenuInfo)];
    }

    /// <inheritdoc />
    public Task DeleteRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        return SendAsync(new LineRequest(HttpMethod.Delete, Host.Api, $"v2/bot/richmenu/{Escape(richMenuId)}", "/v2/bot/richmenu/{richMenuId}"), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<MessageContent> GetRichMenuImageAsync(string richMenuId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        var response = await SendAsync(
            new LineRequest(HttpMethod.Get, Host.Data, $"v2/bot/richmenu/{Escape(richMenuId)}/content", "/v2/bot/richmenu/{richMenuId}/content"),
            cancellationToken).ConfigureAwait(false);
        return new MessageContent(response.Body, response.ContentType ?? "application/octet-stream");
    }

    /// <inheritdoc />
    public async Task<string?> GetDefaultRichMenuIdAsync(CancellationToken cancellationToken = default)
    {
        var response = await GetOrNullAsync("v2/bot/user/all/richmenu", "/v2/bot/user/all/richmenu", cancellationToken).ConfigureAwait(false);
        return response is null ? null : Deserialize<RichMenuIdResponse>(response).RichMenuId;
    }

    /// <inheritdoc />
    public Task CancelDefaultRichMenuAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new LineRequest(HttpMethod.Delete, Host.Api, "v2/bot/user/all/richmenu", "/v2/bot/user/all/richmenu"), cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetRichMenuIdOfUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var response = await GetOrNullAsync($"v2/bot/user/{Escape(userId)}/richmenu", "/v2/bot/user/{userId}/richmenu", cancellationToken).ConfigureAwait(false);
        return response is null ? null : Deserialize<RichMenuIdResponse>(response).RichMenuId;
    }

    /// <inheritdoc />
    public Task UnlinkRichMenuFromUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return SendAsync(new LineRequest(HttpMethod.Delete, Host.Api, $"v2/bot/user/{Escape(userId)}/richmenu", "/v2/bot/user/{userId}/richmenu"), cancellationToken);
    }

    /// <inheritdoc />
    public Task LinkRichMenuToUsersAsync(string richMenuId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        CheckBulk(userIds);
        return PostJsonAsync("v2/bot/richmenu/bulk/link", new JsonObject { ["richMenuId"] = richMenuId, ["userIds"] = new JsonArray([.. userIds.Select(u => JsonValue.Create(u))]) }, cancellationToken);
    }

    /// <inheritdoc />
    public Task UnlinkRichMenuFromUsersAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken = default)
    {
        CheckBulk(userIds);
        return PostJsonAsync("v2/bot/richmenu/bulk/unlink", new JsonObject { ["userIds"] = new JsonArray([.. userIds.Select(u => JsonValue.Create(u))]) }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RichMenuAlias?> GetRichMenuAliasAsync(string richMenuAliasId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuAliasId);
        var response = await GetOrNullAsync($"v2/bot/richmenu/alias/{Escape(richMenuAliasId)}", "/v2/bot/richmenu/alias/{richMenuAliasId}", cancellationToken).ConfigureAwait(false);
        return response is null ? null : Deserialize<RichMenuAlias>(response);
    }

    /// <inheritdoc />
    public Task UpdateRichMenuAliasAsync(string richMenuAliasId, string richMenuId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuAliasId);
        ArgumentException.ThrowIfNullOrEmpty(richMenuId);
        return SendAsync(new LineRequest(HttpMethod.Post, Host.Api, $"v2/bot/richmenu/alias/{Escape(richMenuAliasId)}", "/v2/bot/richmenu/alias/{richMenuAliasId}")
        {
            Body = Json(new JsonObject { ["richMenuId"] = richMenuId }),
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteRichMenuAliasAsync(string richMenuAliasId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(richMenuAliasId);
        return SendAsync(new LineRequest(HttpMethod.Delete, Host.Api, $"v2/bot/richmenu/alias/{Escape(richMenuAliasId)}", "/v2/bot/richmenu/alias/{richMenuAliasId}"), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RichMenuAlias>> GetRichMenuAliasListAsync(CancellationToken cancellationToken = default) =>
        Deserialize<AliasListResponse>(await GetAsync("v2/bot/richmenu/alias/list", "/v2/bot/richmenu/alias/list", cancellationToken).ConfigureAwait(false)).Aliases;

    /// <inheritdoc />
    public async Task<string?> RichMenuBatchAsync(IReadOnlyList<RichMenuBatchOperation> operations, string? resumeRequestKey = null, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/richmenu/batch", "/v2/bot/richmenu/batch")
        {
            Body = Json(new BatchRequest(CheckBatch(operations), resumeRequestKey)),
        }, cancellationToken).ConfigureAwait(false);
        return response.RequestId;
    }

    /// <inheritdoc />
    public Task ValidateRichMenuBatchAsync(IReadOnlyList<RichMenuBatchOperation> operations, CancellationToken cancellationToken = default) =>
        SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/richmenu/validate/batch", "/v2/bot/richmenu/validate/batch")
        {
            Body = Json(new BatchRequest(CheckBatch(operations), null)),
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<RichMenuBatchProgress> GetRichMenuBatchProgressAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return Deserialize<RichMenuBatchProgress>(await GetAsync($"v2/bot/richmenu/progress/batch?requestId={Escape(requestId)}", "/v2/bot/richmenu/progress/batch", cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<WebhookEndpointInfo> GetWebhookEndpointAsync(CancellationToken cancellationToken = default) =>
        Deserialize<WebhookEndpointInfo>(await GetAsync("v2/bot/channel/webhook/endpoint", "/v2/bot/channel/webhook/endpoint", cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task SetWebhookEndpointAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return SendAsync(new LineRequest(HttpMethod.Put, Host.Api, "v2/bot/channel/webhook/endpoint", "/v2/bot/channel/webhook/endpoint")
        {
            Body = Json(new JsonObject { ["endpoint"] = endpoint.AbsoluteUri }),
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<WebhookTestResult> TestWebhookEndpointAsync(Uri? endpoint = null, CancellationToken cancellationToken = default)
    {
        var body = endpoint is null ? new JsonObject() : new JsonObject { ["endpoint"] = endpoint.AbsoluteUri };
        var response = await SendAsync(new LineRequest(HttpMethod.Post, Host.Api, "v2/bot/channel/webhook/test", "/v2/bot/channel/webhook/test") { Body = Json(body) }, cancellationToken)
            .ConfigureAwait(false);
        return Deserialize<WebhookTestResult>(response);
    }

    private Task<LineResponse> GetAsync(string path, string template, CancellationToken cancellationToken) =>
        SendAsync(new LineRequest(HttpMethod.Get, Host.Api, path, template), cancellationToken);

    /// <summary>A GET whose 404 means "there is none" (no default rich menu, no such alias), not a failure.</summary>
    private async Task<LineResponse?> GetOrNullAsync(string path, string template, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(path, template, cancellationToken).ConfigureAwait(false);
        }
        catch (LineApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<LineResponse> PostJsonAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(new LineRequest(HttpMethod.Post, Host.Api, path, "/" + path) { Body = Json(body) }, cancellationToken);

    private static string OperationName(MessageOperation operation) => operation switch
    {
        MessageOperation.Reply => "reply",
        MessageOperation.Push => "push",
        MessageOperation.Multicast => "multicast",
        MessageOperation.Narrowcast => "narrowcast",
        MessageOperation.Broadcast => "broadcast",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not a send operation"),
    };

    private static (string Kind, string Id) Chat(string chatId, bool room)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        return (room ? "room" : "group", Escape(chatId));
    }

    private static void CheckBulk(IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count is 0 or > MaxBulkUsers)
        {
            throw new ArgumentException($"Takes 1 to {MaxBulkUsers} user ids; got {userIds.Count}.", nameof(userIds));
        }
    }

    private static IReadOnlyList<RichMenuBatchOperation> CheckBatch(IReadOnlyList<RichMenuBatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return operations.Count is 0 or > 1000
            ? throw new ArgumentException($"A rich menu batch takes 1 to 1000 operations; got {operations.Count}.", nameof(operations))
            : operations;
    }

    private static RichMenuInfo ToRichMenuInfo(JsonObject json) =>
        new(json["richMenuId"]?.GetValue<string>() ?? "", json.Deserialize<RichMenu>(LineJson.Options) ?? throw new JsonException("A rich menu without a body."));

    private sealed record BroadcastRequest(IReadOnlyList<Message> Messages);

    private sealed record BatchRequest(IReadOnlyList<RichMenuBatchOperation> Operations, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResumeRequestKey);

    private sealed record SentCountResponse(string Status, long? Success);

    private sealed record TranscodingResponse(string Status);

    private sealed record LinkTokenResponse(string LinkToken);

    private sealed record MemberCountResponse(int Count);

    private sealed record AliasListResponse(IReadOnlyList<RichMenuAlias> Aliases);
}
