using System.ComponentModel.DataAnnotations;

namespace ItaBot.Storage;

internal sealed class StorageOptions
{
    public const string Section = "ItaBot:Storage";

    /// <summary>Where the LiteDB files live. Relative paths are taken from the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Most writes committed together in one LiteDB transaction.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 512;

    /// <summary>
    /// While webhooks stream in, how long a commit that carries acknowledgements waits for more of them (up to
    /// <see cref="StoreWriter.GatherTarget"/>) before it is written. Zero commits at once.
    /// </summary>
    public TimeSpan GatherAcknowledgements { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Days that handled events and delivered sends (which hold what citizens wrote) are kept.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;
}
