using System.Collections.Frozen;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Content;

/// <summary>
/// Holds the current content pack. <see cref="Reload"/> swaps in a new pack atomically only when it validates;
/// otherwise the old pack stays and the errors are returned (and logged with file, line and field). Features that
/// build indexes over the pack watch <see cref="Changed"/> or compare <see cref="Version"/>. <see cref="StartWatching"/>
/// reloads by itself when a file in the folder changes, once the edits have been quiet for a moment.
/// <para>Several agencies: the provider the service holds is the default agency's and serves, to work done for another
/// agency (<see cref="AgencyContext"/>), that agency's own provider (<see cref="ServeAgencies"/>): every member below
/// answers for the agency in context, so the features that read the pack need no change.</para>
/// </summary>
internal sealed partial class ContentPackProvider : IDisposable
{
    private readonly Lock _reloadLock = new();
    private readonly Lock _watchLock = new();
    private readonly ILogger<ContentPackProvider> _logger;
    private readonly TimeProvider _time;
    private ContentSnapshot _snapshot;
    private ContentReloadResult? _lastReload;
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private TimeSpan _quiet;
    private readonly string _directory;
    private FrozenDictionary<string, ContentPackProvider>? _agencies;

    public ContentPackProvider(string directory, ContentPack initial, TimeProvider time, ILogger<ContentPackProvider> logger,
        string agencyId = AgencyContext.DefaultId)
    {
        _directory = directory;
        AgencyId = agencyId;
        _time = time;
        _logger = logger;
        _snapshot = new ContentSnapshot(initial, 1, time.GetUtcNow());
    }

    /// <summary>DI constructor: takes the pack that start-up validation loaded, or loads it (throwing on errors).</summary>
    public ContentPackProvider(IOptions<ContentOptions> options, ContentPackStartup startup, TimeProvider time, ILogger<ContentPackProvider> logger)
        : this(
            options.Value.Directory ?? throw new InvalidOperationException($"{ContentOptions.Section}:Directory is not set."),
            startup.Take(options.Value.Directory) ?? ContentPackLoader.Load(options.Value.Directory),
            time,
            logger)
    {
    }

    /// <summary>Raised after a successful reload (of any agency's pack: see the arguments' agency), with the new pack and version; handlers run on the reloading thread.</summary>
    public event EventHandler<ContentPackChangedEventArgs>? Changed;

    /// <summary>The agency whose pack this provider holds itself.</summary>
    public string AgencyId { get; }

    public string Directory => Own._directory;

    /// <summary>The current pack of the agency in context, its version and when it was loaded, read together.</summary>
    public ContentSnapshot Snapshot => Volatile.Read(ref Own._snapshot);

    /// <summary>Every agency's current pack, this provider's own first (indexes built per agency start from here).</summary>
    public IEnumerable<(string AgencyId, ContentSnapshot Snapshot)> AllSnapshots =>
        [(AgencyId, Volatile.Read(ref _snapshot)), .. (_agencies?.Values ?? []).Select(p => (p.AgencyId, Volatile.Read(ref p._snapshot)))];

    /// <summary>
    /// Serves these agencies' packs to work done for them; their reloads are raised by this provider's <see cref="Changed"/>
    /// too. Called once, while the service is composed.
    /// </summary>
    public void ServeAgencies(IEnumerable<ContentPackProvider> others)
    {
        var byId = others.ToFrozenDictionary(p => p.AgencyId, StringComparer.Ordinal);
        foreach (var other in byId.Values)
        {
            other.Changed += (_, e) => Changed?.Invoke(this, e);
        }

        _agencies = byId;
    }

    /// <summary>The provider of the agency in context: this one unless other agencies are served and one of them is in context.</summary>
    private ContentPackProvider Own =>
        _agencies is { } agencies && AgencyContext.Captured is { } id && agencies.TryGetValue(id, out var provider) ? provider : this;

    public ContentPack Current => Snapshot.Pack;

    /// <summary>Starts at 1 and grows by one on every successful reload.</summary>
    public long Version => Snapshot.Version;

    /// <summary>
    /// The result of the latest reload (by a staff request or by the watcher), set once the reload is complete
    /// (<see cref="Changed"/> handlers included); null before the first.
    /// </summary>
    public ContentReloadResult? LastReload => Volatile.Read(ref Own._lastReload);

    /// <summary>True while the folder is watched.</summary>
    public bool IsWatching
    {
        get
        {
            lock (_watchLock)
            {
                return _watcher is not null;
            }
        }
    }

    /// <summary>Reads the directory (of the agency in context) again; swaps the pack in only if it has no errors.</summary>
    public ContentReloadResult Reload() => Own.ReloadOwn();

    private ContentReloadResult ReloadOwn()
    {
        lock (_reloadLock)
        {
            var (pack, errors) = ContentPackLoader.TryLoad(_directory);
            var old = Volatile.Read(ref _snapshot);
            var at = _time.GetUtcNow();
            if (pack is null)
            {
                LogReloadRefused(_logger, errors.Count, old.Version);
                foreach (var error in errors)
                {
                    LogReloadError(_logger, error.File, error.Line, error.Field, error.Message);
                }

                return Remember(new ContentReloadResult(false, old.Version, errors) { At = at });
            }

            var next = new ContentSnapshot(pack, old.Version + 1, at);
            Volatile.Write(ref _snapshot, next);
            LogReloaded(_logger, next.Version, pack.Services.Count, pack.Faq.Count);
            Changed?.Invoke(this, new ContentPackChangedEventArgs(pack, next.Version) { AgencyId = AgencyId });
            return Remember(new ContentReloadResult(true, next.Version, []) { At = at });
        }
    }

    /// <summary>
    /// Watches the folder's YAML files and reloads once no change has come for <paramref name="quiet"/> (an editor
    /// saving a file raises several events; a staff member copying several files raises more). Returns false when
    /// the system refuses a watcher (inotify limits): the pack then reloads only on request.
    /// </summary>
    public bool StartWatching(TimeSpan quiet)
    {
        var all = true;
        foreach (var other in _agencies?.Values ?? [])
        {
            all &= other.StartWatching(quiet);
        }

        return StartWatchingOwn(quiet) && all;
    }

    private bool StartWatchingOwn(TimeSpan quiet)
    {
        lock (_watchLock)
        {
            if (_watcher is not null)
            {
                return true;
            }

            _quiet = quiet;
            _debounce ??= _time.CreateTimer(_ => ReloadFromWatcher(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            try
            {
                var watcher = new FileSystemWatcher(_directory, "*.yaml")
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                    IncludeSubdirectories = false,
                };
                watcher.Changed += OnFileEvent;
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;
                watcher.Renamed += OnFileEvent;
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                LogWatching(_logger, quiet.TotalMilliseconds);
                return true;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                LogWatchFailed(_logger, ex);
                return false;
            }
        }
    }

    public void StopWatching()
    {
        foreach (var other in _agencies?.Values ?? [])
        {
            other.StopWatching();
        }

        lock (_watchLock)
        {
            _watcher?.Dispose();
            _watcher = null;
            _debounce?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        foreach (var other in _agencies?.Values ?? [])
        {
            other.Dispose();
        }

        lock (_watchLock)
        {
            _watcher?.Dispose();
            _watcher = null;
            _debounce?.Dispose();
            _debounce = null;
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        lock (_watchLock)
        {
            // Every event pushes the reload back: it runs once the folder has been quiet.
            _debounce?.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        // An overflowed event queue means changes were lost: reload after the quiet time all the same.
        LogWatcherError(_logger, e.GetException());
        OnFileEvent(sender, new FileSystemEventArgs(WatcherChangeTypes.All, _directory, null));
    }

    private void ReloadFromWatcher()
    {
        try
        {
            ReloadOwn();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still being written: the next event (or the staff page) reloads again.
            LogWatchReloadFailed(_logger, ex);
        }
    }

    private ContentReloadResult Remember(ContentReloadResult result)
    {
        Volatile.Write(ref _lastReload, result);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content pack reload refused: {ErrorCount} error(s); version {Version} stays")]
    private static partial void LogReloadRefused(ILogger logger, int errorCount, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content pack version {Version} loaded: {Services} services, {Faq} FAQ entries")]
    private static partial void LogReloaded(ILogger logger, long version, int services, int faq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content pack error: {File} line {Line}, field {Field}: {Problem}")]
    private static partial void LogReloadError(ILogger logger, string file, int line, string field, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching the content pack folder; reloading {QuietMs} ms after the last change")]
    private static partial void LogWatching(ILogger logger, double quietMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch the content pack folder; it reloads only on request")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The content pack watcher reported an error; reloading after the quiet time")]
    private static partial void LogWatcherError(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content pack reload after a file change failed; the current pack stays")]
    private static partial void LogWatchReloadFailed(ILogger logger, Exception exception);
}

internal sealed record ContentSnapshot(ContentPack Pack, long Version, DateTimeOffset LoadedAt);

/// <summary>What a reload did: whether the pack was swapped, the version now current, any errors, and when.</summary>
internal sealed record ContentReloadResult(bool Swapped, long Version, IReadOnlyList<ContentError> Errors)
{
    public DateTimeOffset At { get; init; }
}

/// <summary>Starts watching the content folder with the host and stops with it (<c>ItaBot:Content:Watch</c>).</summary>
internal sealed class ContentPackWatcher(ContentPackProvider provider, IOptions<ContentOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Watch)
        {
            provider.StartWatching(options.Value.WatchQuiet);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        provider.StopWatching();
        return Task.CompletedTask;
    }
}

internal sealed class ContentPackChangedEventArgs(ContentPack pack, long version) : EventArgs
{
    public ContentPack Pack { get; } = pack;

    public long Version { get; } = version;

    /// <summary>The agency whose pack was reloaded.</summary>
    public string AgencyId { get; init; } = AgencyContext.DefaultId;
}
