using ItaBot.Storage.LiteDb;

namespace ItaBot.Storage;

internal static class StorageExtensions
{
    public static void AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<MessagingStore>();
        builder.Services.AddSingleton<IStoreWriter>(sp => sp.GetRequiredService<MessagingStore>().Writer);
        builder.Services.AddSingleton<IStoreMaintenance, LiteDbStoreMaintenance>();
    }
}
