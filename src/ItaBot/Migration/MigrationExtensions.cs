using ItaBot.Cli;

namespace ItaBot.Migration;

internal static class MigrationExtensions
{
    /// <summary>"migrate --from-litedb DIR --agency ID": one agency's LiteDB data directory into PostgreSQL.</summary>
    public static void AddMigration(this IHostApplicationBuilder builder) =>
        builder.Services.AddSingleton<ICliCommand, MigrateCommand>();
}
