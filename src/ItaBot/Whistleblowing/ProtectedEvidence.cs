using System.Security.Cryptography;
using ItaBot.Media;
using ItaBot.Vault;
using Microsoft.Extensions.Options;

namespace ItaBot.Whistleblowing;

/// <summary>Evidence from LINE or the web form, ready for the vault; or the Thai sentence saying why not.</summary>
internal sealed record EvidenceResult(NewAttachment? Attachment, string? ThaiRefusal)
{
    /// <summary>A photo (a stripped viewing copy exists) rather than a document (original only).</summary>
    public bool IsPhoto => Attachment is { } a && a.ContentType.StartsWith("image/", StringComparison.Ordinal);
}

/// <summary>
/// Evidence for the protected channel. Photos are downloaded (bounded) and stripped of metadata by the Media slice for
/// the viewing copy, the untouched bytes kept as the original. Documents (PDF, Word, Excel, PowerPoint, OpenDocument)
/// are recognised by their first bytes, never by the name or type the sender claims; their viewing copy has the document
/// properties removed (<see cref="DocumentStripper"/>), the original is downloaded only through an audited call. Unlike a complaint photo nothing is written under photos/: every
/// copy goes to the vault, encrypted.
/// </summary>
internal interface IProtectedEvidence
{
    Task<EvidenceResult> FromLineAsync(string messageId, CancellationToken cancellationToken);

    Task<EvidenceResult> FromBytesAsync(byte[] data, CancellationToken cancellationToken);
}

/// <summary>Files posted with a web form (the reporter's form and the officers' entry), judged one by one.</summary>
internal static class EvidenceForms
{
    /// <summary>
    /// Every non-empty file as an attachment, or the Thai reason the first bad one was refused (nothing is kept then). A file
    /// over <paramref name="maxBytes"/> is refused before it is read into memory.
    /// </summary>
    public static async Task<(List<NewAttachment> Attachments, string? Error)> ReadAsync(
        IProtectedEvidence evidence, IFormFileCollection files, int maxBytes, CancellationToken cancellationToken)
    {
        var attachments = new List<NewAttachment>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            if (file.Length > maxBytes)
            {
                return ([], WhistleTexts.FileTooLarge(maxBytes));
            }

            using var stream = new MemoryStream();
            await file.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            var received = await evidence.FromBytesAsync(stream.ToArray(), cancellationToken).ConfigureAwait(false);
            if (received.Attachment is null)
            {
                return ([], received.ThaiRefusal ?? WhistleTexts.FileRefused);
            }

            attachments.Add(received.Attachment);
        }

        return (attachments, null);
    }
}

internal sealed class ProtectedEvidence(PhotoDownloader downloader, PhotoStripper stripper, IOptions<WhistleblowingOptions> options) : IProtectedEvidence
{
    public async Task<EvidenceResult> FromLineAsync(string messageId, CancellationToken cancellationToken)
    {
        var download = await downloader.DownloadAsync(messageId, cancellationToken).ConfigureAwait(false);
        return download.Data is { } data
            ? await FromBytesAsync(data, cancellationToken).ConfigureAwait(false)
            : new EvidenceResult(null, download.Refusal == PhotoRefusal.TooLarge ? WhistleTexts.FileTooLarge(options.Value.MaxFileBytes) : WhistleTexts.PhotoFailed);
    }

    public async Task<EvidenceResult> FromBytesAsync(byte[] data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length > options.Value.MaxFileBytes)
        {
            return new EvidenceResult(null, WhistleTexts.FileTooLarge(options.Value.MaxFileBytes));
        }

        if (EvidenceSniffer.Sniff(data) is not { } type)
        {
            return new EvidenceResult(null, WhistleTexts.FileRefused);
        }

        // A neutral name: the sender's file name may itself say something about the reporter.
        var name = (type.IsImage ? "photo-" : "document-") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + type.Extension;
        if (!type.IsImage)
        {
            // Officers read a copy without the author, producer and other properties; the original stays behind an audited download.
            var viewing = DocumentStripper.Strip(data, type) is { } clean && clean.Length <= options.Value.MaxFileBytes ? clean : [];
            return new EvidenceResult(new NewAttachment(name, type.ContentType, viewing, data), null);
        }

        var stripped = await stripper.StripAsync(data, cancellationToken).ConfigureAwait(false);
        return stripped.Photo is { } photo
            ? new EvidenceResult(new NewAttachment(Path.ChangeExtension(name, ".jpg"), "image/jpeg", photo.Jpeg, data), null)
            : new EvidenceResult(null, WhistleTexts.PhotoFailed);
    }
}

/// <summary>What a file is, from its first bytes.</summary>
internal sealed record EvidenceType(string ContentType, string Extension, bool IsImage);

/// <summary>
/// Recognises evidence files by their magic bytes: JPEG, PNG, WebP (photos); PDF; Office Open XML and OpenDocument
/// (ZIP with the parts that name the kind); legacy Word and Excel (OLE compound files with their main stream). Anything
/// else (programs, scripts, HTML, SVG, plain archives) is refused.
/// </summary>
internal static class EvidenceSniffer
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static EvidenceType? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(Jpeg))
        {
            return new("image/jpeg", ".jpg", true);
        }

        if (data.StartsWith(Png))
        {
            return new("image/png", ".png", true);
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return new("image/webp", ".webp", true);
        }

        if (data.StartsWith(Pdf))
        {
            return new("application/pdf", ".pdf", false);
        }

        if (data.StartsWith(Zip))
        {
            // OpenDocument stores its type uncompressed as the first entry; Office Open XML names its main part.
            if (data.IndexOf("mimetypeapplication/vnd.oasis.opendocument.text"u8) >= 0)
            {
                return new("application/vnd.oasis.opendocument.text", ".odt", false);
            }

            if (data.IndexOf("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"u8) >= 0)
            {
                return new("application/vnd.oasis.opendocument.spreadsheet", ".ods", false);
            }

            if (data.IndexOf("[Content_Types].xml"u8) >= 0)
            {
                if (data.IndexOf("word/"u8) >= 0)
                {
                    return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", false);
                }

                if (data.IndexOf("xl/"u8) >= 0)
                {
                    return new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", false);
                }

                if (data.IndexOf("ppt/"u8) >= 0)
                {
                    return new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", false);
                }
            }

            return null;
        }

        if (data.StartsWith(Ole))
        {
            // The directory names the main stream in UTF-16.
            if (data.IndexOf("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0"u8) >= 0)
            {
                return new("application/msword", ".doc", false);
            }

            if (data.IndexOf("W\0o\0r\0k\0b\0o\0o\0k\0"u8) >= 0)
            {
                return new("application/vnd.ms-excel", ".xls", false);
            }

            if (data.IndexOf("P\0o\0w\0e\0r\0P\0o\0i\0n\0t\0 \0D\0o\0c\0u\0m\0e\0n\0t\0"u8) >= 0)
            {
                return new("application/vnd.ms-powerpoint", ".ppt", false);
            }
        }

        return null;
    }
}
