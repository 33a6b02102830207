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
/// Each LINE channel's monthly message quota (one channel per agency: the state of the agency in context). Pushes cost
/// quota (replies do not); past it LINE answers 429 "You have reached your monthly limit." for the rest of the month.
/// Then that channel's pushes are held, not retried: senders ask <see cref="PushesRefused"/> before pushing and report a
/// refusal with <see cref="RefusedForTheMonth"/>; every channel's quota is read again every
/// <see cref="LineQuotaOptions.QuotaRecheckInterval"/> (and when an admin asks), and once it has room
/// <see cref="PushesAllowed"/> (raised in that agency's context) tells the senders to deliver what they hold.
/// </summary>
internal sealed partial class LineQuota(ILineMessagingClient line, IOptions<LineQuotaOptions> options, TimeProvider time, ILogger<LineQuota> logger,
    Storage.IAgencyIds? agencies = null)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Channel> _channels = new(StringComparer.Ordinal);

    /// <summary>Raised (off the caller's lock, in the agency's context) when pushes were refused and a reading found room again.</summary>
    public event Action? PushesAllowed;

    /// <summary>The quota of the agency in context's channel.</summary>
    private Channel Current => _channels.GetOrAdd(Storage.AgencyContext.CurrentId, static _ => new Channel());

    public bool PushesRefused
    {
        get { var channel = Current; lock (channel.Gate) { return channel.Refused; } }
    }

    public LineQuotaStatus Status
    {
        get { var channel = Current; lock (channel.Gate) { return new LineQuotaStatus(channel.Limit, channel.Used, channel.Refused, channel.Held.Count, channel.ReadAt); } }
    }

    /// <summary>LINE refused a push for the month: every push is held from now on. Admins are told once per refusal spell.</summary>
    public void RefusedForTheMonth()
    {
        var channel = Current;
        lock (channel.Gate)
        {
            if (channel.Refused)
            {
                return;
            }

            channel.Refused = true;
        }

        LogRefused(logger);
    }

    /// <summary>A send that waits for the quota (by a key of the sender's own, e.g. "outbox:ID"); counted on /healthz and the admin page.</summary>
    public void Hold(string key) => Current.Held.TryAdd(key, 0);

    /// <summary>A held send went out without a push (in a reply): no longer counted as held.</summary>
    public void Unhold(string key) => Current.Held.TryRemove(key, out _);

    /// <summary>Reads the quota and this month's consumption of the agency in context's channel; when pushes were held and there is room now, releases them.</summary>
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

        var channel = Current;
        bool released;
        lock (channel.Gate)
        {
            channel.Limit = string.Equals(quota.Type, "limited", StringComparison.Ordinal) ? quota.Value : null;
            channel.Used = used;
            channel.ReadAt = time.GetUtcNow();
            released = channel.Refused && (channel.Limit is null || used < channel.Limit);
            if (released)
            {
                channel.Refused = false;
            }
        }

        if (released)
        {
            var held = channel.Held.Count;
            channel.Held.Clear();
            LogReleased(logger, held);
            PushesAllowed?.Invoke();
        }

        return Status;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (agencies is null)
            {
                await RecheckAsync(stoppingToken).ConfigureAwait(false);
            }
            else
            {
                // Every agency's channel, each with its own token (the LINE client takes the agency in context's).
                await agencies.ForEachAsync(_ => RecheckAsync(stoppingToken)).ConfigureAwait(false);
            }

            await Task.Delay(options.Value.QuotaRecheckInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One channel's reading and the sends held for it.</summary>
    private sealed class Channel
    {
        public Lock Gate { get; } = new();

        public ConcurrentDictionary<string, byte> Held { get; } = new(StringComparer.Ordinal);

        public long? Limit { get; set; }

        public long? Used { get; set; }

        public bool Refused { get; set; }

        public DateTimeOffset? ReadAt { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE refuses pushes for the rest of the month (monthly message limit reached): pushes are held until the quota allows; replies still go out")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "LINE's monthly quota has room again: delivering {Held} held sends")]
    private static partial void LogReleased(ILogger logger, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read LINE's message quota ({Error}); trying again at the next interval")]
    private static partial void LogReadFailed(ILogger logger, string error);
}
