using System.Security.Cryptography;
using System.Text;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Backup;

/// <summary>
/// The secret the "backup" command shows to the running service: a new random one in data/backup.token (readable by
/// the service's user only) at every start. A request must come from loopback and carry it, so that nothing reaching
/// the service through the reverse proxy (which also connects from loopback) can download the data.
/// </summary>
internal sealed class BackupToken(IOptions<StorageOptions> storage) : IHostedService
{
    public const string FileName = "backup.token";
    public const string Header = "X-ItaBot-Backup-Token";

    private byte[] _token = [];

    public static string PathIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var token = RandomNumberGenerator.GetHexString(64, lowercase: true);
        var path = PathIn(storage.Value.DataDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, token);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _token = Encoding.ASCII.GetBytes(token);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public bool Matches(string? presented) =>
        _token.Length > 0 && presented is not null && CryptographicOperations.FixedTimeEquals(_token, Encoding.ASCII.GetBytes(presented));
}
