namespace ItaBot.Media;

/// <summary>What a file really is, by its first bytes (never by the name or the Content-Type it came with).</summary>
internal enum SniffedKind
{
    Empty,
    Unknown,
    Jpeg,
    Png,
    WebP,
    Heic,
    Avif,
    Gif,
    Bmp,
    Tiff,
    Pdf,
    Video,
}

internal static class ImageSniffer
{
    public static SniffedKind Sniff(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return SniffedKind.Empty;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return SniffedKind.Jpeg;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return SniffedKind.Png;
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8))
        {
            var form = data.Slice(8, 4);
            return form.SequenceEqual("WEBP"u8) ? SniffedKind.WebP : form.SequenceEqual("AVI "u8) ? SniffedKind.Video : SniffedKind.Unknown;
        }

        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return Brand(data.Slice(8, 4));
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return SniffedKind.Video; // Matroska / WebM
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return SniffedKind.Gif;
        }

        if (data.StartsWith("BM"u8))
        {
            return SniffedKind.Bmp;
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return SniffedKind.Tiff;
        }

        return data.StartsWith("%PDF"u8) ? SniffedKind.Pdf : SniffedKind.Unknown;
    }

    /// <summary>ISO base media files: HEIF/AVIF stills, or else a video (mp4, mov, 3gp…).</summary>
    private static SniffedKind Brand(ReadOnlySpan<byte> brand)
    {
        ReadOnlySpan<string> heic = ["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1"];
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            chars[i] = (char)brand[i];
        }

        foreach (var candidate in heic)
        {
            if (chars.SequenceEqual(candidate))
            {
                return SniffedKind.Heic;
            }
        }

        return chars.SequenceEqual("avif") || chars.SequenceEqual("avis") ? SniffedKind.Avif : SniffedKind.Video;
    }
}
