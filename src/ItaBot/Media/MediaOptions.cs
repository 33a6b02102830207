using System.ComponentModel.DataAnnotations;

namespace ItaBot.Media;

internal sealed class MediaOptions
{
    public const string Section = "ItaBot:Media";

    /// <summary>Largest photo accepted, in bytes; a longer download is abandoned while it streams.</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Largest image accepted, in pixels, checked from the header before anything is decoded.</summary>
    [Range(1, 200_000_000)]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest edge of the stored copy.</summary>
    [Range(64, 8192)]
    public int MaxEdge { get; set; } = 2048;

    [Range(30, 100)]
    public int JpegQuality { get; set; } = 85;

    /// <summary>How many more times a 202 ("still preparing") is asked again before giving up.</summary>
    [Range(0, 10)]
    public int NotReadyRetries { get; set; } = 3;

    /// <summary>Wait between those attempts.</summary>
    public TimeSpan NotReadyDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The whole download, body included (the LINE client's own timeouts cover only the answer's headers).</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Photos decoded at once: each may take up to MaxPixels × 4 bytes of memory.</summary>
    [Range(1, 16)]
    public int MaxConcurrentDecodes { get; set; } = 2;
}
