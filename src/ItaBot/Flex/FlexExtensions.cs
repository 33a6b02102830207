using ItaBot.Content;
using ItaBot.Conversations;
using Microsoft.Extensions.Options;

namespace ItaBot.Flex;

internal static class FlexExtensions
{
    /// <summary>
    /// The Flex templates (<c>ItaBot:Flex:Directory</c>, default the nearest <c>flex-templates/</c>), checked at start
    /// with the content pack: a broken template stops the boot with one line naming the file and JSON path.
    /// Registers the card renderer that draws service, FAQ, contact, executive and news cards.
    /// </summary>
    public static IHostApplicationBuilder AddFlexTemplates(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<FlexOptions>()
            .Bind(builder.Configuration.GetSection(FlexOptions.Section))
            .PostConfigure(o =>
            {
                o.Directory = string.IsNullOrWhiteSpace(o.Directory)
                    ? FlexOptions.FindDefault(contentRoot, AppContext.BaseDirectory)
                    : Path.GetFullPath(o.Directory, contentRoot);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<FlexTemplatesStartup>();
        builder.Services.AddSingleton<IValidateOptions<FlexOptions>, FlexOptionsValidator>();
        builder.Services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<FlexOptions>>().Value.Directory
                ?? throw new InvalidOperationException($"{FlexOptions.Section}:Directory is not set and no {FlexOptions.FolderName}/ folder was found.");
            return sp.GetRequiredService<FlexTemplatesStartup>().Take(directory)
                ?? FlexTemplates.Load(directory, sp.GetRequiredService<ContentPackProvider>().Current, sp.GetServices<IFlexSamples>());
        });
        builder.Services.AddSingleton<ICardRenderer, FlexCardRenderer>();
        return builder;
    }
}

/// <summary>Loads and checks the templates while options are validated at start, so a broken one stops the boot.</summary>
internal sealed class FlexOptionsValidator(FlexTemplatesStartup startup, IServiceProvider services) : IValidateOptions<FlexOptions>
{
    public ValidateOptionsResult Validate(string? name, FlexOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Fail(
                $"{FlexOptions.Section}:Directory is not set and no {FlexOptions.FolderName}/ folder with {FlexTemplates.ServiceCard}.json was found above the content root or the application folder.");
        }

        ContentPack? pack;
        try
        {
            pack = services.GetService<ContentPackProvider>()?.Current;
        }
        catch (Exception)
        {
            // A broken content pack is reported by its own validation; the templates are then checked for syntax only.
            pack = null;
        }

        var (templates, errors) = FlexTemplates.TryLoad(options.Directory, pack, services.GetServices<IFlexSamples>());
        if (templates is null)
        {
            return ValidateOptionsResult.Fail(string.Join(" ", errors.Select(e => e.Message)));
        }

        if (pack is not null)
        {
            startup.Offer(templates);
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>Hands the templates checked at start to the singleton, so they are not read twice.</summary>
internal sealed class FlexTemplatesStartup
{
    private FlexTemplates? _loaded;

    public void Offer(FlexTemplates templates) => Interlocked.Exchange(ref _loaded, templates);

    public FlexTemplates? Take(string directory)
    {
        var loaded = Interlocked.Exchange(ref _loaded, null);
        return loaded is not null && string.Equals(loaded.Directory, directory, StringComparison.Ordinal) ? loaded : null;
    }
}
