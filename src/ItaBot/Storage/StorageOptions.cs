using System.ComponentModel.DataAnnotations;

namespace ItaBot.Storage;

/// <summary>Where the service keeps its data: LiteDB files on this machine (the default) or a PostgreSQL server.</summary>
internal enum StorageProvider
{
    LiteDb,
    PostgreSql,
}

internal sealed class StorageOptions
{
    public const string Section = "ItaBot:Storage";

    /// <summary>The connection string's name under ConnectionStrings: an Npgsql connection string (PostgreSQL only).</summary>
    public const string ConnectionStringName = "ItaBot";

    /// <summary>LiteDb (the default: files under <see cref="DataDirectory"/>) or PostgreSql (ConnectionStrings:ItaBot).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>
    /// Whether the configuration picks PostgreSQL: each slice's AddX() asks this to register its LiteDB or its PostgreSQL
    /// adapter (read before the options exist, while the services are being registered).
    /// </summary>
    public static bool IsPostgreSql(IConfiguration configuration) =>
        configuration.GetSection(Section).GetValue(nameof(Provider), StorageProvider.LiteDb) == StorageProvider.PostgreSql;

    /// <summary>Where the LiteDB files live. Relative paths are taken from the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Most writes committed together in one LiteDB transaction.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 512;

    /// <summary>
    /// While webhooks stream in, how long a commit that carries acknowledgements waits for more of them (up to
    /// <see cref="GroupCommitWriter.GatherTarget"/>) before it is written. Zero commits at once.
    /// </summary>
    public TimeSpan GatherAcknowledgements { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Days that handled events and delivered sends (which hold what citizens wrote) are kept.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}
