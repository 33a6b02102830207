using System.ComponentModel.DataAnnotations;

namespace ItaBot.Whistleblowing;

/// <summary>The protected channel's user side (<c>ItaBot:Whistleblowing</c>); the vault's own settings are <c>ItaBot:Vault</c>.</summary>
internal sealed class WhistleblowingOptions
{
    public const string Section = "ItaBot:Whistleblowing";

    /// <summary>Drafts and receipt handles held in memory at once (LINE and web together); a new one beyond this is refused politely.</summary>
    [Range(1, 100_000)]
    public int MaxSessions { get; set; } = 500;

    /// <summary>A draft or handle untouched this long is dropped (the reporter starts again).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest evidence file (photo or document) in bytes; LINE downloads are also bounded by ItaBot:Media:MaxBytes.</summary>
    [Range(1024, 15 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Integrity officers are warned (once per report and retention date) of reports deleted within this time.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan RetentionWarning { get; set; } = TimeSpan.FromDays(14);
}
