namespace ItaBot.Agencies;

/// <summary>
/// One agency of a deployment that serves several (<c>ItaBot:Agencies:&lt;id&gt;:…</c>): its LINE channel, content pack,
/// vault key and staff group. The single-agency settings (<c>ItaBot:Line:*</c>, <c>ItaBot:Content:Directory</c>,
/// <c>ItaBot:Vault:*</c>, <c>ItaBot:Notifications:StaffGroupId</c>) are the agency "default".
/// </summary>
internal sealed class AgencyOptions
{
    public const string Section = "ItaBot:Agencies";

    /// <summary>The agency's name as staff pages and the platform administrator's list show it.</summary>
    public string? Name { get; set; }

    public AgencyLineOptions Line { get; set; } = new();

    public AgencyContentOptions Content { get; set; } = new();

    public AgencyVaultOptions Vault { get; set; } = new();

    public AgencyNotificationOptions Notifications { get; set; } = new();
}

internal sealed class AgencyLineOptions
{
    /// <summary>The key of this agency's webhook signature (<c>POST /webhook/&lt;id&gt;</c>).</summary>
    public string? ChannelSecret { get; set; }

    /// <summary>Sent as the bearer token of every LINE call made for this agency. Never logged.</summary>
    public string? ChannelAccessToken { get; set; }
}

internal sealed class AgencyContentOptions
{
    /// <summary>The agency's content pack folder; empty: the shipped <c>content/</c> folder.</summary>
    public string? Directory { get; set; }
}

internal sealed class AgencyVaultOptions
{
    /// <summary>The agency's key-encryption key (base64 of 32 bytes); another agency's must differ.</summary>
    public string? Kek { get; set; }

    /// <summary>A file holding <see cref="Kek"/>.</summary>
    public string? KekFile { get; set; }

    public string? PreviousKek { get; set; }

    public string? PreviousKekFile { get; set; }
}

internal sealed class AgencyNotificationOptions
{
    /// <summary>The LINE group of the agency's staff (case notices, the monthly summary).</summary>
    public string? StaffGroupId { get; set; }
}

/// <summary>Every <c>ItaBot:Agencies</c> entry by id (bound as a dictionary; the default agency is not among them unless named).</summary>
internal sealed class AgenciesOptions
{
    public Dictionary<string, AgencyOptions> Agencies { get; } = new(StringComparer.Ordinal);
}
