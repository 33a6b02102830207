using System.Globalization;
using ItaBot.Cases;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Media;

/// <summary>
/// Stripped photos on disk under <c>{DataDirectory}/photos/{yyyy}/{id}.jpg</c> (the year in Bangkok time, so a
/// retention sweep can drop whole years): the LiteDB mode, one node.
/// </summary>
internal sealed class DiskPhotoStore(IOptions<StorageOptions> storage, TimeProvider time) : IPhotoStore
{
    private readonly string _root = Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "photos");

    /// <summary>Writes a temporary file and renames it into place, so a reader never sees half a photo.</summary>
    public async Task<CasePhoto> SaveAsync(StrippedPhoto photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var id = Photos.NewId();
        var year = Photos.Year(time).ToString(CultureInfo.InvariantCulture);
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

        return new CasePhoto(id, Photos.ContentType, photo.Width, photo.Height, photo.Jpeg.LongLength);
    }

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

    private string? Find(string id)
    {
        // Only ids this store makes are looked up, so an id can never walk out of the photos folder.
        if (!Photos.IsValidId(id) || !Directory.Exists(_root))
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
}
