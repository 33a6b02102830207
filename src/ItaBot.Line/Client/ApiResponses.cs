using System.Text.Json.Serialization;

namespace ItaBot.Line.Client;

/// <summary>The send operations LINE validates messages for and counts deliveries of.</summary>
public enum MessageOperation
{
    /// <summary><c>reply</c>.</summary>
    Reply,

    /// <summary><c>push</c>.</summary>
    Push,

    /// <summary><c>multicast</c>.</summary>
    Multicast,

    /// <summary><c>narrowcast</c> (validation only; LINE counts no narrowcast deliveries by day).</summary>
    Narrowcast,

    /// <summary><c>broadcast</c>.</summary>
    Broadcast,
}

/// <summary>How a narrowcast is going.</summary>
/// <param name="Phase"><c>waiting</c>, <c>sending</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="SuccessCount">Users the messages reached.</param>
/// <param name="FailureCount">Users the messages did not reach.</param>
/// <param name="TargetCount">Users the narrowcast was for.</param>
/// <param name="FailedDescription">Why it failed, when it did.</param>
public sealed record NarrowcastProgress(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("successCount")] long? SuccessCount,
    [property: JsonPropertyName("failureCount")] long? FailureCount,
    [property: JsonPropertyName("targetCount")] long? TargetCount,
    [property: JsonPropertyName("failedDescription")] string? FailedDescription);

/// <summary>A page of user ids.</summary>
/// <param name="UserIds">The ids on this page.</param>
/// <param name="Next">The continuation token for the next page; null on the last.</param>
public sealed record MemberIds(
    [property: JsonPropertyName("userIds")] IReadOnlyList<string> UserIds,
    [property: JsonPropertyName("next")] string? Next);

/// <summary>A group chat's summary.</summary>
/// <param name="GroupId">The group's id.</param>
/// <param name="GroupName">The group's name.</param>
/// <param name="PictureUrl">The group's icon, when it has one.</param>
public sealed record GroupSummary(
    [property: JsonPropertyName("groupId")] string GroupId,
    [property: JsonPropertyName("groupName")] string GroupName,
    [property: JsonPropertyName("pictureUrl")] string? PictureUrl);

/// <summary>A rich menu as LINE keeps it: its id and definition.</summary>
/// <param name="RichMenuId">The rich menu's id.</param>
/// <param name="Menu">The definition it was created with.</param>
public sealed record RichMenuInfo(string RichMenuId, RichMenu Menu);

/// <summary>A rich menu alias.</summary>
/// <param name="RichMenuAliasId">The alias.</param>
/// <param name="RichMenuId">The rich menu it names.</param>
public sealed record RichMenuAlias(
    [property: JsonPropertyName("richMenuAliasId")] string RichMenuAliasId,
    [property: JsonPropertyName("richMenuId")] string RichMenuId);

/// <summary>One operation of a rich menu batch job: <see cref="Link"/>, <see cref="Unlink"/> or <see cref="UnlinkAll"/>.</summary>
/// <param name="Type"><c>link</c>, <c>unlink</c> or <c>unlinkAll</c>.</param>
/// <param name="From">The rich menu whose users the operation applies to (link, unlink).</param>
/// <param name="To">The rich menu they move to (link).</param>
public sealed record RichMenuBatchOperation(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("from")] string? From = null,
    [property: JsonPropertyName("to")] string? To = null)
{
    /// <summary>Users linked to <paramref name="from"/> are linked to <paramref name="to"/> instead.</summary>
    public static RichMenuBatchOperation Link(string from, string to) => new("link", from, to);

    /// <summary>Users linked to <paramref name="from"/> are unlinked.</summary>
    public static RichMenuBatchOperation Unlink(string from) => new("unlink", from);

    /// <summary>Every user's linked rich menu is unlinked.</summary>
    public static RichMenuBatchOperation UnlinkAll() => new("unlinkAll");
}

/// <summary>How a rich menu batch job is going.</summary>
/// <param name="Phase"><c>ongoing</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="AcceptedTime">When LINE accepted the job.</param>
/// <param name="CompletedTime">When it ended, once it has.</param>
public sealed record RichMenuBatchProgress(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("acceptedTime")] DateTimeOffset AcceptedTime,
    [property: JsonPropertyName("completedTime")] DateTimeOffset? CompletedTime);

/// <summary>The channel's webhook settings.</summary>
/// <param name="Endpoint">The webhook URL.</param>
/// <param name="Active">Whether LINE sends webhooks.</param>
public sealed record WebhookEndpointInfo(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("active")] bool Active);

/// <summary>How the webhook URL answered LINE's test.</summary>
/// <param name="Success">Whether it answered 200.</param>
/// <param name="Timestamp">When LINE tested it.</param>
/// <param name="StatusCode">The HTTP status it answered (0 when it could not be reached).</param>
/// <param name="Reason">LINE's reason, e.g. <c>OK</c> or <c>COULD_NOT_CONNECT</c>.</param>
/// <param name="Detail">More detail, e.g. the status line.</param>
public sealed record WebhookTestResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("detail")] string Detail);
