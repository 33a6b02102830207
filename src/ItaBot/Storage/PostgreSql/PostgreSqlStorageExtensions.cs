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
            // No statements are auto-prepared unless the connection string asks ("Max Auto Prepare"): with 64 per
            // connection the server's CPU per turn in the idle flood rose 2.76 → 3.79 ms (one node, the same code
            // otherwise; session 14, bench/README.md), and answers slowed, so Npgsql's default (off) stays. The cause
            // (session 15, pg_stat_statements): the generic plans kept for prepared statements, made on near-empty tables,
            // sent the outbox's sent mark through outbox_state (~1,000 blocks a call).
            // Connections go back to the pool as they are, unless the connection string names the setting: Npgsql's reset
            // (DISCARD ALL before the next use) ran 3.9 times a turn, about 6 % of the server's statement time in a flood
            // (pg_stat_statements, issue 19). Nothing here leaves session state behind: no SET, LISTEN or temporary
            // table, and the two session advisory locks (schema migration, key ring) are released in a finally.
            if (!Names(connectionString, "No Reset On Close", "NoResetOnClose"))
            {
                builder.ConnectionStringBuilder.NoResetOnClose = true;
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

    /// <summary>Whether the connection string itself sets a keyword (Npgsql's own builder answers yes for every keyword it knows).</summary>
    internal static bool Names(string connectionString, params string[] keywords)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey);
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
