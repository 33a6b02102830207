using ItaBot.Media.PostgreSql;
using ItaBot.Storage;

namespace ItaBot.Media;

internal static class MediaExtensions
{
    /// <summary>Photos from LINE: bounded download, type and size checks, metadata stripped, stored under photos/ (LiteDB) or in PostgreSQL.</summary>
    public static IHostApplicationBuilder AddMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>()
            .Bind(builder.Configuration.GetSection(MediaOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PhotoDownloader>();
        builder.Services.AddSingleton<PhotoStripper>();
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddMediaPostgreSql();   // every node serves every photo
        }
        else
        {
            builder.Services.AddSingleton<IPhotoStore, DiskPhotoStore>();
        }

        builder.Services.AddSingleton<PhotoIntake>();
        builder.Services.AddSingleton<Cases.ICasePhotoTransfer, CasePhotoTransfer>();
        return builder;
    }
}
