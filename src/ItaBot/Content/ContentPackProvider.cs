using Microsoft.Extensions.Options;

namespace ItaBot.Content;

/// <summary>
/// Holds the current content pack. <see cref="Reload"/> swaps in a new pack atomically only when it validates;
/// otherwise the old pack stays and the errors are returned. Features that build indexes over the pack watch
/// <see cref="Changed"/> or compare <see cref="Version"/>.
/// </summary>
internal sealed partial class ContentPackProvider
{
    private readonly Lock _reloadLock = new();
    private readonly ILogger<ContentPackProvider> _logger;
    private readonly TimeProvider _time;
    private ContentSnapshot _snapshot;

    public ContentPackProvider(string directory, ContentPack initial, TimeProvider time, ILogger<ContentPackProvider> logger)
    {
        Directory = directory;
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

    /// <summary>Raised after a successful reload, with the new pack and version; handlers run on the reloading thread.</summary>
    public event EventHandler<ContentPackChangedEventArgs>? Changed;

    public string Directory { get; }

    /// <summary>The current pack, its version and when it was loaded, read together.</summary>
    public ContentSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public ContentPack Current => Snapshot.Pack;

    /// <summary>Starts at 1 and grows by one on every successful reload.</summary>
    public long Version => Snapshot.Version;

    /// <summary>Reads the directory again; swaps the pack in only if it has no errors.</summary>
    public ContentReloadResult Reload()
    {
        lock (_reloadLock)
        {
            var (pack, errors) = ContentPackLoader.TryLoad(Directory);
            var old = Snapshot;
            if (pack is null)
            {
                LogReloadRefused(_logger, errors.Count, old.Version);
                return new ContentReloadResult(false, old.Version, errors);
            }

            var next = new ContentSnapshot(pack, old.Version + 1, _time.GetUtcNow());
            Volatile.Write(ref _snapshot, next);
            LogReloaded(_logger, next.Version, pack.Services.Count, pack.Faq.Count);
            Changed?.Invoke(this, new ContentPackChangedEventArgs(pack, next.Version));
            return new ContentReloadResult(true, next.Version, []);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content pack reload refused: {ErrorCount} error(s); version {Version} stays")]
    private static partial void LogReloadRefused(ILogger logger, int errorCount, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content pack version {Version} loaded: {Services} services, {Faq} FAQ entries")]
    private static partial void LogReloaded(ILogger logger, long version, int services, int faq);
}

internal sealed record ContentSnapshot(ContentPack Pack, long Version, DateTimeOffset LoadedAt);

/// <summary>What a reload did: whether the pack was swapped, the version now current, and any errors.</summary>
internal sealed record ContentReloadResult(bool Swapped, long Version, IReadOnlyList<ContentError> Errors);

internal sealed class ContentPackChangedEventArgs(ContentPack pack, long version) : EventArgs
{
    public ContentPack Pack { get; } = pack;

    public long Version { get; } = version;
}
