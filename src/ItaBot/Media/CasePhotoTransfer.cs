using ItaBot.Cases;
using ItaBot.Storage;

namespace ItaBot.Media;

/// <summary>A case referred to another agency takes its photos along: read from the one agency's store, stored anew in the other's.</summary>
internal sealed class CasePhotoTransfer(IPhotoStore photos) : ICasePhotoTransfer
{
    public async Task<CasePhoto?> CopyAsync(CasePhoto photo, string fromAgency, string toAgency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        byte[] jpeg;
        using (AgencyContext.Enter(fromAgency))
        {
            using var stream = photos.Open(photo.Id);
            if (stream is null)
            {
                return null;
            }

            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            jpeg = copy.ToArray();
        }

        using var target = AgencyContext.Enter(toAgency);
        // Already stripped when it came in: no position to keep.
        return await photos.SaveAsync(new StrippedPhoto(jpeg, photo.Width, photo.Height, null), cancellationToken).ConfigureAwait(false);
    }

    public async Task<CasePhoto?> MoveAsync(CasePhoto photo, string fromAgency, string toAgency, CancellationToken cancellationToken)
    {
        var moved = await CopyAsync(photo, fromAgency, toAgency, cancellationToken).ConfigureAwait(false);
        if (moved is not null)
        {
            using var source = AgencyContext.Enter(fromAgency);
            photos.Delete(photo.Id);
        }

        return moved;
    }
}
