namespace ItaBot.Line.Client;

/// <summary>
/// Settings of <see cref="LineMessagingClient"/>, bound from a configuration section such as <c>ItaBot:Line</c>
/// (keys <c>ChannelAccessToken</c>, <c>ApiBaseUrl</c>, <c>DataApiBaseUrl</c>, <c>Timeout</c>, <c>Retry:*</c>).
/// Token and base URLs are read on every call, so a simulator may point them elsewhere after start.
/// </summary>
public sealed class LineClientOptions
{
    /// <summary>The configuration section ItaBot binds these options from.</summary>
    public const string DefaultSectionName = "ItaBot:Line";

    /// <summary>Sent as <c>Authorization: Bearer …</c>. Never logged.</summary>
    public string ChannelAccessToken { get; set; } = "";

    /// <summary>Host of every call except binary ones.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.line.me");

    /// <summary>Host of message content and rich-menu images.</summary>
    public Uri DataApiBaseUrl { get; set; } = new("https://api-data.line.me");

    /// <summary>Time allowed for one attempt, including reading the response body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time allowed for a whole call, all retries and their delays included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Quick retries on 429, 5xx, network failures and attempt timeouts.</summary>
    public LineRetryOptions Retry { get; set; } = new();
}

/// <summary>
/// Retries on 429, 5xx, network failures and attempt timeouts. Deliberately few: a longer outage belongs to the
/// caller's durable outbox, which resends with the same retry key.
/// </summary>
public sealed class LineRetryOptions
{
    /// <summary>Retries after the first attempt (0-10); 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; doubles per attempt, with jitter, when LINE gives no <c>Retry-After</c>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of a backoff delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Upper bound of a wait asked for by <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);
}
