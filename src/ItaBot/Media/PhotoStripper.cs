using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ItaBot.Media;

/// <summary>A photo made safe to keep and show: upright, at most MaxEdge pixels, JPEG with no metadata at all.</summary>
internal sealed record StrippedPhoto(byte[] Jpeg, int Width, int Height, GeoPoint? Gps);

/// <summary>Either a stripped photo or the reason there is none.</summary>
internal sealed record StripResult(StrippedPhoto? Photo, PhotoRefusal? Refusal)
{
    public static StripResult Refused(PhotoRefusal refusal) => new(null, refusal);
}

/// <summary>
/// Inspects and strips a photo: the real type from its bytes, the dimensions from the header before any decoding
/// (decompression bombs are refused there), then decode, apply the EXIF orientation, downscale and re-encode.
/// Re-encoding from pixels is what strips: EXIF (GPS, camera, author), XMP, IPTC, ICC and comments never reach the
/// output. Also used by the vault for its viewing copies.
/// </summary>
internal sealed class PhotoStripper(IOptions<MediaOptions> options) : IDisposable
{
    private readonly MediaOptions _options = options.Value;
    private readonly SemaphoreSlim _decodes = new(options.Value.MaxConcurrentDecodes, options.Value.MaxConcurrentDecodes);
    private long _largestDecodeBytes;

    /// <summary>The largest bitmap any decode has held so far, in bytes (tests and benchmarks read it).</summary>
    internal long LargestDecodeBytes => Interlocked.Read(ref _largestDecodeBytes);

    public async Task<StripResult> StripAsync(byte[] data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var refusal = Inspect(data);
        if (refusal is not null)
        {
            return StripResult.Refused(refusal.Value);
        }

        await _decodes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Strip(data);
        }
        finally
        {
            _decodes.Release();
        }
    }

    /// <summary>The checks that need no decoding: size and type by the bytes.</summary>
    private PhotoRefusal? Inspect(byte[] data)
    {
        if (data.LongLength > _options.MaxBytes)
        {
            return PhotoRefusal.TooLarge;
        }

        return ImageSniffer.Sniff(data) switch
        {
            SniffedKind.Jpeg or SniffedKind.Png or SniffedKind.WebP or SniffedKind.Heic or SniffedKind.Avif => null,
            SniffedKind.Gif or SniffedKind.Bmp or SniffedKind.Tiff => PhotoRefusal.UnsupportedImage,
            SniffedKind.Video => PhotoRefusal.Video,
            _ => PhotoRefusal.NotAnImage,
        };
    }

    private StripResult Strip(byte[] data)
    {
        var kind = ImageSniffer.Sniff(data);
        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded);
        if (codec is null)
        {
            // HEIC and AVIF are taken only where this SkiaSharp build decodes them.
            return StripResult.Refused(kind is SniffedKind.Heic or SniffedKind.Avif ? PhotoRefusal.UnsupportedImage : PhotoRefusal.Corrupt);
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return StripResult.Refused(PhotoRefusal.Corrupt);
        }

        if ((long)info.Width * info.Height > _options.MaxPixels)
        {
            return StripResult.Refused(PhotoRefusal.TooManyPixels);
        }

        var facts = kind == SniffedKind.Jpeg ? ExifReader.Read(data) : ExifFacts.None;
        var origin = codec.EncodedOrigin != SKEncodedOrigin.TopLeft ? codec.EncodedOrigin : (SKEncodedOrigin)facts.Orientation;

        using var pixels = Decode(codec, info, data);
        if (pixels is null)
        {
            return StripResult.Refused(PhotoRefusal.Corrupt);
        }

        var jpeg = Render(pixels, origin, out var width, out var height);
        return jpeg is null ? StripResult.Refused(PhotoRefusal.Corrupt) : new StripResult(new StrippedPhoto(jpeg, width, height, facts.Gps), null);
    }

    /// <summary>
    /// Decodes to sRGB, never much larger than the stored copy: a JPEG or WebP much larger than needed is decoded at a
    /// smaller scale by its codec; a PNG (a 6000 × 6000 PNG of 100 KB took 144 MB whole, 340 MB with the rest) row by
    /// row into the stored size, so memory is that of the stored copy, not of the picture.
    /// </summary>
    private SKBitmap? Decode(SKCodec codec, SKImageInfo info, byte[] data)
    {
        var longest = Math.Max(info.Width, info.Height);
        var size = info.Size;
        if (longest > _options.MaxEdge)
        {
            var scaled = codec.GetScaledDimensions((float)_options.MaxEdge / longest);
            if (Math.Max(scaled.Width, scaled.Height) >= _options.MaxEdge && scaled.Width > 0 && scaled.Height > 0)
            {
                size = scaled;
            }

            if (Math.Max(size.Width, size.Height) > _options.MaxEdge && DecodeByRows(data, info) is { } reduced)
            {
                return reduced;
            }
        }

        using var srgb = SKColorSpace.CreateSrgb();
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul, srgb);
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(target))
        {
            bitmap.Dispose();
            return null;
        }

        Record(bitmap);

        // Incomplete input (a truncated file) is refused rather than kept with a grey lower half.
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }

        return bitmap;
    }

    /// <summary>
    /// Decodes a PNG one row at a time and averages each block of source pixels into one pixel of a picture that fits
    /// MaxEdge (premultiplied, so averaging is right for transparent pixels too). Null when the rows cannot be read so
    /// (not a PNG, or interlaced): the whole-picture decode takes it.
    /// </summary>
    private SKBitmap? DecodeByRows(byte[] data, SKImageInfo info)
    {
        using var rows = PngRows.Open(data);
        if (rows is null || rows.Width != info.Width || rows.Height != info.Height)
        {
            return null;
        }

        var scale = (double)_options.MaxEdge / Math.Max(info.Width, info.Height);
        var width = Math.Max(1, (int)Math.Round(info.Width * scale));
        var height = Math.Max(1, (int)Math.Round(info.Height * scale));
        using var srgb = SKColorSpace.CreateSrgb();
        var bitmap = new SKBitmap();
        if (!bitmap.TryAllocPixels(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul, srgb)))
        {
            bitmap.Dispose();
            return null;
        }

        Record(bitmap);
        var line = new byte[info.Width * 4];
        var sums = new long[width * 4];
        var output = new byte[width * 4];
        var counts = new int[width];
        var column = new int[info.Width];
        for (var x = 0; x < info.Width; x++)
        {
            column[x] = Math.Min(width - 1, (int)((long)x * width / info.Width));
        }

        var targetRow = 0;
        for (var y = 0; y < info.Height; y++)
        {
            if (!rows.ReadRow(line))
            {
                bitmap.Dispose();
                return null;   // a truncated file is refused, as in the whole-picture decode
            }

            for (var x = 0; x < info.Width; x++)
            {
                var t = column[x] * 4;
                sums[t] += line[x * 4];
                sums[t + 1] += line[x * 4 + 1];
                sums[t + 2] += line[x * 4 + 2];
                sums[t + 3] += line[x * 4 + 3];
                counts[column[x]]++;
            }

            var next = Math.Min(height - 1, (int)((long)(y + 1) * height / info.Height));
            if (next != targetRow || y == info.Height - 1)
            {
                for (var t = 0; t < width; t++)
                {
                    var n = Math.Max(1, counts[t]);
                    for (var c = 0; c < 4; c++)
                    {
                        output[t * 4 + c] = (byte)((sums[t * 4 + c] + n / 2) / n);
                    }
                }

                System.Runtime.InteropServices.Marshal.Copy(output, 0, bitmap.GetPixels() + targetRow * bitmap.RowBytes, output.Length);
                Array.Clear(sums);
                Array.Clear(counts);
                targetRow = next;
            }
        }

        return bitmap;
    }

    private void Record(SKBitmap bitmap)
    {
        long size = bitmap.ByteCount;
        long seen;
        while (size > (seen = Interlocked.Read(ref _largestDecodeBytes)) && Interlocked.CompareExchange(ref _largestDecodeBytes, size, seen) != seen)
        {
        }
    }

    /// <summary>Upright, scaled to fit MaxEdge, on white (for transparent PNGs), encoded without a colour profile.</summary>
    private byte[]? Render(SKBitmap source, SKEncodedOrigin origin, out int width, out int height)
    {
        var w = source.Width;
        var h = source.Height;
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var uprightWidth = swaps ? h : w;
        var uprightHeight = swaps ? w : h;
        var scale = Math.Min(1.0, (double)_options.MaxEdge / Math.Max(uprightWidth, uprightHeight));
        width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        height = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        // No colour space on the output: pixels are sRGB already, and an untagged image makes the encoder write no ICC.
        using var output = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(output))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
            canvas.Concat(Orientation(origin, w, h));
            using var image = SKImage.FromBitmap(source);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        using var pixmap = output.PeekPixels();
        using var jpeg = pixmap?.Encode(new SKJpegEncoderOptions(_options.JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore));
        return jpeg?.ToArray();
    }

    /// <summary>Maps the stored pixels (w × h) onto the upright picture, per EXIF orientation 1–8.</summary>
    internal static SKMatrix Orientation(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),      // 2: mirrored
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),  // 3: upside down
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),    // 4: flipped
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),        // 5: transposed
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),      // 6: turn 90° clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),  // 7: transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),    // 8: turn 90° anticlockwise
        _ => SKMatrix.Identity,
    };

    public void Dispose() => _decodes.Dispose();
}
