namespace ItaBot.Webhook;

/// <summary>
/// How fast webhook requests are arriving, so that turn processing can step aside in a flood: LINE gives an
/// acknowledgement two seconds, while an answer has the reply token's minute (and a push after that). Counting costs
/// one interlocked increment per request; the rate is measured over windows of at least <see cref="Window"/>.
/// </summary>
internal sealed class WebhookPressure
{
    /// <summary>The shortest span a rate is measured over (and how often a waiting lane looks again).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private readonly object _gate = new();
    private long _arrivals;
    private long _windowStart = -1;
    private long _windowArrivals;
    private double _rate;

    public void Arrived() => Interlocked.Increment(ref _arrivals);

    /// <summary>
    /// Requests per second over the last complete window (a window that has not lasted <see cref="Window"/> yet keeps
    /// the previous figure). After a quiet spell the first figure is the average since the last look, so low.
    /// </summary>
    public double RequestsPerSecond(TimeProvider time)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            var arrivals = Interlocked.Read(ref _arrivals);
            if (_windowStart < 0)
            {
                (_windowStart, _windowArrivals) = (now, arrivals);
                return 0;
            }

            var elapsed = time.GetElapsedTime(_windowStart, now);
            if (elapsed >= Window)
            {
                _rate = (arrivals - _windowArrivals) / elapsed.TotalSeconds;
                (_windowStart, _windowArrivals) = (now, arrivals);
            }

            return _rate;
        }
    }

    /// <summary>
    /// Completes once requests arrive slower than <paramref name="floodPerSecond"/>, or after <paramref name="limit"/>
    /// at the latest (so answers keep flowing, slowly, through a flood that never ends).
    /// </summary>
    public async Task WaitWhileFloodedAsync(double floodPerSecond, TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        while (RequestsPerSecond(time) >= floodPerSecond)
        {
            var left = limit - time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < Window ? left : Window, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
