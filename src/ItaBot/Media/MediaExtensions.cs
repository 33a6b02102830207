namespace ItaBot.Media;

internal static class MediaExtensions
{
    /// <summary>Photos from LINE: bounded download, type and size checks, metadata stripped, stored under photos/.</summary>
    public static IHostApplicationBuilder AddMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>()
            .Bind(builder.Configuration.GetSection(MediaOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PhotoDownloader>();
        builder.Services.AddSingleton<PhotoStripper>();
        builder.Services.AddSingleton<PhotoStore>();
        builder.Services.AddSingleton<PhotoIntake>();
        return builder;
    }
}
