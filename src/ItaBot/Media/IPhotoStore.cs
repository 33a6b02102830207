using System.Buffers.Text;
using System.Security.Cryptography;
using ItaBot.Cases;

namespace ItaBot.Media;

/// <summary>
/// Where stripped photos live: on disk beside the LiteDB files (<see cref="DiskPhotoStore"/>), or in PostgreSQL so that
/// every node serves every photo. Only the stripped copy is kept: for general complaints the original, with its
/// metadata, is never written anywhere. Ids are 128 random bits, URL-safe (<see cref="Photos.NewId"/>), so a URL cannot
/// be guessed.
/// </summary>
internal interface IPhotoStore
{
    /// <summary>Stores the photo whole (a reader never sees half of one) under a new id.</summary>
    Task<CasePhoto> SaveAsync(StrippedPhoto photo, CancellationToken cancellationToken);

    /// <summary>The stored JPEG for reading, or null when the id is unknown or not one of ours.</summary>
    Stream? Open(string id);

    /// <summary>Removes a photo (retention, erasure); false when there was none.</summary>
    bool Delete(string id);
}

/// <summary>What every photo store shares: the type served, the ids, the year a photo is filed under.</summary>
internal static class Photos
{
    public const string ContentType = "image/jpeg";

    /// <summary>Only ids a photo store makes are looked up.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 22 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The year (Bangkok time) a new photo is kept under, so a retention sweep can drop whole years.</summary>
    public static int Year(TimeProvider time) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), WorkingCalendar.Bangkok).Year;
}
