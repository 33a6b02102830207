using ItaBot.Agencies;
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

    /// <summary>An agency's pack folder: its own setting (from the content root), else the default agency's folder.</summary>
    public static string AgencyDirectory(AgencyInfo agency, ContentOptions options, string contentRoot) =>
        string.IsNullOrWhiteSpace(agency.ContentDirectory) ? options.Directory! : Path.GetFullPath(agency.ContentDirectory, contentRoot);

    /// <summary>Finds the default folder; null when none is found.</summary>
    public static string? FindDefault(params string?[] startPoints) =>
        ShippedFolder.Find("content", ContentPackLoader.AgencyFile, startPoints);
}

/// <summary>
/// Loads the pack while options are validated at start, so that a broken pack stops the boot with one clear line
/// (Program prints <see cref="OptionsValidationException"/> failures); the loaded pack is handed to the provider.
/// </summary>
internal sealed class ContentOptionsValidator(ContentPackStartup startup, AgencyDirectory? agencies = null, IHostEnvironment? environment = null) : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options)
    {
        var result = ValidateDefault(options);
        if (result.Failed)
        {
            return result;
        }

        foreach (var agency in agencies?.All.Where(a => !a.IsDefault) ?? [])
        {
            var directory = ContentOptions.AgencyDirectory(agency, options, environment?.ContentRootPath ?? System.IO.Directory.GetCurrentDirectory());
            var (pack, errors) = ContentPackLoader.TryLoad(directory);
            if (pack is null)
            {
                return ValidateOptionsResult.Fail($"{AgencyOptions.Section}:{agency.Id}:Content: {ContentPackException.Describe(errors)}");
            }

            startup.Offer(directory, pack);
        }

        return result;
    }

    private ValidateOptionsResult ValidateDefault(ContentOptions options)
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

/// <summary>Carries the packs loaded during start-up validation to the providers, so none is read twice.</summary>
internal sealed class ContentPackStartup
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ContentPack> _loaded = new(StringComparer.Ordinal);

    public void Offer(string directory, ContentPack pack) => _loaded[directory] = pack;

    public ContentPack? Take(string directory) => _loaded.TryRemove(directory, out var pack) ? pack : null;
}
