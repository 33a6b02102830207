using ItaBot.Cases;
using Microsoft.Extensions.Options;

namespace ItaBot.Media;

/// <summary>What came of a photo a citizen sent.</summary>
internal abstract record PhotoIntakeResult;

/// <summary>Stored (stripped); <paramref name="GpsSuggestion"/> is where the camera says it was taken, only to suggest the location.</summary>
internal sealed record PhotoReceived(CasePhoto Photo, GeoPoint? GpsSuggestion) : PhotoIntakeResult;

/// <summary>Not taken; <paramref name="ThaiMessage"/> is the one sentence to tell the citizen.</summary>
internal sealed record PhotoRefused(PhotoRefusal Reason, string ThaiMessage) : PhotoIntakeResult
{
    public bool IsTransient => Reason.IsTransient();
}

/// <summary>
/// The one way in for a photo from LINE: download (bounded), inspect, strip, store. The original bytes live only in
/// memory for the length of this call.
/// </summary>
internal sealed class PhotoIntake(PhotoDownloader downloader, PhotoStripper stripper, IPhotoStore store, IOptions<MediaOptions> options,
    ILogger<PhotoIntake> logger)
{
    public async Task<PhotoIntakeResult> ReceiveAsync(string messageId, CancellationToken cancellationToken)
    {
        var download = await downloader.DownloadAsync(messageId, cancellationToken).ConfigureAwait(false);
        if (download.Data is not { } data)
        {
            return Refuse(download.Refusal ?? PhotoRefusal.Unavailable, 0);
        }

        return await ReceiveAsync(data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A photo that arrived another way (a staff upload, a web form), already read within MaxBytes.</summary>
    public async Task<PhotoIntakeResult> ReceiveAsync(byte[] data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var stripped = await stripper.StripAsync(data, cancellationToken).ConfigureAwait(false);
        if (stripped.Photo is not { } photo)
        {
            return Refuse(stripped.Refusal ?? PhotoRefusal.Corrupt, data.LongLength);
        }

        var stored = await store.SaveAsync(photo, cancellationToken).ConfigureAwait(false);
        MediaLog.PhotoStored(logger, stored.Width, stored.Height, stored.Bytes, data.LongLength, photo.Gps is not null);
        return new PhotoReceived(stored, photo.Gps);
    }

    private PhotoRefused Refuse(PhotoRefusal refusal, long bytes)
    {
        MediaLog.PhotoRefused(logger, refusal, bytes);
        return new PhotoRefused(refusal, refusal.ThaiMessage(options.Value.MaxBytes));
    }
}
