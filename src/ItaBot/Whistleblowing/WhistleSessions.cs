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

    /// <summary>The answers as JSON bytes, for the vault to seal (the evidence travels beside them).</summary>
    public byte[] ToBytes() => System.Text.Encoding.UTF8.GetBytes(new System.Text.Json.Nodes.JsonObject
    {
        ["officials"] = Officials, ["unit"] = Unit, ["what"] = WhatHappened, ["when"] = When, ["where"] = Where,
        ["giveContact"] = GiveContact, ["name"] = Name, ["phone"] = Phone, ["notify"] = NotifyInLine,
    }.ToJsonString());

    public static WhistleDraft FromBytes(ReadOnlySpan<byte> json, IEnumerable<NewAttachment> evidence)
    {
        var o = System.Text.Json.Nodes.JsonNode.Parse(json) as System.Text.Json.Nodes.JsonObject ?? [];
        var draft = new WhistleDraft
        {
            Officials = o["officials"]?.GetValue<string>(), Unit = o["unit"]?.GetValue<string>(), WhatHappened = o["what"]?.GetValue<string>(),
            When = o["when"]?.GetValue<string>(), Where = o["where"]?.GetValue<string>(), GiveContact = o["giveContact"]?.GetValue<bool>() ?? false,
            Name = o["name"]?.GetValue<string>(), Phone = o["phone"]?.GetValue<string>(), NotifyInLine = o["notify"]?.GetValue<bool>() ?? false,
        };
        draft.Evidence.AddRange(evidence);
        return draft;
    }
}

/// <summary>
/// What the protected dialogs carry between turns, held in memory under random keys; the conversation state keeps
/// only the key. The LINE flow also seals its drafts in the vault (<see cref="ProtectedReports.SaveDraftAsync"/>), so a
/// restart loses none; receipt handles are lost on restart (the reporter types the receipt again). Nothing of a report
/// is written outside the vault. Entries expire after
/// <see cref="WhistleblowingOptions.SessionLifetime"/> untouched, and at most <see cref="WhistleblowingOptions.MaxSessions"/>
/// live at once: a flood of new LINE accounts or form posts cannot fill the memory (a draft holds up to
/// MaxFiles × MaxFileBytes of evidence).
/// </summary>
internal sealed class WhistleSessions(TimeProvider time, IOptions<WhistleblowingOptions> options)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Touched, object Value)> _items = new(StringComparer.Ordinal);
    private readonly Lock _addGate = new();

    /// <summary>How long an untouched draft or handle lives (the vault's sealed drafts expire alike).</summary>
    public TimeSpan Lifetime => options.Value.SessionLifetime;

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
