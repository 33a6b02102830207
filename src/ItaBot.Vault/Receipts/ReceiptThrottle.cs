using System.Security.Cryptography;
using System.Text;
using ItaBot.Vault.Storage;

namespace ItaBot.Vault.Receipts;

/// <summary>
/// Counts wrong receipts per source and globally, in the storage's ledger (memory on LiteDB, shared by every node on
/// PostgreSQL). A source is the caller's opaque token (a hashed LINE account, a web session, …), kept there only as an
/// HMAC under a vault key (<paramref name="sourceKey"/>), so the ledger cannot be matched against known accounts.
/// A source with too many recent failures is refused without a check; each failure is answered after a delay that
/// doubles per recent failure of that source. While the failures of all sources together are over the global limit,
/// every check is slowed, never refused: one guesser (or a whole town behind one proxy address) must not be able to
/// lock every reporter out.
/// </summary>
internal sealed class ReceiptThrottle(VaultOptions options, TimeProvider time, IReceiptFailureLedger ledger, byte[] sourceKey)
{
    /// <summary>
    /// Starts an attempt: null when the source (or everyone) is refused, with how long until a check is allowed again;
    /// otherwise the attempt is counted as a failure at once (so parallel guesses cannot slip past the limit) and the
    /// delay to apply if it fails is returned. A right receipt takes it back with <see cref="Succeeded"/>.
    /// </summary>
    public Attempt Begin(string source)
    {
        var now = time.GetUtcNow();
        var key = Key(source);
        var found = ledger.Begin(key, now, options.SourceWindow, options.GlobalWindow, options.SourceFailureLimit);
        if (!found.Recorded)
        {
            return new Attempt(null, now, found.OldestSource + options.SourceWindow - now, TimeSpan.Zero, TimeSpan.Zero);
        }

        var slowdown = found.Global >= options.GlobalFailureLimit ? options.GlobalFailureDelay : TimeSpan.Zero;
        var doublings = Math.Min(found.Source - 1, 20);
        var delay = options.FailureDelay * Math.Pow(2, doublings);
        return new Attempt(key, now, null, delay > options.MaxFailureDelay ? options.MaxFailureDelay : delay, slowdown);
    }

    /// <summary>The receipt was right: the attempt does not count as a failure.</summary>
    public void Succeeded(Attempt attempt)
    {
        if (attempt.Key is not null)
        {
            ledger.Remove(attempt.Key, attempt.At);
        }
    }

    private string Key(string source) => Convert.ToHexStringLower(HMACSHA256.HashData(sourceKey, Encoding.UTF8.GetBytes("receipt-source:" + source)));

    /// <summary>
    /// One receipt check: refused (<see cref="RetryAfter"/> set) or under way, with the delay due if it fails and the
    /// <see cref="Slowdown"/> due before it is checked at all (the global limit; right or wrong alike, so it tells nothing).
    /// </summary>
    internal sealed record Attempt(string? Key, DateTimeOffset At, TimeSpan? RetryAfter, TimeSpan DelayIfWrong, TimeSpan Slowdown);
}

/// <summary>
/// The ledger in one process's memory (LiteDB: one node). Sources kept at most <see cref="MaxSources"/>, so a flood of
/// new sources cannot fill the memory.
/// </summary>
internal sealed class MemoryReceiptFailures : IReceiptFailureLedger
{
    private const int MaxSources = 10_000;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sources = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _global = new();

    public ReceiptFailures Begin(string source, DateTimeOffset now, TimeSpan sourceWindow, TimeSpan globalWindow, int sourceLimit)
    {
        lock (_lock)
        {
            Prune(_global, now - globalWindow);
            var global = _global.Count;
            if (_sources.TryGetValue(source, out var failures))
            {
                Prune(failures, now - sourceWindow);
                if (failures.Count >= sourceLimit)
                {
                    return new ReceiptFailures(global, failures.Count, failures.Peek(), Recorded: false);
                }
            }
            else
            {
                if (_sources.Count >= MaxSources)
                {
                    PruneSources(now - sourceWindow);
                }

                failures = new Queue<DateTimeOffset>();
                _sources[source] = failures;
            }

            failures.Enqueue(now);
            _global.Enqueue(now);
            return new ReceiptFailures(global, failures.Count, failures.Peek(), Recorded: true);
        }
    }

    public void Remove(string source, DateTimeOffset at)
    {
        lock (_lock)
        {
            if (_sources.TryGetValue(source, out var failures))
            {
                Remove(failures, at);
            }

            Remove(_global, at);
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

    private static void Prune(Queue<DateTimeOffset> failures, DateTimeOffset before)
    {
        while (failures.Count > 0 && failures.Peek() <= before)
        {
            failures.Dequeue();
        }
    }

    private void PruneSources(DateTimeOffset before)
    {
        foreach (var (key, failures) in _sources.ToList())
        {
            Prune(failures, before);
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

/// <summary>The reporters' access handles in one process's memory (LiteDB: one node; a restart forgets them).</summary>
internal sealed class MemoryReporterGrants : IReporterGrants
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string ReportId, DateTimeOffset ExpiresAt)> _grants = new(StringComparer.Ordinal);

    public void Add(string token, string reportId, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        foreach (var (held, grant) in _grants)
        {
            if (grant.ExpiresAt <= now)
            {
                _grants.TryRemove(held, out _);
            }
        }

        _grants[token] = (reportId, expiresAt);
    }

    public string? ReportOf(string token, DateTimeOffset now)
    {
        if (!_grants.TryGetValue(token, out var grant))
        {
            return null;
        }

        if (grant.ExpiresAt <= now)
        {
            _grants.TryRemove(token, out _);
            return null;
        }

        return grant.ReportId;
    }

    public void Remove(string token) => _grants.TryRemove(token, out _);
}
