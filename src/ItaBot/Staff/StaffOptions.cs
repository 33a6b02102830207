using System.ComponentModel.DataAnnotations;

namespace ItaBot.Staff;

internal sealed class StaffOptions
{
    public const string Section = "ItaBot:Staff";

    /// <summary>A staff session ends after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed password or TOTP attempts in a row before the account is locked for <see cref="LockoutDuration"/>.</summary>
    [Range(3, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a LINE link code shown on the account page works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan LinkCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Base64 of 32 random bytes: encrypts the sign-in key ring in data/keys (cookies, TOTP secrets). Or <see cref="KeyRingKeyFile"/>.</summary>
    public string? KeyRingKey { get; set; }

    /// <summary>A file holding <see cref="KeyRingKey"/>, outside the data directory (simulator mode: ~/.itabot/simulator-keyring.key).</summary>
    public string? KeyRingKeyFile { get; set; }

    /// <summary>Simulator mode only: with no staff accounts at all, create a demo admin and officer and log their passwords.</summary>
    public bool DemoAccounts { get; set; } = true;
}
