using System.Globalization;
using System.Security.Cryptography;
using ItaBot.Cli;

namespace ItaBot.Vault;

/// <summary><c>vault verify</c>: checks the audit chain; exit 0 when intact, 1 naming the first broken entry.</summary>
/// <remarks>Takes the service provider, not the vault: every command is built for any command line, and the vault needs its key.</remarks>
internal sealed class VaultVerifyCommand(IServiceProvider services) : ICliCommand
{
    public IReadOnlyList<string> Words => ["vault", "verify"];

    public string Description => "vault verify: check the protected reports' hash-chained audit log";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (await VaultCli.OpenAsync(services, output).ConfigureAwait(false) is not { } vault)
        {
            return 1;
        }

        var result = await vault.VerifyAuditAsync("cli").ConfigureAwait(false);
        await output.WriteLineAsync(result.IsIntact
            ? string.Create(CultureInfo.InvariantCulture, $"Audit chain intact: {result.Entries} entries.")
            : string.Create(CultureInfo.InvariantCulture, $"Audit chain BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}")).ConfigureAwait(false);
        return result.IsIntact ? 0 : 1;
    }
}

/// <summary>
/// <c>vault rotate-key --new-key-file PATH</c>: re-wraps every data key under a new key-encryption key. With no file at
/// PATH a new random key is written there first (mode 600). PATH must lie outside the data directory. Run it with the
/// service stopped (vault.db is opened exclusively), then point <c>ItaBot:Vault:KekFile</c> at PATH.
/// </summary>
internal sealed class VaultRotateKeyCommand(IServiceProvider services) : ICliCommand
{
    public IReadOnlyList<string> Words => ["vault", "rotate-key"];

    public string Description => "vault rotate-key --new-key-file PATH: re-wrap every report's keys under a new key-encryption key";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var index = arguments.ToList().IndexOf("--new-key-file");
        if (index < 0 || index + 1 >= arguments.Count)
        {
            await output.WriteLineAsync("usage: vault rotate-key --new-key-file PATH   (a new key is written to PATH when no file is there)").ConfigureAwait(false);
            return 2;
        }

        var path = Path.GetFullPath(arguments[index + 1]);
        if (await VaultCli.OpenAsync(services, output).ConfigureAwait(false) is not { } vault)
        {
            return 1;
        }

        // The data directory the key must stay out of (vault.db's, or the node's on PostgreSQL).
        var dataDirectory = services.GetRequiredService<AgencyVaults>().OptionsOf(ItaBot.Storage.AgencyContext.CurrentId).DataDirectory;
        byte[] newKek;
        try
        {
            if (File.Exists(path))
            {
                newKek = ReadKey(path, dataDirectory);
            }
            else
            {
                newKek = RandomNumberGenerator.GetBytes(32);
                WriteKey(path, dataDirectory, newKek);
                await output.WriteLineAsync($"Wrote a new key-encryption key to {path}.").ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }

        var result = await vault.RotateKekAsync(newKek, "cli").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Rotated key {result.OldKeyId} -> {result.NewKeyId}: {result.ReportsRewrapped} report(s) re-wrapped in {result.Elapsed.TotalSeconds:0.0} s.")).ConfigureAwait(false);
        await output.WriteLineAsync($"Now set ItaBot:Vault:KekFile={path} (and remove the old key) before the next start.").ConfigureAwait(false);
        return 0;
    }

    private static byte[] ReadKey(string path, string dataDirectory)
    {
        EnsureOutside(path, dataDirectory);
        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return key.Length == 32 ? key : throw new InvalidOperationException($"{path} does not hold base64 of 32 bytes.");
    }

    private static void WriteKey(string path, string dataDirectory, byte[] key)
    {
        EnsureOutside(path, dataDirectory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.WriteLine(Convert.ToBase64String(key));
    }

    private static void EnsureOutside(string path, string dataDirectory)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(dataDirectory), path);
        if (relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)))
        {
            throw new InvalidOperationException($"{path} lies inside the data directory ({dataDirectory}); keep the key elsewhere.");
        }
    }
}

internal static class VaultCli
{
    /// <summary>The vault of the command's agency (<c>--agency</c>), or null after printing why it cannot open (no key, key inside the data directory, wrong key).</summary>
    public static async Task<ProtectedReports?> OpenAsync(IServiceProvider services, TextWriter output)
    {
        try
        {
            return services.GetRequiredService<AgencyVaults>().Current;
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync($"The vault cannot open: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
