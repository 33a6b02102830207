namespace ItaBot.Line.Testing;

/// <summary>Narrowcast, broadcast, message validation, delivery counts and mark-as-read.</summary>
public sealed partial class LineStandIn
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private readonly Dictionary<string, JsonObject> _narrowcasts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readChats = new(StringComparer.Ordinal);

    private void MapBroadcast(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/message/narrowcast", NarrowcastAsync);
        app.MapGet("/v2/bot/message/progress/narrowcast", Authorized(GetNarrowcastProgress));
        app.MapPost("/v2/bot/message/broadcast", BroadcastAsync);
        foreach (var kind in new[] { "reply", "push", "multicast", "narrowcast", "broadcast" })
        {
            app.MapPost("/v2/bot/message/validate/" + kind, ValidateAsync);
        }

        app.MapGet("/v2/bot/message/delivery/{kind}", Authorized(GetDeliveryCount));
        app.MapPost("/v2/bot/message/markAsRead", Authorized(MarkAsReadAsync));
        app.MapPost("/v2/bot/chat/markAsRead", Authorized(MarkAsReadByTokenAsync));
    }

    /// <summary>Whether the bot marked the messages in its one-to-one chat with <paramref name="userId"/> as read.</summary>
    public bool IsMarkedAsRead(string userId)
    {
        lock (_gate)
        {
            return _readChats.Contains(userId);
        }
    }

    private async Task NarrowcastAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context, "NarrowcastRequest").ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var requestId = context.Response.Headers["x-line-request-id"].ToString();
        var (status, earlier) = AcceptBroadcast(context, request, "narrowcast");
        if (status == 202)
        {
            lock (_gate)
            {
                var targets = _followers.Count;
                _narrowcasts[requestId] = new JsonObject { ["phase"] = "succeeded", ["successCount"] = targets, ["failureCount"] = 0, ["targetCount"] = targets };
            }
        }

        await FinishBroadcastAsync(context, status, earlier).ConfigureAwait(false);
    }

    private async Task BroadcastAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context, "BroadcastRequest").ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var (status, earlier) = AcceptBroadcast(context, request, "broadcast");
        await FinishBroadcastAsync(context, status == 202 ? 200 : status, earlier).ConfigureAwait(false);
    }

    /// <summary>Retry key, quota (one per follower) and recording, as for multicast. Returns 202, 409 (with the accepted request id), 429 or 400.</summary>
    private (int Status, string? Earlier) AcceptBroadcast(HttpContext context, SendRequest request, string kind)
    {
        if (!TryGetRetryKey(context, out var retryKey))
        {
            return (400, null);
        }

        lock (_gate)
        {
            if (retryKey is not null && _retryKeys.TryGetValue(retryKey, out var earlier))
            {
                _counts.DuplicatePushes++;
                return (409, earlier.RequestId);
            }

            if (OverQuota(_followers.Count))
            {
                return (429, null);
            }

            _used += _followers.Count;
            if (kind == "narrowcast")
            {
                _counts.Narrowcasts++;
            }
            else
            {
                _counts.Broadcasts++;
            }

            Record(kind, null, null, request.Messages, retryKey, context);
            if (retryKey is not null)
            {
                _retryKeys[retryKey] = new AcceptedRequest(context.Response.Headers["x-line-request-id"].ToString(), null);
            }

            return (202, null);
        }
    }

    private static Task FinishBroadcastAsync(HttpContext context, int status, string? earlier)
    {
        switch (status)
        {
            case 400:
                return WriteInvalidRetryKeyAsync(context);
            case 409:
                context.Response.Headers["x-line-accepted-request-id"] = earlier;
                return WriteAsync(context, 409, new { message = "The retry key is already accepted" });
            case 429:
                return WriteMonthlyLimitAsync(context);
            default:
                return WriteAsync(context, status, new { });
        }
    }

    private Task GetNarrowcastProgress(HttpContext context)
    {
        JsonObject? progress;
        lock (_gate)
        {
            progress = _narrowcasts.GetValueOrDefault(context.Request.Query["requestId"].ToString())?.DeepClone().AsObject();
        }

        return progress is null ? WriteAsync(context, 404, new { message = "Not found" }) : WriteAsync(context, 200, progress);
    }

    /// <summary>The validate endpoints check exactly as the send endpoints do, and send nothing.</summary>
    private async Task ValidateAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context, "ValidateMessageRequest").ConfigureAwait(false);
        if (request is not null)
        {
            await WriteAsync(context, 200, new { }).ConfigureAwait(false);
        }
    }

    private Task GetDeliveryCount(HttpContext context)
    {
        var kind = (string)context.GetRouteValue("kind")!;
        if (kind is not ("reply" or "push" or "multicast" or "broadcast" or "pnp")
            || !DateOnly.TryParseExact(context.Request.Query["date"].ToString(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return WriteAsync(context, 400, new { message = "The value for the 'date' parameter is invalid" });
        }

        long messages = 0;
        lock (_gate)
        {
            foreach (var send in _sends.Where(s => s.Kind == kind && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.At, Tokyo).DateTime) == date))
            {
                var recipients = send.Kind == "multicast" ? send.To!.Split(',').Length : 1;
                messages += (long)JsonNode.Parse(send.MessagesJson)!.AsArray().Count * recipients;
            }
        }

        return WriteAsync(context, 200, new { status = "ready", success = messages });
    }

    private async Task MarkAsReadAsync(HttpContext context)
    {
        var userId = (await ReadJsonAsync(context).ConfigureAwait(false))?["chat"]?["userId"]?.ToString();
        if (userId is null || !UserIdPattern().IsMatch(userId))
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = "invalid user id", property = "chat.userId" } } }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _readChats.Add(userId);
        }

        await WriteAsync(context, 200, new { }).ConfigureAwait(false);
    }

    private async Task MarkAsReadByTokenAsync(HttpContext context)
    {
        var token = (await ReadJsonAsync(context).ConfigureAwait(false))?["markAsReadToken"]?.ToString();
        await (string.IsNullOrEmpty(token)
            ? WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = "May not be empty", property = "markAsReadToken" } } })
            : WriteAsync(context, 200, new { })).ConfigureAwait(false);
    }
}
