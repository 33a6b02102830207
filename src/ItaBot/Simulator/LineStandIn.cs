using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ItaBot.Simulator;

/// <summary>One message-sending call LINE accepted. <c>To</c> is the pushed-to id, or the multicast ids joined by commas.</summary>
public sealed record StandInSend(string Kind, string? ReplyToken, string? To, string MessagesJson, string? RetryKey, DateTimeOffset At);

/// <summary>A send call that reached the stand-in while LINE was down (kept hanging): its path's last segment ("reply", "push", …) and retry key.</summary>
public sealed record StandInOutageCall(string Kind, string? RetryKey);

public sealed record StandInCounts(int Replies, int RejectedReplies, int Pushes, int DuplicatePushes, int Multicasts, int InjectedFailures)
{
    /// <summary>Pushes and multicasts refused with 429 "You have reached your monthly limit."</summary>
    public int RefusedOverQuota { get; init; }
}

/// <summary>
/// A stand-in for the LINE Messaging API on loopback (api and data host paths on one address). It records what a
/// bot sends and keeps LINE's promises that matter for exactly-once delivery: a reply token works once, reply refuses
/// a retry key, a push or multicast repeated with the same retry key gets 409 with the original request id.
/// Faults (errors, Retry-After, outages, expired tokens) can be injected. It logs nothing: bodies hold user ids and text.
/// Like ../shared/peer/fake-line-api.js it keeps a monthly quota when <see cref="MonthlyLimit"/> is set (or
/// <c>POST /__limit?n=N</c>): replies are free, pushes and multicasts count one per recipient, and past the limit they
/// are refused with 429 "You have reached your monthly limit."; the quota and consumption endpoints answer from it.
/// </summary>
internal sealed partial class LineStandIn : IAsyncDisposable
{
    public const int MaxBodyBytes = 2 * 1024 * 1024;
    public const int MaxRichMenuImageBytes = 1024 * 1024;
    private const int MaxMessagesPerRequest = 5;
    private const int MaxRecordedSends = 50_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Lock _gate = new();
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly List<StandInSend> _sends = [];
    private readonly List<StandInOutageCall> _outageCalls = [];
    private readonly HashSet<string> _usedReplyTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refusedReplyTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcceptedRequest> _retryKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StandInContent> _content = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _displayNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StandInRichMenu> _richMenus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _richMenuAliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _userRichMenus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _loadingUntil = new(StringComparer.Ordinal);
    private string? _defaultRichMenuId;
    private Counters _counts;
    private int _failuresLeft;
    private int _failureStatus;
    private TimeSpan? _failureRetryAfter;
    private TaskCompletionSource? _outage;
    private int _callsOnHold;
    private long _messageIds = 600_000_000_000_000_000;
    private long? _monthlyLimit;
    private long _used;
    private bool _disposed;

    private LineStandIn(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        BotUserId = "U" + RandomNumberGenerator.GetHexString(32, lowercase: true);
    }

    /// <summary>Raised under the stand-in's lock, in acceptance order, for every accepted reply, push and multicast. Handlers must be quick and must not call back.</summary>
    internal event Action<StandInSend>? Accepted;

    public Uri BaseAddress { get; private set; } = null!;

    public string BotUserId { get; }

    public string BotDisplayName { get; set; } = "ItaBot เทศบาล";

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

    public StandInCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return new StandInCounts(_counts.Replies, _counts.RejectedReplies, _counts.Pushes, _counts.DuplicatePushes, _counts.Multicasts, _counts.InjectedFailures)
                {
                    RefusedOverQuota = _counts.RefusedOverQuota,
                };
            }
        }
    }

    public static async Task<LineStandIn> StartAsync(CancellationToken cancellationToken = default) =>
        await StartAsync(TimeProvider.System, cancellationToken).ConfigureAwait(false);

    public static async Task<LineStandIn> StartAsync(TimeProvider time, CancellationToken cancellationToken = default)
    {
        // An empty builder: no configuration sources (ASPNETCORE_URLS must not move it), no logging providers.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 8 * MaxBodyBytes;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var standIn = new LineStandIn(app, time);
        standIn.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>The channel's monthly message quota (null: unlimited, LINE's "none"). Raising it is an admin buying more.</summary>
    public long? MonthlyLimit
    {
        get { lock (_gate) { return _monthlyLimit; } }
        set { lock (_gate) { _monthlyLimit = value; } }
    }

    /// <summary>Messages counted against the quota this month (pushes, and multicasts per recipient).</summary>
    public long QuotaUsed
    {
        get { lock (_gate) { return _used; } }
    }

    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = statusCode;
            _failureRetryAfter = retryAfter;
        }
    }

    public void BeginOutage()
    {
        lock (_gate)
        {
            _outage ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void EndOutage()
    {
        TaskCompletionSource? outage;
        lock (_gate)
        {
            outage = _outage;
            _outage = null;
        }

        outage?.TrySetResult();
    }

    public void RefuseReplyToken(string replyToken)
    {
        lock (_gate)
        {
            _refusedReplyTokens.Add(replyToken);
        }
    }

    /// <summary>Content a user sent; LINE answers 202 (still preparing) to the first <paramref name="notReadyFor"/> downloads.</summary>
    public void AddContent(string messageId, byte[] data, string contentType, int notReadyFor = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            _content[messageId] = new StandInContent(data, contentType) { NotReadyFor = notReadyFor };
        }
    }

    /// <summary>The content is gone (the user unsent it, or LINE's retention passed): downloads answer 410.</summary>
    public void ExpireContent(string messageId)
    {
        lock (_gate)
        {
            _content[messageId] = new StandInContent([], "application/octet-stream") { Gone = true };
        }
    }

    public async Task WaitUntilAsync(Func<LineStandIn, bool> condition, TimeSpan timeout)
    {
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (!condition(this))
        {
            if (_time.GetTimestamp() > deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The LINE stand-in did not reach the expected state within {timeout.TotalSeconds:0.###} s. {Counts}, sends recorded: {SendCount}."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
        }
    }

    public void Reset()
    {
        EndOutage();
        lock (_gate)
        {
            _sends.Clear();
            _outageCalls.Clear();
            _usedReplyTokens.Clear();
            _refusedReplyTokens.Clear();
            _retryKeys.Clear();
            _content.Clear();
            _displayNames.Clear();
            _richMenus.Clear();
            _richMenuAliases.Clear();
            _userRichMenus.Clear();
            _loadingUntil.Clear();
            _defaultRichMenuId = null;
            _counts = default;
            _failuresLeft = 0;
            _used = 0;   // the limit stays, as the peer stand-in's /__reset keeps it
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        EndOutage();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    // ---- what the simulator page reads in-process ----

    internal int SendCount
    {
        get { lock (_gate) { return _sends.Count; } }
    }

    internal void SetDisplayName(string userId, string displayName)
    {
        lock (_gate)
        {
            _displayNames[userId] = displayName;
        }
    }

    internal StandInContent? GetContent(string messageId)
    {
        lock (_gate)
        {
            return _content.GetValueOrDefault(messageId);
        }
    }

    internal string NewMessageId() => Interlocked.Increment(ref _messageIds).ToString(CultureInfo.InvariantCulture);

    /// <summary>The menu LINE would show this user: the one linked to them, else the default set through the API.</summary>
    internal StandInRichMenu? EffectiveRichMenu(string userId)
    {
        lock (_gate)
        {
            var id = _userRichMenus.GetValueOrDefault(userId) ?? _defaultRichMenuId;
            return id is null ? null : _richMenus.GetValueOrDefault(id);
        }
    }

    internal StandInRichMenu? GetRichMenu(string richMenuId)
    {
        lock (_gate)
        {
            return _richMenus.GetValueOrDefault(richMenuId);
        }
    }

    internal StandInRichMenu? GetRichMenuByAlias(string aliasId)
    {
        lock (_gate)
        {
            return _richMenuAliases.TryGetValue(aliasId, out var id) ? _richMenus.GetValueOrDefault(id) : null;
        }
    }

    internal bool IsLoading(string userId)
    {
        lock (_gate)
        {
            return _loadingUntil.TryGetValue(userId, out var until) && until > _time.GetUtcNow();
        }
    }

    // ---- HTTP ----

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.Headers["x-line-request-id"] = Guid.NewGuid().ToString();
            await next(context).ConfigureAwait(false);
        });

        app.MapPost("/v2/bot/message/reply", ReplyAsync);
        app.MapPost("/v2/bot/message/push", PushAsync);
        app.MapPost("/v2/bot/message/multicast", MulticastAsync);
        app.MapGet("/v2/bot/profile/{userId}", Authorized(GetProfile));
        app.MapGet("/v2/bot/info", Authorized(GetBotInfo));
        app.MapGet("/v2/bot/message/quota", Authorized(GetQuota));
        app.MapPost("/__limit", SetLimit);
        app.MapGet("/v2/bot/message/quota/consumption", Authorized(GetConsumption));
        app.MapPost("/v2/bot/chat/loading/start", Authorized(StartLoadingAsync));
        app.MapGet("/v2/bot/message/{messageId}/content", Authorized(GetContentAsync));
        app.MapGet("/v2/bot/message/{messageId}/content/preview", Authorized(GetContentAsync));
        app.MapPost("/v2/bot/richmenu", Authorized(CreateRichMenuAsync));
        app.MapGet("/v2/bot/richmenu/list", Authorized(ListRichMenus));
        app.MapGet("/v2/bot/richmenu/{richMenuId}", Authorized(GetRichMenuAsync));
        app.MapDelete("/v2/bot/richmenu/{richMenuId}", Authorized(DeleteRichMenu));
        app.MapPost("/v2/bot/richmenu/{richMenuId}/content", Authorized(UploadRichMenuImageAsync));
        app.MapGet("/v2/bot/richmenu/{richMenuId}/content", Authorized(DownloadRichMenuImageAsync));
        app.MapPost("/v2/bot/user/all/richmenu/{richMenuId}", Authorized(SetDefaultRichMenu));
        app.MapGet("/v2/bot/user/all/richmenu", Authorized(GetDefaultRichMenu));
        app.MapDelete("/v2/bot/user/all/richmenu", Authorized(ClearDefaultRichMenu));
        app.MapPost("/v2/bot/user/{userId}/richmenu/{richMenuId}", Authorized(LinkRichMenu));
        app.MapGet("/v2/bot/user/{userId}/richmenu", Authorized(GetUserRichMenu));
        app.MapDelete("/v2/bot/user/{userId}/richmenu", Authorized(UnlinkRichMenu));
        app.MapPost("/v2/bot/richmenu/alias", Authorized(CreateAliasAsync));
        app.MapGet("/v2/bot/richmenu/alias/{aliasId}", Authorized(GetAlias));
        app.MapFallback(context => WriteAsync(context, 404, new { message = "Not found" }));
    }

    private static RequestDelegate Authorized(RequestDelegate handler) => context =>
        HasBearer(context) ? handler(context) : Unauthorized(context);

    private static bool HasBearer(HttpContext context)
    {
        var value = context.Request.Headers.Authorization.ToString();
        return value.StartsWith("Bearer ", StringComparison.Ordinal) && value.Length > "Bearer ".Length;
    }

    private static Task Unauthorized(HttpContext context) =>
        WriteAsync(context, 401, new { message = "Authentication failed. Confirm that the access token in the authorization header is valid." });

    /// <summary>What every send call goes through first: outage (hang), injected failure, auth, size, JSON, message count.</summary>
    private async Task<SendRequest?> BeginSendAsync(HttpContext context)
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

        return new SendRequest(json, messages);
    }

    private static string FailureMessage(int status) => status switch
    {
        429 => "The API rate limit has been exceeded. Try again later.",
        400 => "The request body has 1 error(s)",
        401 => "Authentication failed.",
        _ => "Internal server error",
    };

    private async Task ReplyAsync(HttpContext context)
    {
        var request = await BeginSendAsync(context).ConfigureAwait(false);
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
                accepted = Record("reply", token, null, request.Messages, null);
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
        var request = await BeginSendAsync(context).ConfigureAwait(false);
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
                Record("push", null, to, request.Messages, retryKey);
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
        var request = await BeginSendAsync(context).ConfigureAwait(false);
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
                Record("multicast", null, to, request.Messages, retryKey);
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

    /// <summary>Under the lock: would <paramref name="recipients"/> more messages pass the monthly limit? Counts the refusal.</summary>
    private bool OverQuota(int recipients)
    {
        if (_monthlyLimit is { } limit && _used + recipients > limit)
        {
            _counts.RefusedOverQuota++;
            return true;
        }

        return false;
    }

    private static Task WriteMonthlyLimitAsync(HttpContext context) =>
        WriteAsync(context, 429, new { message = "You have reached your monthly limit." });

    private Task GetQuota(HttpContext context)
    {
        var limit = MonthlyLimit;
        return limit is { } value ? WriteAsync(context, 200, new { type = "limited", value }) : WriteAsync(context, 200, new { type = "none" });
    }

    /// <summary>POST /__limit?n=N, as the peer stand-in: a new monthly limit (an admin bought more).</summary>
    private Task SetLimit(HttpContext context)
    {
        if (!long.TryParse(context.Request.Query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return WriteAsync(context, 400, new { message = "n must be a number" });
        }

        MonthlyLimit = n;
        return WriteAsync(context, 200, new { limit = n });
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
    private StandInSend Record(string kind, string? replyToken, string? to, JsonArray messages, string? retryKey)
    {
        var send = new StandInSend(kind, replyToken, to, messages.ToJsonString(Json), retryKey, _time.GetUtcNow());
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

    private Task GetProfile(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        if (!UserIdPattern().IsMatch(userId))
        {
            return WriteAsync(context, 404, new { message = "Not found" });
        }

        string name;
        lock (_gate)
        {
            name = _displayNames.GetValueOrDefault(userId) ?? "ผู้ใช้ทดสอบ";
        }

        return WriteAsync(context, 200, new { userId, displayName = name, language = "th" });
    }

    private Task GetBotInfo(HttpContext context) =>
        WriteAsync(context, 200, new { userId = BotUserId, basicId = "@itabot", displayName = BotDisplayName, chatMode = "bot", markAsReadMode = "auto" });

    private Task GetConsumption(HttpContext context)
    {
        return WriteAsync(context, 200, new { totalUsage = QuotaUsed });
    }

    private async Task StartLoadingAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var chatId = body?["chatId"]?.ToString();
        var seconds = body?["loadingSeconds"] is JsonValue v && v.TryGetValue<int>(out var s) ? s : 20;
        if (string.IsNullOrEmpty(chatId) || !UserIdPattern().IsMatch(chatId) || seconds is < 5 or > 60 || seconds % 5 != 0)
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)" }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            _loadingUntil[chatId] = _time.GetUtcNow().AddSeconds(seconds);
        }

        await WriteAsync(context, 202, new { }).ConfigureAwait(false);
    }

    private async Task GetContentAsync(HttpContext context)
    {
        var messageId = (string)context.GetRouteValue("messageId")!;
        var failWith = 0;
        lock (_gate)
        {
            // FailNext applies to downloads too: a LINE outage hits the data host as well.
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                _counts.InjectedFailures++;
                failWith = _failureStatus;
            }
        }

        if (failWith != 0)
        {
            await WriteAsync(context, failWith, new { message = FailureMessage(failWith) }).ConfigureAwait(false);
            return;
        }

        var content = GetContent(messageId);
        if (content is null)
        {
            await WriteAsync(context, 404, new { message = "Not found" }).ConfigureAwait(false);
            return;
        }

        if (content.Gone)
        {
            await WriteAsync(context, 410, new { message = "Gone" }).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            if (content.NotReadyFor > 0)
            {
                _content[messageId] = content with { NotReadyFor = content.NotReadyFor - 1 };
                context.Response.StatusCode = 202;
                return;
            }
        }

        context.Response.ContentType = content.ContentType;
        await context.Response.Body.WriteAsync(content.Data, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task CreateRichMenuAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        if (body?["size"] is not JsonObject size || body["areas"] is not JsonArray { Count: <= 20 } areas
            || size["width"] is null || size["height"] is null || string.IsNullOrEmpty(body["name"]?.ToString()))
        {
            await WriteAsync(context, 400, new { message = "The request body has 1 error(s)", details = new[] { new { message = "invalid rich menu", property = "richmenu" } } }).ConfigureAwait(false);
            return;
        }

        var id = "richmenu-" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        body["richMenuId"] = id;
        _ = areas;
        lock (_gate)
        {
            _richMenus[id] = new StandInRichMenu(id, body.ToJsonString(Json), null, null);
        }

        await WriteAsync(context, 200, new { richMenuId = id }).ConfigureAwait(false);
    }

    private Task ListRichMenus(HttpContext context)
    {
        JsonArray menus;
        lock (_gate)
        {
            menus = [.. _richMenus.Values.Select(m => JsonNode.Parse(m.Json))];
        }

        return WriteAsync(context, 200, new JsonObject { ["richmenus"] = menus });
    }

    private async Task GetRichMenuAsync(HttpContext context)
    {
        var menu = GetRichMenu((string)context.GetRouteValue("richMenuId")!);
        if (menu is null)
        {
            await WriteAsync(context, 404, new { message = "Not found" }).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(menu.Json, context.RequestAborted).ConfigureAwait(false);
    }

    private Task DeleteRichMenu(HttpContext context)
    {
        var id = (string)context.GetRouteValue("richMenuId")!;
        bool removed;
        lock (_gate)
        {
            removed = _richMenus.Remove(id);
            if (_defaultRichMenuId == id)
            {
                _defaultRichMenuId = null;
            }

            foreach (var user in _userRichMenus.Where(p => p.Value == id).Select(p => p.Key).ToList())
            {
                _userRichMenus.Remove(user);
            }
        }

        return removed ? WriteAsync(context, 200, new { }) : WriteAsync(context, 404, new { message = "Not found" });
    }

    private async Task UploadRichMenuImageAsync(HttpContext context)
    {
        var id = (string)context.GetRouteValue("richMenuId")!;
        var contentType = context.Request.ContentType ?? "";
        if (contentType is not ("image/jpeg" or "image/png"))
        {
            await WriteAsync(context, 415, new { message = "Unsupported Media Type" }).ConfigureAwait(false);
            return;
        }

        var data = await ReadBodyAsync(context, MaxRichMenuImageBytes).ConfigureAwait(false);
        if (data is null)
        {
            await WriteAsync(context, 413, new { message = "Request Entity Too Large" }).ConfigureAwait(false);
            return;
        }

        int status;
        lock (_gate)
        {
            if (!_richMenus.TryGetValue(id, out var menu))
            {
                status = 404;
            }
            else if (menu.Image is not null)
            {
                status = 400;
            }
            else
            {
                _richMenus[id] = menu with { Image = data, ImageContentType = contentType };
                status = 200;
            }
        }

        await (status switch
        {
            200 => WriteAsync(context, 200, new { }),
            404 => WriteAsync(context, 404, new { message = "Not found" }),
            _ => WriteAsync(context, 400, new { message = "An image has already been uploaded to the richmenu" }),
        }).ConfigureAwait(false);
    }

    private async Task DownloadRichMenuImageAsync(HttpContext context)
    {
        var menu = GetRichMenu((string)context.GetRouteValue("richMenuId")!);
        if (menu?.Image is null)
        {
            await WriteAsync(context, 404, new { message = "Not found" }).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = menu.ImageContentType;
        await context.Response.Body.WriteAsync(menu.Image, context.RequestAborted).ConfigureAwait(false);
    }

    private Task SetDefaultRichMenu(HttpContext context)
    {
        var id = (string)context.GetRouteValue("richMenuId")!;
        bool found;
        lock (_gate)
        {
            found = _richMenus.TryGetValue(id, out var menu) && menu.Image is not null;
            if (found)
            {
                _defaultRichMenuId = id;
            }
        }

        return found ? WriteAsync(context, 200, new { }) : WriteAsync(context, 400, new { message = "must upload richmenu image before applying it to user" });
    }

    private Task GetDefaultRichMenu(HttpContext context)
    {
        string? id;
        lock (_gate)
        {
            id = _defaultRichMenuId;
        }

        return id is null ? WriteAsync(context, 404, new { message = "no default richmenu" }) : WriteAsync(context, 200, new { richMenuId = id });
    }

    private Task ClearDefaultRichMenu(HttpContext context)
    {
        lock (_gate)
        {
            _defaultRichMenuId = null;
        }

        return WriteAsync(context, 200, new { });
    }

    private Task LinkRichMenu(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        var id = (string)context.GetRouteValue("richMenuId")!;
        bool found;
        lock (_gate)
        {
            found = _richMenus.TryGetValue(id, out var menu) && menu.Image is not null;
            if (found)
            {
                _userRichMenus[userId] = id;
            }
        }

        return found ? WriteAsync(context, 200, new { }) : WriteAsync(context, 400, new { message = "must upload richmenu image before applying it to user" });
    }

    private Task GetUserRichMenu(HttpContext context)
    {
        var userId = (string)context.GetRouteValue("userId")!;
        string? id;
        lock (_gate)
        {
            id = _userRichMenus.GetValueOrDefault(userId);
        }

        return id is null ? WriteAsync(context, 404, new { message = "the user has no richmenu" }) : WriteAsync(context, 200, new { richMenuId = id });
    }

    private Task UnlinkRichMenu(HttpContext context)
    {
        lock (_gate)
        {
            _userRichMenus.Remove((string)context.GetRouteValue("userId")!);
        }

        return WriteAsync(context, 200, new { });
    }

    private async Task CreateAliasAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context).ConfigureAwait(false);
        var alias = body?["richMenuAliasId"]?.ToString() ?? "";
        var id = body?["richMenuId"]?.ToString() ?? "";
        string? error;
        lock (_gate)
        {
            error = !AliasPattern().IsMatch(alias) ? "invalid richMenuAliasId"
                : !_richMenus.TryGetValue(id, out var menu) ? "richmenu not found"
                : menu.Image is null ? "must upload richmenu image before creating an alias"
                : _richMenuAliases.ContainsKey(alias) ? "conflict richmenu alias id"
                : null;
            if (error is null)
            {
                _richMenuAliases[alias] = id;
            }
        }

        await (error is null ? WriteAsync(context, 200, new { }) : WriteAsync(context, 400, new { message = error })).ConfigureAwait(false);
    }

    private Task GetAlias(HttpContext context)
    {
        var alias = (string)context.GetRouteValue("aliasId")!;
        string? id;
        lock (_gate)
        {
            id = _richMenuAliases.GetValueOrDefault(alias);
        }

        return id is null ? WriteAsync(context, 404, new { message = "Not found" }) : WriteAsync(context, 200, new { richMenuAliasId = alias, richMenuId = id });
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context, MaxBodyBytes).ConfigureAwait(false);
        try
        {
            return body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), Encoding.UTF8, context.RequestAborted);
    }

    [GeneratedRegex("^U[0-9a-f]{32}$")]
    internal static partial Regex UserIdPattern();

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex AliasPattern();

    private sealed record SendRequest(JsonObject Body, JsonArray Messages);

    private sealed record AcceptedRequest(string RequestId, object? SentMessages);

    private sealed class OnHoldEnds(LineStandIn owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._callsOnHold);
    }

    private struct Counters
    {
        public int Replies;
        public int RejectedReplies;
        public int Pushes;
        public int DuplicatePushes;
        public int Multicasts;
        public int InjectedFailures;
        public int RefusedOverQuota;
    }
}

internal sealed record StandInContent(byte[] Data, string ContentType)
{
    public int NotReadyFor { get; init; }

    public bool Gone { get; init; }
}

/// <summary>A rich menu as created (its JSON, with <c>richMenuId</c>), and its image once uploaded.</summary>
internal sealed record StandInRichMenu(string Id, string Json, byte[]? Image, string? ImageContentType);
