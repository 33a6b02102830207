using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Vault.Receipts;

/// <summary>
/// Counts wrong receipts per source and globally, in memory only. A source is the caller's opaque token (a hashed
/// LINE account, a web session, …), kept here only as a SHA-256 with a per-process salt and never stored.
/// A source with too many recent failures, or any source while the global count is over its limit, is refused
/// without a check; each failure is answered after a delay that doubles per recent failure of that source.
/// </summary>
internal sealed class ReceiptThrottle(VaultOptions options, TimeProvider time)
{
    private const int MaxSources = 10_000;
    private readonly byte[] _salt = RandomNumberGenerator.GetBytes(16);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sources = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _global = new();

    /// <summary>When the source (or everyone) is refused, how long until a check is allowed again.</summary>
    public TimeSpan? RetryAfter(string source)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            Prune(_global, now - options.GlobalWindow);
            if (_global.Count >= options.GlobalFailureLimit)
            {
                return _global.Peek() + options.GlobalWindow - now;
            }

            if (_sources.TryGetValue(Key(source), out var failures))
            {
                Prune(failures, now - options.SourceWindow);
                if (failures.Count >= options.SourceFailureLimit)
                {
                    return failures.Peek() + options.SourceWindow - now;
                }
            }

            return null;
        }
    }

    /// <summary>Records a failure and returns how long to hold the answer.</summary>
    public TimeSpan Fail(string source)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            var key = Key(source);
            if (!_sources.TryGetValue(key, out var failures))
            {
                if (_sources.Count >= MaxSources)
                {
                    PruneSources(now);
                }

                failures = new Queue<DateTimeOffset>();
                _sources[key] = failures;
            }

            Prune(failures, now - options.SourceWindow);
            failures.Enqueue(now);
            Prune(_global, now - options.GlobalWindow);
            _global.Enqueue(now);
            var doublings = Math.Min(failures.Count - 1, 20);
            var delay = options.FailureDelay * Math.Pow(2, doublings);
            return delay > options.MaxFailureDelay ? options.MaxFailureDelay : delay;
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
}
