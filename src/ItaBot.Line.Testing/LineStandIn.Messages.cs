namespace ItaBot.Line.Testing;

public sealed partial class LineStandIn
{
    private void MapMessages(IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/bot/message/reply", ReplyAsync);
        app.MapPost("/v2/bot/message/push", PushAsync);
        app.MapPost("/v2/bot/message/multicast", MulticastAsync);
    }

    /// <summary>Raised under the stand-in's lock, in acceptance order, for every accepted reply, push and multicast. Handlers must be quick and must not call back.</summary>
    public event Action<StandInSend>? Accepted;

    /// <summary>Every accepted reply, push and multicast, oldest first (the oldest are dropped past 50,000).</summary>
    public IReadOnlyList<StandInSend> Sends
    {
        get { lock (_gate) { return [.. _sends]; } }
    }

    /// <summary>Every send call that arrived during an outage, in arrival order: tests see a hung attempt happen.</summary>
    public IReadOnlyList<StandInOutageCall> OutageCalls
    {
        get { lock (_gate) { return [.. _outageCalls]; } }
    }

    /// <summary>Send calls held by an outage and not yet finished (still hanging, or released and not yet answered).</summary>
    public int CallsOnHold => Volatile.Read(ref _callsOnHold);

    /// <summary>From now on <paramref name="replyToken"/> is refused as LINE refuses an expired one (400 "Invalid reply token").</summary>
    public void RefuseReplyToken(string replyToken)
    {
        lock (_gate)
        {
            _refusedReplyTokens.Add(replyToken);
        }
    }

    /// <summary>How many sends are recorded.</summary>
    public int SendCount
    {
        get { lock (_gate) { return _sends.Count; } }
    }

    /// <summary>A fresh message id, as LINE numbers messages (for webhook events and sent messages).</summary>
    public string NewMessageId() => Interlocked.Increment(ref _messageIds).ToString(CultureInfo.InvariantCulture);

    /// <summary>What every send call goes through first: outage (hang), injected failure, auth, size, JSON, message count, then what LINE's schema and limits refuse.</summary>
    private async Task<SendRequest?> BeginSendAsync(HttpContext context, string requestSchema)
    {
        Task? outage;
        lock (_gate)
        {
            outage = _outage?.Task;
            if (outage is not null)
            {
                var path = context.Request.Path.Value ?? "";
                _outageCalls.Add(new StandInOutageCall(path[(path.LastIndexOf('/') + 1)..], context.Request.Headers["X-Line-Retry-Key"].FirstOrDefault()));
            }
        }

        if (outage is not null)
        {
            Interlocked.Increment(ref _callsOnHold);
            context.Response.RegisterForDispose(new OnHoldEnds(this));   // once the call is answered or aborted
            try
            {
                await outage.WaitAsync(context.RequestAborted).ConfigureAwait(false);
                // A caller that gave up during the outage has closed its connection; give the server a moment to notice
                // before acting on its request, so that a request nobody waits for is not carried out.
                await Task.Delay(100, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                context.Abort();
                return null;
            }
        }

        int failWith = 0;
        TimeSpan? retryAfter = null;
        lock (_gate)
        {
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                _counts.InjectedFailures++;
                failWith = _failureStatus;
                retryAfter = _failureRetryAfter;
            }
        }

        if (failWith != 0)
        {
            if (retryAfter is { } after)
            {
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            await WriteAsync(context, failWith, new { message = FailureMessage(failWith) }).ConfigureAwait(false);
            return null;
        }

        if (!HasBearer(context))
        {
            await Unauthorized(context).ConfigureAwait(false);
            return null;
        }

        var body = await ReadBodyAsync(context, MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, 413, new { message = "Request Entity Too Large" }).ConfigureAwait(false);
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is not JsonObject json)
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = "Malformed JSON", property = "" } } }).ConfigureAwait(false);
            return null;
        }

        if (json["messages"] is not JsonArray messages || messages.Count is 0 or > MaxMessagesPerRequest)
        {
            await WriteAsync(context, 400, new
            {
                message = "The request body has 1 error(s)",
                details = new[] { new { message = "Size must be between 1 and 5", property = "messages" } },
            }).ConfigureAwait(false);
            return null;
        }

        var refusals = Refusals(requestSchema, json, messages);
        if (refusals.Count > 0)
        {
            await WriteRefusalAsync(context, refusals).ConfigureAwait(false);
            return null;
        }

        return new SendRequest(json, messages);
    }

    private async Task ReplyAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context, "ReplyMessageRequest").ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (context.Request.Headers.ContainsKey("X-Line-Retry-Key"))
        {
            await WriteAsync(context, 400, new { message = "The retry key is not supported for this API" }).ConfigureAwait(false);
            return;
        }

        var token = request.Body["replyToken"]?.GetValue<string>();
        StandInSend? accepted = null;
        object? sentMessages = null;
        lock (_gate)
        {
            if (string.IsNullOrEmpty(token) || _refusedReplyTokens.Contains(token) || !_usedReplyTokens.Add(token))
            {
                _counts.RejectedReplies++;
            }
            else
            {
                _counts.Replies++;
                accepted = Record("reply", token, null, request.Messages, null, context);
                sentMessages = SentMessages(request.Messages.Count);
            }
        }

        if (accepted is null)
        {
            await WriteAsync(context, 400, new { message = "Invalid reply token" }).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 200, new { sentMessages }).ConfigureAwait(false);
    }

    private async Task PushAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context, "PushMessageRequest").ConfigureAwait(false);
        if (request is null || !TryGetRetryKey(context, out var retryKey))
        {
            if (request is not null)
            {
                await WriteInvalidRetryKeyAsync(context).ConfigureAwait(false);
            }

            return;
        }

        var to = request.Body["to"] is JsonValue toValue && toValue.TryGetValue<string>(out var t) ? t : null;
        if (string.IsNullOrEmpty(to))
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = "May not be empty", property = "to" } } }).ConfigureAwait(false);
            return;
        }

        AcceptedRequest? earlier = null;
        object? sentMessages;
        lock (_gate)
        {
            if (retryKey is not null && _retryKeys.TryGetValue(retryKey, out earlier))
            {
                _counts.DuplicatePushes++;
                sentMessages = earlier.SentMessages;
            }
            else if (OverQuota(1))
            {
                sentMessages = null;
            }
            else
            {
                _used++;
                _counts.Pushes++;
                sentMessages = SentMessages(request.Messages.Count);
                Record("push", null, to, request.Messages, retryKey, context);
                NoteAggregationUnits(request.Body);
                if (retryKey is not null)
                {
                    _retryKeys[retryKey] = new AcceptedRequest(context.Response.Headers["x-line-request-id"].ToString(), sentMessages);
                }
            }
        }

        if (earlier is not null)
        {
            context.Response.Headers["x-line-accepted-request-id"] = earlier.RequestId;
            await WriteAsync(context, 409, new { message = "The retry key is already accepted", sentMessages }).ConfigureAwait(false);
            return;
        }

        if (sentMessages is null)
        {
            await WriteMonthlyLimitAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 200, new { sentMessages }).ConfigureAwait(false);
    }

    private async Task MulticastAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context, "MulticastRequest").ConfigureAwait(false);
        if (request is null || !TryGetRetryKey(context, out var retryKey))
        {
            if (request is not null)
            {
                await WriteInvalidRetryKeyAsync(context).ConfigureAwait(false);
            }

            return;
        }

        if (request.Body["to"] is not JsonArray toArray || toArray.Count is 0 or > 500)
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = "Size must be between 1 and 500", property = "to" } } }).ConfigureAwait(false);
            return;
        }

        var to = string.Join(',', toArray.Select(n => n?.ToString() ?? ""));
        AcceptedRequest? earlier = null;
        var refused = false;
        lock (_gate)
        {
            if (retryKey is not null && _retryKeys.TryGetValue(retryKey, out earlier))
            {
                // Counted with duplicate pushes: both mean "LINE refused a repeat of an accepted send".
                _counts.DuplicatePushes++;
            }
            else if (OverQuota(toArray.Count))
            {
                refused = true;
            }
            else
            {
                _used += toArray.Count;
                _counts.Multicasts++;
                Record("multicast", null, to, request.Messages, retryKey, context);
                NoteAggregationUnits(request.Body);
                if (retryKey is not null)
                {
                    _retryKeys[retryKey] = new AcceptedRequest(context.Response.Headers["x-line-request-id"].ToString(), null);
                }
            }
        }

        if (earlier is not null)
        {
            context.Response.Headers["x-line-accepted-request-id"] = earlier.RequestId;
            await WriteAsync(context, 409, new { message = "The retry key is already accepted" }).ConfigureAwait(false);
            return;
        }

        if (refused)
        {
            await WriteMonthlyLimitAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, 200, new { }).ConfigureAwait(false);
    }

    private static bool TryGetRetryKey(HttpContext context, out string? retryKey)
    {
        retryKey = null;
        if (!context.Request.Headers.TryGetValue("X-Line-Retry-Key", out var values))
        {
            return true;
        }

        retryKey = values.ToString();
        return Guid.TryParse(retryKey, out _);
    }

    private static Task WriteInvalidRetryKeyAsync(HttpContext context) =>
        WriteAsync(context, 400, new { message = "The value of the X-Line-Retry-Key header is invalid. It must be a UUID." });

    /// <summary>Under the lock.</summary>
    private StandInSend Record(string kind, string? replyToken, string? to, JsonArray messages, string? retryKey, HttpContext context)
    {
        var send = new StandInSend(kind, replyToken, to, messages.ToJsonString(Json), retryKey, _time.GetUtcNow())
        {
            ChannelToken = context.Request.Headers.Authorization.ToString() is { Length: > 7 } bearer ? bearer[7..] : null,
        };
        if (_sends.Count >= MaxRecordedSends)
        {
            _sends.RemoveRange(0, MaxRecordedSends / 10);
        }

        _sends.Add(send);
        Accepted?.Invoke(send);
        return send;
    }

    private object[] SentMessages(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new { id = NewMessageId(), quoteToken = RandomNumberGenerator.GetHexString(32, lowercase: true) })];

    private sealed record SendRequest(JsonObject Body, JsonArray Messages);

    private sealed record AcceptedRequest(string RequestId, object? SentMessages);
}
