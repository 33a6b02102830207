using System.Collections.Concurrent;
using System.Security.Cryptography;
using ItaBot.Vault;
using Microsoft.Extensions.Options;

namespace ItaBot.Whistleblowing;

/// <summary>A report being written in LINE: in memory only, never in the conversation state or any file.</summary>
internal sealed class WhistleDraft
{
    public string? Officials { get; set; }

    public string? Unit { get; set; }

    public string? WhatHappened { get; set; }

    public string? When { get; set; }

    public string? Where { get; set; }

    public List<NewAttachment> Evidence { get; } = [];

    public bool GiveContact { get; set; }

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public bool NotifyInLine { get; set; }
}

/// <summary>
/// What the protected dialogs carry between turns, held in memory under random keys; the conversation state keeps
/// only the key. Drafts and receipt handles are lost on restart (the reporter starts again), by design: nothing of a
/// report is written outside the vault before it is submitted. Entries expire after
/// <see cref="WhistleblowingOptions.SessionLifetime"/> untouched, and at most <see cref="WhistleblowingOptions.MaxSessions"/>
/// live at once: a flood of new LINE accounts or form posts cannot fill the memory (a draft holds up to
/// MaxFiles × MaxFileBytes of evidence).
/// </summary>
internal sealed class WhistleSessions(TimeProvider time, IOptions<WhistleblowingOptions> options)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Touched, object Value)> _items = new(StringComparer.Ordinal);
    private readonly Lock _addGate = new();

    private TimeSpan Lifetime => options.Value.SessionLifetime;

    /// <summary>Entries held now (expired ones included until the next sweep).</summary>
    public int Count => _items.Count;

    /// <summary>Keeps <paramref name="value"/> under a new random key; null when <see cref="WhistleblowingOptions.MaxSessions"/> live entries are held.</summary>
    public string? TryAdd(object value)
    {
        lock (_addGate)
        {
            Sweep();
            if (_items.Count >= options.Value.MaxSessions)
            {
                return null;
            }

            var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _items[key] = (time.GetUtcNow(), value);
            return key;
        }
    }

    /// <summary>Replaces what a key holds (a draft by its submission, so a retried turn repeats the answer instead of filing twice).</summary>
    public void Set(string key, object value) => _items[key] = (time.GetUtcNow(), value);

    public T? Get<T>(string? key)
        where T : class
    {
        if (key is null || !_items.TryGetValue(key, out var item))
        {
            return null;
        }

        if (time.GetUtcNow() - item.Touched > Lifetime)
        {
            _items.TryRemove(key, out _);
            return null;
        }

        _items[key] = (time.GetUtcNow(), item.Value);
        return item.Value as T;
    }

    public void Remove(string? key)
    {
        if (key is not null)
        {
            _items.TryRemove(key, out _);
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (key, item) in _items)
        {
            if (now - item.Touched > Lifetime)
            {
                _items.TryRemove(key, out _);
            }
        }
    }
}
