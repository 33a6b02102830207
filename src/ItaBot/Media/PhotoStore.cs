using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using ItaBot.Cases;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Media;

/// <summary>
/// Stripped photos on disk under <c>{DataDirectory}/photos/{yyyy}/{id}.jpg</c> (the year in Bangkok time, so a
/// retention sweep can drop whole years). Only the stripped copy is kept: for general complaints the original, with
/// its metadata, is never written anywhere. Ids are 128 random bits, URL-safe, so a URL cannot be guessed.
/// </summary>
internal sealed class PhotoStore(IOptions<StorageOptions> storage, TimeProvider time)
{
    public const string ContentType = "image/jpeg";
    private static TimeZoneInfo Bangkok => WorkingCalendar.Bangkok;

    private readonly string _root = Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "photos");

    /// <summary>Writes a temporary file and renames it into place, so a reader never sees half a photo.</summary>
    public async Task<CasePhoto> SaveAsync(StrippedPhoto photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var id = NewId();
        var year = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Bangkok).Year.ToString(CultureInfo.InvariantCulture);
        var directory = Path.Combine(_root, year);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, id + ".jpg");
        var temporary = Path.Combine(directory, $".{id}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(photo.Jpeg, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary); // nothing to delete after a successful move
        }

        return new CasePhoto(id, ContentType, photo.Width, photo.Height, photo.Jpeg.LongLength);
    }

    /// <summary>The stored JPEG for reading, or null when the id is unknown or not one of ours.</summary>
    public Stream? Open(string id)
    {
        var path = Find(id);
        if (path is null)
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return null; // deleted in between
        }
    }

    /// <summary>Removes a photo; false when there was none.</summary>
    public bool Delete(string id)
    {
        var path = Find(id);
        if (path is null)
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Only ids this store makes are looked up, so an id can never walk out of the photos folder.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 22 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private string? Find(string id)
    {
        if (!IsValidId(id) || !Directory.Exists(_root))
        {
            return null;
        }

        foreach (var year in Directory.EnumerateDirectories(_root))
        {
            var path = Path.Combine(year, id + ".jpg");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
