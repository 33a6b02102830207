using ItaBot.Media;
using ItaBot.Vault;

namespace ItaBot.Whistleblowing;

/// <summary>Evidence from LINE or the web form, ready for the vault; or the Thai sentence saying why not.</summary>
internal sealed record EvidenceResult(NewAttachment? Attachment, string? ThaiRefusal);

/// <summary>
/// Photos for the protected channel: downloaded (bounded) and stripped of metadata by the Media slice for the viewing
/// copy, the untouched bytes kept as the original. Unlike a complaint photo nothing is written under photos/: both
/// copies go to the vault, encrypted.
/// </summary>
internal interface IProtectedEvidence
{
    Task<EvidenceResult> FromLineAsync(string messageId, CancellationToken cancellationToken);

    Task<EvidenceResult> FromBytesAsync(byte[] data, CancellationToken cancellationToken);
}

internal sealed class ProtectedEvidence(PhotoDownloader downloader, PhotoStripper stripper) : IProtectedEvidence
{
    public async Task<EvidenceResult> FromLineAsync(string messageId, CancellationToken cancellationToken)
    {
        var download = await downloader.DownloadAsync(messageId, cancellationToken).ConfigureAwait(false);
        return download.Data is { } data
            ? await FromBytesAsync(data, cancellationToken).ConfigureAwait(false)
            : new EvidenceResult(null, WhistleTexts.PhotoFailed);
    }

    public async Task<EvidenceResult> FromBytesAsync(byte[] data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var stripped = await stripper.StripAsync(data, cancellationToken).ConfigureAwait(false);
        if (stripped.Photo is not { } photo)
        {
            return new EvidenceResult(null, WhistleTexts.PhotoFailed);
        }

        // A neutral name: the original's file name may itself say something about the reporter.
        var name = "photo-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() + ".jpg";
        return new EvidenceResult(new NewAttachment(name, "image/jpeg", photo.Jpeg, data), null);
    }
}
