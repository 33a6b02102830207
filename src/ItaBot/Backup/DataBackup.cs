using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using ItaBot.Storage;
using ItaBot.Vault;
using Microsoft.Extensions.Options;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Backup;

/// <summary>
/// A consistent snapshot of the data directory, taken by the running service (the only process that may open its
/// LiteDB files): messaging.db and its log are copied on the store's writer thread between commits (no transaction of
/// anyone else can be half-written then, and LiteDB replays only confirmed transactions of the copied log), vault.db
/// by the vault's own writer after a checkpoint with readers held; then every other file (photos/, keys/) is added.
/// Photos are written before the commit that names them, so every photo a copied case refers to is there. Intake waits
/// only for the file copy of messaging.db (acknowledgements queue behind it), never for the zip.
/// </summary>
internal sealed partial class DataBackup(
    MessagingStore store,
    IOptions<StorageOptions> storage,
    IOptions<VaultOptions> vaultOptions,
    IServiceProvider services,
    TimeProvider time,
    ILogger<DataBackup> logger)
{
    public const string ManifestName = "itabot-backup.json";
    public const string WorkPrefix = ".backup-";

    /// <summary>Writes the snapshot as a zip to a new file in the data directory and returns its path.</summary>
    public async Task<string> CreateAsync(CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(storage.Value.DataDirectory);
        var work = Path.Combine(data, WorkPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var at = time.GetUtcNow();
            var paused = Stopwatch.StartNew();
            await store.Writer.WriteAsync(_ =>
            {
                paused.Restart();
                CopyShared(store.FilePath, Path.Combine(work, MessagingStore.FileName));
                var log = LogFileOf(store.FilePath);
                if (File.Exists(log))
                {
                    CopyShared(log, Path.Combine(work, Path.GetFileName(log)));
                }

                paused.Stop();
                return true;
            }, priority: true).ConfigureAwait(false);

            await CopyVaultAsync(Path.Combine(work, "vault.db")).ConfigureAwait(false);

            var zipPath = Path.Combine(data, WorkPrefix + Guid.NewGuid().ToString("N") + ".zip");
            var entries = new List<object>();
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                foreach (var file in Directory.GetFiles(work))
                {
                    entries.Add(Add(zip, file, Path.GetFileName(file)));
                }

                foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var name = Path.GetRelativePath(data, file).Replace('\\', '/');
                    if (!Skipped(name))
                    {
                        entries.Add(Add(zip, file, name));
                    }
                }

                using var manifest = zip.CreateEntry(ManifestName).Open();
                JsonSerializer.Serialize(manifest, new { format = 1, createdAt = at, messagingCopyMs = paused.Elapsed.TotalMilliseconds, files = entries });
            }

            LogBackup(logger, entries.Count, paused.Elapsed.TotalMilliseconds);
            return zipPath;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The stores (copied above), a backup in the making, the backup token, LiteDB's lock files.</summary>
    private static bool Skipped(string name) =>
        name.StartsWith(WorkPrefix, StringComparison.Ordinal)
        || name == BackupToken.FileName
        || (!name.Contains('/', StringComparison.Ordinal) && (name.EndsWith(".db", StringComparison.Ordinal) || name.EndsWith("-lock", StringComparison.Ordinal)));

    private async Task CopyVaultAsync(string target)
    {
        var file = Path.Combine(Path.GetFullPath(vaultOptions.Value.DataDirectory), "vault.db");
        ProtectedReports? vault = null;
        try
        {
            vault = File.Exists(file) ? services.GetRequiredService<AgencyVaults>().For(Storage.AgencyContext.DefaultId) : null;
        }
        catch (InvalidOperationException)
        {
            // No key configured: the vault is not open in this process, so nothing writes the file while it is copied.
        }

        if (vault is not null)
        {
            await vault.CopyToAsync(target, "backup").ConfigureAwait(false);
        }
        else if (File.Exists(file))
        {
            CopyShared(file, target);
        }
    }

    private static object Add(ZipArchive zip, string file, string name)
    {
        // Photos are JPEG already; the LiteDB files compress well.
        var level = name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
        using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var target = zip.CreateEntry(name, level).Open())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
                target.Write(buffer.AsSpan(0, read));
            }
        }

        return new { name, bytes = source.Length, sha256 = Convert.ToHexStringLower(hash.GetHashAndReset()) };
    }

    private static void CopyShared(string source, string target)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
        input.CopyTo(output);
    }

    internal static string LogFileOf(string dbFile) =>
        Path.Combine(Path.GetDirectoryName(dbFile)!, Path.GetFileNameWithoutExtension(dbFile) + "-log" + Path.GetExtension(dbFile));

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup made: {Files} files; intake waited {PausedMs:0.0} ms for the copy of messaging.db")]
    private static partial void LogBackup(ILogger logger, int files, double pausedMs);
}
