using Npgsql;

namespace ItaBot.Storage.PostgreSql;

/// <summary>
/// Brings the database to every registered slice's latest schema when the service opens it. Nodes starting at once take
/// turns (an advisory lock); each migration runs in its own transaction with the slice's new version, so a node killed
/// half way leaves a database the next start continues. A database a newer build already migrated past what this build
/// knows is refused (<see cref="SchemaTooNewException"/>): running old code on it could corrupt what the new code wrote.
/// </summary>
internal sealed partial class PgSchemaMigrator(IEnumerable<IPostgreSqlSchema> schemas, ILogger<PgSchemaMigrator> logger)
{
    /// <summary>The advisory lock key the migration holds ("ItaBotMg" as a 64-bit number): one migrating node at a time.</summary>
    public const long LockKey = 0x497461426f744d67;

    public void Migrate(NpgsqlDataSource dataSource)
    {
        var all = schemas.ToList();
        var twice = all.GroupBy(s => s.Slice, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"Two PostgreSQL schemas are registered for the slice '{twice.Key}'.");
        }

        using var connection = dataSource.OpenConnection();
        Execute(connection, null, "select pg_advisory_lock(@key)", ("key", LockKey));
        try
        {
            Execute(connection, null, "create table if not exists schema_versions (slice text primary key, version int not null)");
            var versions = new Dictionary<string, int>(StringComparer.Ordinal);
            using (var read = new NpgsqlCommand("select slice, version from schema_versions", connection))
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    versions[reader.GetString(0)] = reader.GetInt32(1);
                }
            }

            foreach (var schema in all)
            {
                var found = versions.GetValueOrDefault(schema.Slice);
                if (found > schema.Migrations.Count)
                {
                    throw new SchemaTooNewException(schema.Slice, found, schema.Migrations.Count);
                }

                for (var version = found + 1; version <= schema.Migrations.Count; version++)
                {
                    using var transaction = connection.BeginTransaction();
                    Execute(connection, transaction, schema.Migrations[version - 1]);
                    Execute(connection, transaction,
                        "insert into schema_versions (slice, version) values (@slice, @version) on conflict (slice) do update set version = excluded.version",
                        ("slice", schema.Slice), ("version", version));
                    transaction.Commit();
                    LogMigrated(logger, schema.Slice, version);
                }
            }
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                Execute(connection, null, "select pg_advisory_unlock(@key)", ("key", LockKey));
            }
        }
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema of {Slice} migrated to version {Version}")]
    private static partial void LogMigrated(ILogger logger, string slice, int version);
}

/// <summary>The database holds a slice's schema at a version this build does not know: a newer build migrated it.</summary>
internal sealed class SchemaTooNewException(string slice, int found, int known) : Exception(
    $"the PostgreSQL database holds the schema of '{slice}' at version {found.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
    $"newer than this build knows ({known.ToString(System.Globalization.CultureInfo.InvariantCulture)}): run the newer ItaBot on this node, or restore a database of this version.")
{
    public string Slice { get; } = slice;
}
