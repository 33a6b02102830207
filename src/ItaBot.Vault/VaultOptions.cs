namespace ItaBot.Vault;

/// <summary>
/// Settings of the vault (bound from <c>ItaBot:Vault</c> by the service). The key-encryption key comes from
/// <see cref="Kek"/> (base64 of 32 bytes) or <see cref="KekFile"/> (a file holding that base64 text), never from the
/// data directory: a copy of the data directory alone must reveal no content.
/// </summary>
public sealed class VaultOptions
{
    public const string Section = "ItaBot:Vault";

    /// <summary>Directory of vault.db (and its -log file). Defaults to the service's data directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The key-encryption key, base64 of 32 random bytes (e.g. from an environment variable or a secret store).</summary>
    public string? Kek { get; set; }

    /// <summary>A file holding the key-encryption key as base64; must lie outside <see cref="DataDirectory"/>.</summary>
    public string? KekFile { get; set; }

    /// <summary>The key before an unfinished rotation (base64), accepted for unwrapping only until the rotation is rerun.</summary>
    public string? PreviousKek { get; set; }

    /// <summary>A file holding <see cref="PreviousKek"/>; must lie outside <see cref="DataDirectory"/>.</summary>
    public string? PreviousKekFile { get; set; }

    /// <summary>How long a report is kept after filing before it is deleted (officers can extend it, audited).</summary>
    public TimeSpan DefaultRetention { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Argon2id memory in KiB for receipt hashes (default 64 MiB).</summary>
    public int Argon2MemoryKiB { get; set; } = 64 * 1024;

    /// <summary>Argon2id passes for receipt hashes.</summary>
    public int Argon2Passes { get; set; } = 3;

    /// <summary>Wrong receipts from one source within <see cref="SourceWindow"/> before that source is refused.</summary>
    public int SourceFailureLimit { get; set; } = 5;

    public TimeSpan SourceWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong receipts from all sources within <see cref="GlobalWindow"/> before every check is slowed by <see cref="GlobalFailureDelay"/>.</summary>
    public int GlobalFailureLimit { get; set; } = 60;

    public TimeSpan GlobalWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>While over <see cref="GlobalFailureLimit"/>, each check (right or wrong) waits this long first; none is refused for it.</summary>
    public TimeSpan GlobalFailureDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Delay after the first wrong receipt of a source; doubles with each further one up to <see cref="MaxFailureDelay"/>.</summary>
    public TimeSpan FailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxFailureDelay { get; set; } = TimeSpan.FromSeconds(16);

    /// <summary>How long a <see cref="ReporterAccess"/> handle works after a right receipt.</summary>
    public TimeSpan ReporterAccessLifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Largest viewing copy or original of one attachment.</summary>
    public int MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>These options for the vault.db of another data directory (a copy: these stay as they are).</summary>
    internal VaultOptions For(string dataDirectory)
    {
        var copy = (VaultOptions)MemberwiseClone();
        copy.DataDirectory = dataDirectory;
        return copy;
    }

    /// <summary>Throws one clear line naming the first setting out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string setting, string rule)
        {
            if (!ok)
            {
                throw new InvalidOperationException($"{Section}:{setting} {rule}.");
            }
        }

        Require(!string.IsNullOrWhiteSpace(DataDirectory), nameof(DataDirectory), "is required");
        Require(DefaultRetention >= TimeSpan.FromDays(1), nameof(DefaultRetention), "must be at least one day");
        Require(Argon2MemoryKiB is >= 1024 and <= 4 * 1024 * 1024, nameof(Argon2MemoryKiB), "must lie between 1024 (1 MiB) and 4194304 (4 GiB)");
        Require(Argon2Passes is >= 1 and <= 100, nameof(Argon2Passes), "must lie between 1 and 100");
        Require(SourceFailureLimit >= 1 && GlobalFailureLimit >= 1, nameof(SourceFailureLimit), "and GlobalFailureLimit must be at least 1");
        Require(SourceWindow > TimeSpan.Zero && GlobalWindow > TimeSpan.Zero, nameof(SourceWindow), "and GlobalWindow must be positive");
        Require(FailureDelay >= TimeSpan.Zero && MaxFailureDelay >= FailureDelay, nameof(MaxFailureDelay), "must be at least FailureDelay, which must not be negative");
        Require(GlobalFailureDelay >= TimeSpan.Zero && GlobalFailureDelay <= TimeSpan.FromMinutes(1), nameof(GlobalFailureDelay), "must lie between 0 and one minute");
        Require(ReporterAccessLifetime > TimeSpan.Zero, nameof(ReporterAccessLifetime), "must be positive");
        Require(MaxAttachmentBytes is >= 1024 and <= 15 * 1024 * 1024, nameof(MaxAttachmentBytes), "must lie between 1024 and 15728640 (LiteDB keeps a document under 16 MB)");
    }

    /// <summary>
    /// Throws one clear line naming the key setting when the key-encryption key is missing, malformed, in a missing file
    /// or inside the data directory (the service checks this at start, before anyone can file a report it could not keep).
    /// Whether it is the key the vault's keys are wrapped with is known only once the vault opens.
    /// </summary>
    public void ValidateKey()
    {
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(Keys.KekSource.Current(this));
        if (Keys.KekSource.Previous(this) is { } previous)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(previous);
        }
    }

    /// <summary>
    /// A 32-byte key for the service's own sealing (<paramref name="purpose"/> names the use), derived from the current
    /// key-encryption key by HKDF-SHA256, so it lives exactly where the KEK lives and never in a data store; the KEK itself
    /// never leaves the vault. Null for <paramref name="previous"/> when no previous KEK is configured.
    /// </summary>
    public byte[]? DeriveServiceKey(string purpose, bool previous = false)
    {
        var kek = previous ? Keys.KekSource.Previous(this) : Keys.KekSource.Current(this);
        if (kek is null)
        {
            return null;
        }

        try
        {
            return System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, kek, 32,
                info: System.Text.Encoding.UTF8.GetBytes("ItaBot service key: " + purpose));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>
    /// Deadlines for a report filed at the given UTC moment. Not bound from configuration; the service plugs in its
    /// working-day calendar. Default: acknowledge by the end of the 3rd Bangkok calendar day, answer by the end of the 15th.
    /// </summary>
    public Func<DateTimeOffset, ReportDeadlines>? Deadlines { get; set; }
}
