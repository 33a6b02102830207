using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using ItaBot.Line.Client;
using Microsoft.Extensions.Options;

namespace ItaBot.LineChannel;

internal sealed class LineQuotaOptions
{
    /// <summary>How often the monthly quota and its consumption are read from LINE (and when pushes are held, whether they may go again).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan QuotaRecheckInterval { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>What LINE said at <see cref="ReadAt"/>; <see cref="Limit"/> null = no limit ("none") or not read yet.</summary>
internal sealed record LineQuotaStatus(long? Limit, long? Used, bool PushesRefused, int Held, DateTimeOffset? ReadAt)
{
    public const int WarningPercent = 80;

    public int? Percent => Limit is > 0 && Used is { } used ? (int)Math.Min(100, used * 100 / Limit.Value) : null;

    public bool Warning => PushesRefused || Percent >= WarningPercent;
}

/// <summary>
/// The channel's monthly message quota. Pushes cost quota (replies do not); past it LINE answers 429 "You have reached
/// your monthly limit." for the rest of the month. Then pushes are held, not retried: senders ask
/// <see cref="PushesRefused"/> before pushing and report a refusal with <see cref="RefusedForTheMonth"/>; the quota is read
/// again every <see cref="LineQuotaOptions.QuotaRecheckInterval"/> (and when an admin asks), and once it has room
/// <see cref="PushesAllowed"/> tells the senders to deliver what they hold.
/// </summary>
internal sealed partial class LineQuota(ILineMessagingClient line, IOptions<LineQuotaOptions> options, TimeProvider time, ILogger<LineQuota> logger)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private long? _limit;
    private long? _used;
    private bool _refused;
    private DateTimeOffset? _readAt;

    /// <summary>Raised (off the caller's lock) when pushes were refused and a reading found room again.</summary>
    public event Action? PushesAllowed;

    public bool PushesRefused
    {
        get { lock (_gate) { return _refused; } }
    }

    public LineQuotaStatus Status
    {
        get { lock (_gate) { return new LineQuotaStatus(_limit, _used, _refused, _held.Count, _readAt); } }
    }

    /// <summary>LINE refused a push for the month: every push is held from now on. Admins are told once per refusal spell.</summary>
    public void RefusedForTheMonth()
    {
        lock (_gate)
        {
            if (_refused)
            {
                return;
            }

            _refused = true;
        }

        LogRefused(logger);
    }

    /// <summary>A send that waits for the quota (by a key of the sender's own, e.g. "outbox:ID"); counted on /healthz and the admin page.</summary>
    public void Hold(string key) => _held.TryAdd(key, 0);

    /// <summary>A held send went out without a push (in a reply): no longer counted as held.</summary>
    public void Unhold(string key) => _held.TryRemove(key, out _);

    /// <summary>Reads the quota and this month's consumption; when pushes were held and there is room now, releases them.</summary>
    public async Task<LineQuotaStatus> RecheckAsync(CancellationToken cancellationToken)
    {
        MessageQuota quota;
        long used;
        try
        {
            quota = await line.GetMessageQuotaAsync(cancellationToken).ConfigureAwait(false);
            used = await line.GetMessageQuotaConsumptionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LineApiException or HttpRequestException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogReadFailed(logger, ex.GetType().Name);
            return Status;
        }

        bool released;
        lock (_gate)
        {
            _limit = string.Equals(quota.Type, "limited", StringComparison.Ordinal) ? quota.Value : null;
            _used = used;
            _readAt = time.GetUtcNow();
            released = _refused && (_limit is null || used < _limit);
            if (released)
            {
                _refused = false;
            }
        }

        if (released)
        {
            var held = _held.Count;
            _held.Clear();
            LogReleased(logger, held);
            PushesAllowed?.Invoke();
        }

        return Status;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RecheckAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(options.Value.QuotaRecheckInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE refuses pushes for the rest of the month (monthly message limit reached): pushes are held until the quota allows; replies still go out")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE's monthly quota has room again: delivering {Held} held sends")]
    private static partial void LogReleased(ILogger logger, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read LINE's message quota ({Error}); trying again at the next interval")]
    private static partial void LogReadFailed(ILogger logger, string error);
}
