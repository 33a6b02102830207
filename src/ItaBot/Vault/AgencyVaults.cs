using System.Collections.Concurrent;
using ItaBot.Agencies;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Vault;

/// <summary>
/// Every agency's whistleblower vault, and the one of the agency in context (<see cref="Current"/>), which is what every
/// caller uses at every call: the LINE dialogs, <c>/report</c>, the integrity officers' pages, the jobs and the commands.
/// A vault is one agency's reports sealed under that agency's KEK (<c>ItaBot:Agencies:&lt;id&gt;:Vault:Kek</c>; the default
/// agency's is <c>ItaBot:Vault:Kek</c>), with its own audit chain, receipts and handles: on PostgreSQL its own
/// <c>vault_*</c> rows, on LiteDB (one agency) vault.db. Each opens on first use and stays open until the service stops.
/// There is deliberately no <see cref="ProtectedReports"/> in the container: a caller that took "the" vault would serve
/// every agency from the default one.
/// </summary>
internal sealed class AgencyVaults(
    IOptions<VaultOptions> defaultOptions,
    IOptionsMonitor<VaultOptions> agencyOptions,
    AgencyDirectory agencies,
    IVaultOpener opener) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ProtectedReports> _open = new(StringComparer.Ordinal);
    private readonly Lock _opening = new();
    private bool _disposed;

    /// <summary>The vault of the agency in context. Throws <see cref="InvalidOperationException"/> when it cannot open (no key, wrong key).</summary>
    public ProtectedReports Current => For(AgencyContext.CurrentId);

    /// <summary>The vault of <paramref name="agencyId"/>, opened on first use.</summary>
    public ProtectedReports For(string agencyId)
    {
        if (_open.TryGetValue(agencyId, out var vault))
        {
            return vault;
        }

        // One opening per agency (a second vault on the same rows or file would be a second writer); a failure is not
        // kept, so a key fixed later opens it.
        lock (_opening)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_open.TryGetValue(agencyId, out vault))
            {
                vault = (Opener ?? Open)(agencyId);
                _open[agencyId] = vault;
            }

            return vault;
        }
    }

    /// <summary>How a vault is opened; tests put a failing one here to see that nothing opens a vault it should not.</summary>
    internal Func<string, ProtectedReports>? Opener { get; set; }

    /// <summary>The vault settings of <paramref name="agencyId"/> (the global ones with the agency's own key).</summary>
    public VaultOptions OptionsOf(string agencyId) =>
        string.Equals(agencyId, AgencyContext.DefaultId, StringComparison.Ordinal) ? defaultOptions.Value : agencyOptions.Get(agencyId);

    /// <summary>Whether the agency in context has a vault key configured (jobs skip a vault that has none).</summary>
    public bool CurrentHasKey => OptionsOf(AgencyContext.CurrentId) is var options
        && (!string.IsNullOrWhiteSpace(options.Kek) || !string.IsNullOrWhiteSpace(options.KekFile));

    private ProtectedReports Open(string agencyId)
    {
        if (agencies.Find(agencyId) is null)
        {
            throw new InvalidOperationException($"Agency '{agencyId}' is not configured (ItaBot:Agencies:{agencyId}), so it has no vault.");
        }

        return opener.Open(OptionsOf(agencyId), agencyId);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_opening)
        {
            _disposed = true;
        }

        foreach (var vault in _open.Values)
        {
            await vault.DisposeAsync().ConfigureAwait(false);
        }

        _open.Clear();
    }
}

/// <summary>Opens one agency's vault on the deployment's storage (vault.db on LiteDB; the agency's rows on PostgreSQL).</summary>
internal interface IVaultOpener
{
    /// <summary>Opens the vault; <paramref name="time"/> replaces the service's clock (the seed files reports as of their own past times).</summary>
    ProtectedReports Open(VaultOptions options, string agencyId, TimeProvider? time = null);
}

/// <summary>vault.db in the data directory: LiteDB serves one agency.</summary>
internal sealed class VaultFileOpener(TimeProvider serviceTime, ILogger<ProtectedReports> logger) : IVaultOpener
{
    public ProtectedReports Open(VaultOptions options, string agencyId, TimeProvider? time = null) => new(options, time ?? serviceTime, logger);
}
