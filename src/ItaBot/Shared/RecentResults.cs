namespace ItaBot.Shared;

/// <summary>
/// The last few results of a pure function of a string, so that one message's text is worked once per turn although
/// several steps ask for it (the understanding step, the intent model and Q&amp;A each normalise and rank the same text).
/// A handful of entries replaced in turn, under a lock: turns are few at a time, and a miss only costs the work itself.
/// </summary>
internal sealed class RecentResults<TValue>(int capacity = 8)
{
    private readonly (string? Key, TValue Value)[] _entries = new (string?, TValue)[capacity];
    private readonly Lock _gate = new();
    private int _next;

    public TValue Get(string key, Func<string, TValue> compute)
    {
        lock (_gate)
        {
            foreach (var (k, v) in _entries)
            {
                if (k is not null && string.Equals(k, key, StringComparison.Ordinal))
                {
                    return v;
                }
            }
        }

        var value = compute(key);
        lock (_gate)
        {
            _entries[_next] = (key, value);
            _next = (_next + 1) % _entries.Length;
        }

        return value;
    }
}
