using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ItaBot.Cli;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Backup;

/// <summary>
/// <c>backup --out FILE [--service URL]</c>: asks the running service (on loopback, with the token it wrote to the data
/// directory) for a consistent snapshot and writes it to FILE. It never opens the LiteDB files itself: only the service may.
/// </summary>
internal sealed class BackupCommand(IOptions<StorageOptions> storage, IConfiguration configuration) : ICliCommand
{
    public IReadOnlyList<string> Words => ["backup"];

    public string Description => "backup --out FILE [--service http://127.0.0.1:5000]: a consistent snapshot of every store, taken by the running service";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (Option(arguments, "--out") is not { } outFile)
        {
            await output.WriteLineAsync("usage: backup --out FILE [--service URL]   (the service must be running)").ConfigureAwait(false);
            return 2;
        }

        var tokenFile = BackupToken.PathIn(storage.Value.DataDirectory);
        if (!File.Exists(tokenFile))
        {
            await output.WriteLineAsync($"No {tokenFile}: is the service running with this data directory?").ConfigureAwait(false);
            return 1;
        }

        var service = new Uri(Option(arguments, "--service") ?? LocalAddress(configuration));
        using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, BackupExtensions.Path);
        request.Headers.Add(BackupToken.Header, (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim());
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await output.WriteLineAsync($"The service at {service} refused the backup ({(int)response.StatusCode}).").ConfigureAwait(false);
                return 1;
            }

            var path = Path.GetFullPath(outFile);
            var partial = path + ".partial";
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write))
            {
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Backup written to {path} ({new FileInfo(path).Length:N0} bytes). Keys are not in it: keep ItaBot:Vault:Kek(File) and ItaBot:Staff:KeyRingKey(File) safe separately.")).ConfigureAwait(false);
            return 0;
        }
        catch (HttpRequestException ex)
        {
            await output.WriteLineAsync($"No answer from the service at {service} ({ex.HttpRequestError}). Start it, or give --service URL.").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The first address the service listens on, as seen from this machine.</summary>
    private static string LocalAddress(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries)[0];
        return first.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
    }

    internal static string? Option(IReadOnlyList<string> arguments, string name)
    {
        var index = arguments.ToList().IndexOf(name);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }
}

/// <summary>
/// <c>restore --from FILE</c>: unpacks a backup into the data directory, which must be empty or absent (service
/// stopped), after checking every file against the backup's SHA-256 list. The keys are not in a backup: start the
/// restored service with the same ItaBot:Vault:Kek(File) and ItaBot:Staff:KeyRingKey(File) as the one backed up.
/// </summary>
internal sealed class RestoreCommand(IOptions<StorageOptions> storage) : ICliCommand
{
    public IReadOnlyList<string> Words => ["restore"];

    public string Description => "restore --from FILE: unpack a backup into an empty data directory (service stopped; keys as before)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (BackupCommand.Option(arguments, "--from") is not { } from || !File.Exists(from))
        {
            await output.WriteLineAsync("usage: restore --from FILE   (an existing backup; the data directory must be empty)").ConfigureAwait(false);
            return 2;
        }

        var data = Path.GetFullPath(storage.Value.DataDirectory);
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
        {
            await output.WriteLineAsync($"{data} is not empty: move it aside (or point ItaBot:Storage:DataDirectory at an empty folder) and run restore again.").ConfigureAwait(false);
            return 1;
        }

        using var zip = ZipFile.OpenRead(from);
        if (zip.GetEntry(DataBackup.ManifestName) is not { } manifestEntry)
        {
            await output.WriteLineAsync($"{from} is not an ItaBot backup (no {DataBackup.ManifestName}).").ConfigureAwait(false);
            return 1;
        }

        Dictionary<string, string> expected;
        using (var manifest = JsonDocument.Parse(manifestEntry.Open()))
        {
            expected = manifest.RootElement.GetProperty("files").EnumerateArray()
                .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("sha256").GetString()!, StringComparer.Ordinal);
        }

        Directory.CreateDirectory(data);
        foreach (var entry in zip.Entries.Where(e => e.FullName != DataBackup.ManifestName))
        {
            var target = Path.GetFullPath(Path.Combine(data, entry.FullName));
            if (!target.StartsWith(data + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !expected.TryGetValue(entry.FullName, out var sha))
            {
                await output.WriteLineAsync($"{entry.FullName}: not in the backup's list, or outside the data directory; restore stopped.").ConfigureAwait(false);
                return 1;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var source = entry.Open())
            using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
            {
                await source.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            if (!string.Equals(Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(target), cancellationToken).ConfigureAwait(false)), sha, StringComparison.Ordinal))
            {
                await output.WriteLineAsync($"{entry.FullName}: its SHA-256 does not match the backup's list; the backup is damaged.").ConfigureAwait(false);
                return 1;
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Restored {expected.Count} files into {data}. Start the service with the same vault and key-ring keys as the backed-up one, then run \"vault verify\".")).ConfigureAwait(false);
        return 0;
    }
}
