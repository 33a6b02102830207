using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Storage.PostgreSql;

internal static class PostgreSqlStorageExtensions
{
    /// <summary>
    /// The PostgreSQL provider: one <see cref="NpgsqlDataSource"/> (pooled connections) on ConnectionStrings:ItaBot,
    /// migrated by every registered <see cref="IPostgreSqlSchema"/> when it is first resolved; the group-committing
    /// writer; maintenance. The schema is checked where the storage options are validated at start, so a node that
    /// finds a newer schema stops with one line, as with any invalid setting.
    /// </summary>
    /// <summary>Statements auto-prepared per connection unless the connection string says otherwise ("Max Auto Prepare").</summary>
    public const int AutoPreparedStatements = 64;

    public static void AddPostgreSqlStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<PgSchemaMigrator>();
        services.AddSingleton(sp =>
        {
            var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(PgStartupValidation.MissingConnectionString);
            }

            var builder = new NpgsqlDataSourceBuilder(connectionString);
            // The same few statements run for every event (append, state read, the turn's commit, the send's record):
            // prepared on each pooled connection after a few uses, the server parses and plans them once, not per turn.
            // A connection string that names the setting keeps its own (0 turns it off, e.g. behind a transaction pooler).
            if (!connectionString.Contains("auto prepare", StringComparison.OrdinalIgnoreCase)
                && !connectionString.Contains("autoprepare", StringComparison.OrdinalIgnoreCase))
            {
                builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
            }

            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            var dataSource = builder.Build();
            try
            {
                sp.GetRequiredService<PgSchemaMigrator>().Migrate(dataSource);
            }
            catch
            {
                dataSource.Dispose();
                throw;
            }

            return dataSource;
        });
        services.AddSingleton<IPostgreSqlSchema, SealPostgreSqlSchema>();
        services.AddSingleton<PgTextSeal>();
        services.AddHostedService<PgSealKeyRetention>();
        services.AddSingleton<PgStoreWriter>();
        services.AddSingleton<IStoreWriter>(sp => sp.GetRequiredService<PgStoreWriter>());
        services.AddSingleton<IStoreMaintenance, PgStoreMaintenance>();
        services.AddSingleton<IValidateOptions<StorageOptions>, PgStartupValidation>();
    }
}

/// <summary>
/// At start (the storage options are validated then): the connection string is there and the database's schema is one
/// this build can run on (migrated now if older). A failure stops the start with one line naming what is wrong.
/// </summary>
internal sealed class PgStartupValidation(IConfiguration configuration, IServiceProvider services) : IValidateOptions<StorageOptions>
{
    public const string MissingConnectionString =
        "ConnectionStrings:ItaBot (an Npgsql connection string) is required when ItaBot:Storage:Provider is PostgreSql.";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(StorageOptions.ConnectionStringName)))
        {
            return ValidateOptionsResult.Fail(MissingConnectionString);
        }

        try
        {
            _ = services.GetRequiredService<NpgsqlDataSource>();
            return ValidateOptionsResult.Success;
        }
        catch (SchemaTooNewException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
