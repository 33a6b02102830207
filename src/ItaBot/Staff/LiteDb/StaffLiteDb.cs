using ItaBot.Storage.LiteDb;

namespace ItaBot.Staff.LiteDb;

internal static class StaffLiteDbExtensions
{
    /// <summary>Staff accounts and departments in the messaging LiteDB file: the schema and the store.</summary>
    public static IServiceCollection AddStaffLiteDb(this IServiceCollection services)
    {
        services.AddSingleton<ILiteDbSchema, StaffLiteDbSchema>();
        services.AddSingleton<IStaffStore, LiteDbStaffStore>();
        return services;
    }
}
