using Microsoft.Extensions.Options;

namespace ItaBot.Content;

/// <summary><c>ItaBot:Content</c>: where the content pack lives.</summary>
internal sealed class ContentOptions
{
    public const string Section = "ItaBot:Content";

    /// <summary>
    /// The folder holding <c>agency.yaml</c> and the other files. Empty: the nearest <c>content/</c> folder found by
    /// walking up from the content root, then from the application's base directory (the build copies it there).
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Reload the pack by itself when a file in the folder changes (staff edit without a restart).</summary>
    public bool Watch { get; set; } = true;

    /// <summary>How long the folder must be quiet after a change before the reload (an editor saves in several steps).</summary>
    public TimeSpan WatchQuiet { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Finds the default folder; null when none is found.</summary>
    public static string? FindDefault(params string?[] startPoints) =>
        ShippedFolder.Find("content", ContentPackLoader.AgencyFile, startPoints);
}

/// <summary>
/// Loads the pack while options are validated at start, so that a broken pack stops the boot with one clear line
/// (Program prints <see cref="OptionsValidationException"/> failures); the loaded pack is handed to the provider.
/// </summary>
internal sealed class ContentOptionsValidator(ContentPackStartup startup) : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Fail(
                $"{ContentOptions.Section}:Directory is not set and no content/ folder with {ContentPackLoader.AgencyFile} was found above the content root or the application folder.");
        }

        var (pack, errors) = ContentPackLoader.TryLoad(options.Directory);
        if (pack is null)
        {
            return ValidateOptionsResult.Fail(ContentPackException.Describe(errors));
        }

        startup.Offer(options.Directory, pack);
        return ValidateOptionsResult.Success;
    }
}

/// <summary>Carries the pack loaded during start-up validation to the provider, so it is not read twice.</summary>
internal sealed class ContentPackStartup
{
    private Loaded? _loaded;

    public void Offer(string directory, ContentPack pack) => Interlocked.Exchange(ref _loaded, new Loaded(directory, pack));

    public ContentPack? Take(string directory)
    {
        var loaded = Interlocked.Exchange(ref _loaded, null);
        return loaded is not null && string.Equals(loaded.Directory, directory, StringComparison.Ordinal) ? loaded.Pack : null;
    }

    private sealed record Loaded(string Directory, ContentPack Pack);
}
