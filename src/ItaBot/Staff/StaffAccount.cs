namespace ItaBot.Staff;

/// <summary>What a staff member may do. Integrity officers (the vault) come with the protected channel.</summary>
internal enum StaffRole
{
    /// <summary>Manages accounts and departments, sees every case and the Hangfire dashboard. TOTP is required.</summary>
    Admin,

    /// <summary>Works the cases of one department.</summary>
    CaseOfficer,

    /// <summary>Sees statistics only.</summary>
    Reporter,

    /// <summary>Works protected (corruption) reports in the vault. TOTP is required.</summary>
    IntegrityOfficer,

    /// <summary>
    /// Runs a deployment of several agencies ("platform-admin"): lists the agencies. Only an account of the default agency
    /// holds it (the deployment's operator); it sees no agency's cases. TOTP is required.
    /// </summary>
    PlatformAdmin,
}

/// <summary>
/// A staff member. <see cref="Department"/> is a unit id from the content pack's structure.yaml (null for admins and
/// reporters). <see cref="IsDepartmentHead"/> receives escalations of missed deadlines. <see cref="LineUserId"/> is set
/// when they link their LINE account (a one-time code typed to the bot) and is where notifications go.
/// </summary>
internal sealed record StaffAccount
{
    public required string Id { get; init; }
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public required StaffRole Role { get; init; }
    public string? Department { get; init; }
    public bool IsDepartmentHead { get; init; }
    public required string PasswordHash { get; init; }
    public string? TotpSecret { get; init; }
    public string? LineUserId { get; init; }
    public bool Disabled { get; init; }
    public DateTime CreatedAt { get; init; }
    public int Version { get; init; }

    /// <summary>Changes with the password, the role, disabling and TOTP resets; a session cookie with another stamp is ended.</summary>
    public string SecurityStamp { get; init; } = string.Empty;

    /// <summary>Set for one-time passwords (new account, reset): the next sign-in must choose a new one first.</summary>
    public bool MustChangePassword { get; init; }

    /// <summary>The last TOTP time step accepted: a code of that window or an earlier one is refused (no replay).</summary>
    public long TotpLastStep { get; init; }

    /// <summary>Failed password or TOTP attempts since the last success; at the limit the account is locked a while.</summary>
    public int FailedSignIns { get; init; }

    public DateTime? LockedUntil { get; init; }

    public DateTime? LastSignInAt { get; init; }

    /// <summary>The pending LINE link code, as "salt:HMAC" (never the code itself), and until when it works.</summary>
    public string? LinkCodeHash { get; init; }

    public DateTime? LinkCodeExpiresAt { get; init; }

    public DateTime? LineLinkedAt { get; init; }

    /// <summary>Roles that must sign in with TOTP (they can see every case, or the vault).</summary>
    public bool TotpRequired => Role is StaffRole.Admin or StaffRole.IntegrityOfficer or StaffRole.PlatformAdmin;

    /// <summary>Claim type and role names the staff cookie carries; every staff endpoint authorises with these.</summary>
    public const string AuthenticationScheme = "Staff";
}
