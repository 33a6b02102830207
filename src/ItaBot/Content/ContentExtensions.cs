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
        builder.Services.AddSingleton<ContentPackProvider>();
        builder.Services.AddHostedService<ContentPackWatcher>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
