using ItaBot.Storage.LiteDb;
using ItaBot.Storage.PostgreSql;
using Microsoft.Extensions.Options;

namespace ItaBot.Storage;

internal static class StorageExtensions
{
    /// <summary>
    /// The storage provider ItaBot:Storage:Provider names: LiteDB files under the data directory (the default) or PostgreSQL
    /// (ConnectionStrings:ItaBot). Each slice's AddX() registers its own adapter for the same provider
    /// (<see cref="StorageOptions.IsPostgreSql"/>).
    /// </summary>
    public static void AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AgencyContext>();
        // The LiteDB file stays registered under PostgreSQL too, opened only if something asks for it: the backup command
        // (which copies the LiteDB files) is built against it.
        builder.Services.AddSingleton<MessagingStore>();
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddPostgreSqlStorage(builder.Configuration);
            return;
        }

        builder.Services.AddSingleton<IStoreWriter>(sp => sp.GetRequiredService<MessagingStore>().Writer);
        builder.Services.AddSingleton<IStoreMaintenance, LiteDbStoreMaintenance>();
    }

    /// <summary>
    /// Validates the storage settings before anything opens the store (with PostgreSQL, the schema is checked and migrated
    /// here): false, after one line on <paramref name="error"/>, when the service must not start, e.g. on a database a
    /// newer build already migrated.
    /// </summary>
    public static bool StorageReady(this IServiceProvider services, TextWriter error)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            return true;
        }
        catch (OptionsValidationException ex)
        {
            error.WriteLine($"ItaBot cannot start: {string.Join(" ", ex.Failures)}");
            return false;
        }
    }
}
