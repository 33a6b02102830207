using SkiaSharp;

namespace ItaBot.Reports.Docx;

/// <summary>An image to embed (the emblem): its bytes, whether PNG (else JPEG), and its size in pixels for the aspect ratio.</summary>
internal sealed record DocxImage(byte[] Bytes, bool IsPng, int Width, int Height)
{
    /// <summary>Reads a PNG or JPEG file; null when it is neither or cannot be decoded.</summary>
    public static DocxImage? TryRead(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        return TryRead(bytes);
    }

    public static DocxImage? TryRead(byte[] bytes)
    {
        var isPng = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']);
        var isJpeg = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]);
        if (!isPng && !isJpeg)
        {
            return null;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        return codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0
            ? null
            : new DocxImage(bytes, isPng, codec.Info.Width, codec.Info.Height);
    }
}
