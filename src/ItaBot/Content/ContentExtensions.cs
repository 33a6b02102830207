using ItaBot.Agencies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ItaBot.Content;

internal static class ContentExtensions
{
    /// <summary>
    /// The agency's content pack (<c>ItaBot:Content:Directory</c>), loaded and validated at start:
    /// a broken pack stops the boot with one line listing every error.
    /// </summary>
    public static IHostApplicationBuilder AddContentPack(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<ContentOptions>()
            .Bind(builder.Configuration.GetSection(ContentOptions.Section))
            .PostConfigure(o =>
            {
                o.Directory = string.IsNullOrWhiteSpace(o.Directory)
                    ? ContentOptions.FindDefault(contentRoot, AppContext.BaseDirectory)
                    : Path.GetFullPath(o.Directory, contentRoot);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<ContentPackStartup>();
        builder.Services.AddSingleton<IValidateOptions<ContentOptions>, ContentOptionsValidator>();
        // Other agencies' packs (ItaBot:Agencies:<id>:Content:Directory, default content/) are served through the default's
        // provider to work done for them; each was loaded and checked at start like the default's.
        builder.Services.AddSingleton(sp =>
        {
            var provider = ActivatorUtilities.CreateInstance<ContentPackProvider>(sp);
            var agencies = sp.GetService<AgencyDirectory>()?.All.Where(a => !a.IsDefault).ToList() ?? [];
            if (agencies.Count > 0)
            {
                var options = sp.GetRequiredService<IOptions<ContentOptions>>().Value;
                var startup = sp.GetRequiredService<ContentPackStartup>();
                var time = sp.GetRequiredService<TimeProvider>();
                var logger = sp.GetRequiredService<ILogger<ContentPackProvider>>();
                provider.ServeAgencies(agencies.Select(a =>
                {
                    var directory = ContentOptions.AgencyDirectory(a, options, contentRoot);
                    return new ContentPackProvider(directory, startup.Take(directory) ?? ContentPackLoader.Load(directory), time, logger, a.Id);
                }));
            }

            return provider;
        });
        builder.Services.AddHostedService<ContentPackWatcher>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
