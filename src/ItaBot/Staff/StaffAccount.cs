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

    /// <summary>Claim type and role names the staff cookie carries; every staff endpoint authorises with these.</summary>
    public const string AuthenticationScheme = "Staff";
}
