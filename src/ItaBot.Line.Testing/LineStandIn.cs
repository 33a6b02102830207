namespace ItaBot.Line.Testing;

/// <summary>
/// A stand-in for the LINE Messaging API on loopback (api and data host paths on one address). It records what a
/// bot sends and keeps LINE's promises that matter for exactly-once delivery: a reply token works once, reply refuses
/// a retry key, a push or multicast repeated with the same retry key gets 409 with the original request id.
/// Faults (errors, Retry-After, outages, expired tokens) can be injected. It logs nothing: bodies hold user ids and text.
/// Like ../shared/peer/fake-line-api.js it keeps a monthly quota when <see cref="MonthlyLimit"/> is set (or
/// <c>POST /__limit?n=N</c>): replies are free, pushes and multicasts count one per recipient, and past the limit they
/// are refused with 429 "You have reached your monthly limit."; the quota and consumption endpoints answer from it.
/// </summary>
public sealed partial class LineStandIn : IAsyncDisposable
{
    /// <summary>The largest request body accepted (2 MB, as LINE); a larger one gets 413.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;
    /// <summary>The largest rich menu image accepted (1 MB, as LINE).</summary>
    public const int MaxRichMenuImageBytes = 1024 * 1024;
    private const int MaxMessagesPerRequest = 5;
    private const int MaxRecordedSends = 50_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Lock _gate = new();
    private readonly List<string> _calls = [];
    private readonly List<string?> _callTokens = [];
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
    /// <summary>Each channel's default menu, by the access token that set it (a deployment of several agencies speaks for several channels).</summary>
    private readonly Dictionary<string, string> _channelDefaultRichMenus = new(StringComparer.Ordinal);
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

    /// <summary>Where the stand-in listens (loopback, an ephemeral port): the API and data host base URL for the bot.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The bot's user id: <c>destination</c> of webhooks and <c>userId</c> of the bot info.</summary>
    public string BotUserId { get; }

    /// <summary>The bot's display name in the bot info.</summary>
    public string BotDisplayName { get; set; } = "ItaBot เทศบาล";

    /// <summary>Every call the stand-in answered, as "METHOD /path" without the query (the first 50,000): which operations a bot used.</summary>
    public IReadOnlyList<string> Calls
    {
        get { lock (_gate) { return [.. _calls]; } }
    }

    /// <summary>The calls of <see cref="Calls"/> with the channel access token each came with: which channel a bot speaking for several used.</summary>
    public IReadOnlyList<(string Call, string? ChannelToken)> CallsWithToken
    {
        get { lock (_gate) { return [.. _calls.Zip(_callTokens)]; } }
    }

    /// <summary>How many send requests and messages were checked against LINE's schema and limits, and refused.</summary>
    public StandInChecks Checks
    {
        get
        {
            lock (_gate)
            {
                return new StandInChecks(_counts.CheckedRequests, _counts.CheckedMessages, _counts.RefusedRequests, _counts.RefusedMessages);
            }
        }
    }

    /// <summary>How many sends were accepted, refused and failed on purpose.</summary>
    public StandInCounts Counts
    {
        get
        {
            lock (_gate)
            {
                return new StandInCounts(_counts.Replies, _counts.RejectedReplies, _counts.Pushes, _counts.DuplicatePushes, _counts.Multicasts, _counts.InjectedFailures)
                {
                    RefusedOverQuota = _counts.RefusedOverQuota,
                    Narrowcasts = _counts.Narrowcasts,
                    Broadcasts = _counts.Broadcasts,
                };
            }
        }
    }

    /// <summary>Starts a stand-in on 127.0.0.1 on a free port, on the system clock.</summary>
    public static async Task<LineStandIn> StartAsync(CancellationToken cancellationToken = default) =>
        await StartAsync(TimeProvider.System, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts a stand-in on 127.0.0.1 on a free port; <paramref name="time"/> drives reply-token ages, loading and waits.</summary>
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
        // The schemas are built once per process, here rather than in the first send: a first reply that took seconds
        // would run into a test's fake clock (a bot's timeouts run on it).
        await Task.Run(LineOpenApiSchemas.Warm, cancellationToken).ConfigureAwait(false);
        standIn.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> calls answer <paramref name="statusCode"/> (with <c>Retry-After</c> when given) and are not carried out.</summary>
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

    /// <summary>LINE goes down: send calls hang (the caller sees no answer) until <see cref="EndOutage"/>.</summary>
    public void BeginOutage()
    {
        lock (_gate)
        {
            _outage ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>LINE is back: the hanging send calls are carried out and answered.</summary>
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

    /// <summary>Waits until <paramref name="condition"/> holds, polling; throws <see cref="TimeoutException"/> naming the counts after <paramref name="timeout"/>.</summary>
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

    /// <summary>Forgets every send, token, retry key, content, name, rich menu and fault; the monthly limit stays.</summary>
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
            _channelDefaultRichMenus.Clear();
            _calls.Clear();
            _callTokens.Clear();
            _followers.Clear();
            _chats.Clear();
            _linkTokens.Clear();
            _narrowcasts.Clear();
            _readChats.Clear();
            _batches.Clear();
            _webhookEndpoint = "";
            _counts = default;
            _failuresLeft = 0;
            _used = 0;   // the limit stays, as the peer stand-in's /__reset keeps it
        }
    }

    /// <summary>Ends any outage and stops the server.</summary>
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
        WriteTally();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _webhookTester.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.Headers["x-line-request-id"] = Guid.NewGuid().ToString();
            lock (_gate)
            {
                if (_calls.Count < MaxRecordedSends)
                {
                    _calls.Add(context.Request.Method + " " + context.Request.Path.Value);
                    _callTokens.Add(context.Request.Headers.Authorization.ToString() is { Length: > 7 } bearer ? bearer[7..] : null);
                }
            }

            await next(context).ConfigureAwait(false);
        });

        MapMessages(app);
        MapContent(app);
        MapRichMenus(app);
        MapQuota(app);
        MapProfile(app);
        MapBroadcast(app);
        MapChats(app);
        MapRichMenuBatch(app);
        MapWebhookSettings(app);
        MapBusiness(app);
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

    private static string FailureMessage(int status) => status switch
    {
        429 => "The API rate limit has been exceeded. Try again later.",
        400 => "The request body has 1 error(s)",
        401 => "Authentication failed.",
        _ => "Internal server error",
    };

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
    public static partial Regex UserIdPattern();

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
        public int Narrowcasts;
        public int Broadcasts;
        public int CheckedRequests;
        public int CheckedMessages;
        public int RefusedRequests;
        public int RefusedMessages;
    }
}
