using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Vault.Receipts;

/// <summary>
/// Counts wrong receipts per source and globally, in memory only. A source is the caller's opaque token (a hashed
/// LINE account, a web session, …), kept here only as a SHA-256 with a per-process salt and never stored.
/// A source with too many recent failures is refused without a check; each failure is answered after a delay that
/// doubles per recent failure of that source. While the failures of all sources together are over the global limit,
/// every check is slowed, never refused: one guesser (or a whole town behind one proxy address) must not be able to
/// lock every reporter out.
/// </summary>
internal sealed class ReceiptThrottle(VaultOptions options, TimeProvider time)
{
    private const int MaxSources = 10_000;
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(16);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sources = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _global = new();

    /// <summary>
    /// Starts an attempt: null when the source (or everyone) is refused, with how long until a check is allowed again;
    /// otherwise the attempt is counted as a failure at once (so parallel guesses cannot slip past the limit) and the
    /// delay to apply if it fails is returned. A right receipt takes it back with <see cref="Succeeded"/>.
    /// </summary>
    public Attempt Begin(string source)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Prune(_global, now - options.GlobalWindow);
            var slowdown = _global.Count >= options.GlobalFailureLimit ? options.GlobalFailureDelay : TimeSpan.Zero;
            var key = Key(source);
            if (_sources.TryGetValue(key, out var failures))
            {
                Prune(failures, now - options.SourceWindow);
                if (failures.Count >= options.SourceFailureLimit)
                {
                    return new Attempt(null, now, failures.Peek() + options.SourceWindow - now, TimeSpan.Zero, TimeSpan.Zero);
                }
            }
            else
            {
                if (_sources.Count >= MaxSources)
                {
                    PruneSources(now);
                }

                failures = new Queue<DateTimeOffset>();
                _sources[key] = failures;
            }

            failures.Enqueue(now);
            _global.Enqueue(now);
            var doublings = Math.Min(failures.Count - 1, 20);
            var delay = options.FailureDelay * Math.Pow(2, doublings);
            return new Attempt(key, now, null, delay > options.MaxFailureDelay ? options.MaxFailureDelay : delay, slowdown);
        }
    }

    /// <summary>The receipt was right: the attempt does not count as a failure.</summary>
    public void Succeeded(Attempt attempt)
    {
        lock (_lock)
        {
            if (attempt.Key is not null && _sources.TryGetValue(attempt.Key, out var failures))
            {
                Remove(failures, attempt.At);
            }

            Remove(_global, attempt.At);
        }
    }

    private static void Remove(Queue<DateTimeOffset> queue, DateTimeOffset at)
    {
        var kept = queue.ToList();
        var index = kept.LastIndexOf(at);
        if (index >= 0)
        {
            kept.RemoveAt(index);
            queue.Clear();
            foreach (var item in kept)
            {
                queue.Enqueue(item);
            }
        }
    }

    private string Key(string source) =>
        Convert.ToHexStringLower(SHA256.HashData([.. _salt, .. Encoding.UTF8.GetBytes(source)]));

    private static void Prune(Queue<DateTimeOffset> failures, DateTimeOffset before)
    {
        while (failures.Count > 0 && failures.Peek() <= before)
        {
            failures.Dequeue();
        }
    }

    private void PruneSources(DateTimeOffset now)
    {
        foreach (var (key, failures) in _sources.ToList())
        {
            Prune(failures, now - options.SourceWindow);
            if (failures.Count == 0)
            {
                _sources.Remove(key);
            }
        }

        if (_sources.Count >= MaxSources)
        {
            // Still full of live sources: forget the ones whose last failure is oldest (memory stays bounded).
            foreach (var key in _sources.OrderBy(s => s.Value.Last()).Take(MaxSources / 10).Select(s => s.Key).ToList())
            {
                _sources.Remove(key);
            }
        }
    }

    /// <summary>
    /// One receipt check: refused (<see cref="RetryAfter"/> set) or under way, with the delay due if it fails and the
    /// <see cref="Slowdown"/> due before it is checked at all (the global limit; right or wrong alike, so it tells nothing).
    /// </summary>
    internal sealed record Attempt(string? Key, DateTimeOffset At, TimeSpan? RetryAfter, TimeSpan DelayIfWrong, TimeSpan Slowdown);
}
