using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using ItaBot.Storage;

namespace ItaBot.Notifications.PostgreSql;

internal static class HangfirePostgreSqlExtensions
{
    /// <summary>Hangfire's own tables live in this schema of the service's database, apart from the slices' tables.</summary>
    public const string Schema = "hangfire";

    /// <summary>
    /// Hangfire on the service's PostgreSQL database (ItaBot:Storage:Provider=PostgreSql): several nodes share one queue,
    /// a recurring job runs once per schedule across them (Hangfire.PostgreSql's distributed locks), and a job a dead
    /// node had fetched is fetched again by another once its invisibility timeout passes. LISTEN/NOTIFY wakes a worker
    /// when a job is queued, so a notification does not wait for the next poll.
    /// </summary>
    public static void AddHangfirePostgreSql(this IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<JobStorage>(_ =>
        {
            var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName)
                ?? throw new InvalidOperationException("ConnectionStrings:ItaBot is required when ItaBot:Storage:Provider is PostgreSql.");
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                PrepareSchemaIfNecessary = true,
                EnableLongPolling = true,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        });
}
