using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ItaBot.Storage;
using ItaBot.Vault;
using Microsoft.Extensions.Options;

namespace ItaBot.Whistleblowing;

/// <summary>
/// A report being written in LINE: the form's answers and the evidence beside them, in memory and sealed in the vault,
/// never in the conversation state or any other file.
/// </summary>
internal sealed class WhistleDraft
{
    public JsonObject Values { get; set; } = [];

    public List<NewAttachment> Evidence { get; } = [];

    /// <summary>Whether the vault holds a sealed copy yet (the first seal sweeps abandoned drafts first).</summary>
    public bool Sealed { get; set; }

    /// <summary>The answers as JSON bytes, for the vault to seal (the evidence travels beside them).</summary>
    public byte[] ToBytes() => System.Text.Encoding.UTF8.GetBytes(Values.ToJsonString());

    public static WhistleDraft FromBytes(ReadOnlySpan<byte> json, IEnumerable<NewAttachment> evidence)
    {
        var draft = new WhistleDraft { Values = JsonNode.Parse(json) as JsonObject ?? [], Sealed = true };
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
/// MaxFiles × MaxFileBytes of evidence). With several nodes (<see cref="Shared"/>) the next turn or request may reach
/// another node: drafts are then read from the vault every turn, and access handles travel as their token, which any
/// node's vault checks against the hash it keeps in the database.
/// </summary>
internal sealed class WhistleSessions(TimeProvider time, IOptions<WhistleblowingOptions> options, IConfiguration configuration)
{
    /// <summary>True when the vault is shared by several nodes (PostgreSQL): memory here is only this turn's copy.</summary>
    public bool Shared { get; } = StorageOptions.IsPostgreSql(configuration);

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

    /// <summary>
    /// The key a reporter's access handle travels under (the follow-up form's field, the LINE follow-up's values). One
    /// node: a random key into this memory (null when full). Shared: the handle's token itself, never stored in clear
    /// (the vault keeps its SHA-256, for <see cref="VaultOptions.ReporterAccessLifetime"/>).
    /// </summary>
    public string? AddAccess(ReporterAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return Shared ? access.Token : TryAdd(access);
    }

    /// <summary>The handle a key names; whether it still opens a report is the vault's to say (<see cref="ProtectedReports.HoldsAccess"/>).</summary>
    public ReporterAccess? Access(string? key) =>
        Get<ReporterAccess>(key) ?? (Shared && !string.IsNullOrEmpty(key) ? new ReporterAccess(key, time.GetUtcNow()) : null);

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
