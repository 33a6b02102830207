using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace ItaBot.Tests.Media;

/// <summary>Images made in the test: drawn with SkiaSharp, with hand-made metadata spliced in as a phone would write it.</summary>
internal static class TestImages
{
    public const string Make = "FakeCamMakerXYZ";
    public const string Model = "ModelQ-Phone-77";
    public const string Artist = "Somchai Author-Signature";
    public const string XmpMarker = "xmp-creator-Somsri-Secret";
    public const string Comment = "COM-comment-private-note";

    /// <summary>Left half red, right half blue, so orientation can be seen in the result.</summary>
    public static byte[] Jpeg(int width, int height, int quality = 90) => Encode(width, height, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png, 100);

    /// <summary>
    /// A PNG that is large in pixels and small in bytes (a decompression-memory bomb under the pixel limit): left half
    /// red, right half blue, every row the same, written by hand so the test never holds the whole picture.
    /// </summary>
    public static byte[] WidePng(int width, int height)
    {
        static void Chunk(Stream output, string type, byte[] data)
        {
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            output.Write(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(data.Length)));
            output.Write(typed);
            output.Write(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Crc32(typed))));
        }

        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;   // bits per channel
        header[9] = 2;   // RGB, not interlaced
        var row = new byte[1 + width * 3];
        for (var x = 0; x < width; x++)
        {
            row[1 + x * 3 + (x < width / 2 ? 0 : 2)] = 255;
        }

        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    public static byte[] WebP(int width, int height) => Encode(width, height, SKEncodedImageFormat.Webp, 90);

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = SKColors.Red };
            using var blue = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width - (width / 2f), height, blue);
        }

        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A JPEG as a phone writes it: APP1 EXIF (camera, author, orientation, GPS), APP1 XMP, a comment.</summary>
    public static byte[] PhoneJpeg(int width, int height, int orientation, double? latitude, double? longitude, bool bigEndian = false)
    {
        var jpeg = Jpeg(width, height);
        var exif = Exif(bigEndian, orientation, latitude, longitude);
        var xmp = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>" + XmpMarker + "</dc:creator></x:xmpmeta>");
        return Splice(jpeg, Segment(0xE1, [.. "Exif\0\0"u8, .. exif]), Segment(0xE1, xmp), Segment(0xFE, Encoding.ASCII.GetBytes(Comment)));
    }

    /// <summary>Inserts segments right after SOI (FF D8).</summary>
    public static byte[] Splice(byte[] jpeg, params byte[][] segments) => [.. jpeg[..2], .. segments.SelectMany(s => s), .. jpeg[2..]];

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    /// <summary>A TIFF block: IFD0 (Make, Model, Orientation, Artist, GPS pointer) and a GPS IFD (version, tags 1–4).</summary>
    public static byte[] Exif(bool bigEndian, int orientation, double? latitude, double? longitude)
    {
        var ifd0 = new List<Entry>
        {
            Ascii(0x010F, Make),
            Ascii(0x0110, Model),
            new(0x0112, 3, 1, U16(bigEndian, (ushort)orientation)),
            Ascii(0x013B, Artist),
        };
        var gps = new List<Entry> { new(0x0000, 1, 4, [2, 3, 0, 0]) };
        if (latitude is { } lat && longitude is { } lon)
        {
            gps.Add(Ascii(0x0001, lat < 0 ? "S" : "N"));
            gps.Add(new(0x0002, 5, 3, Rationals(bigEndian, Math.Abs(lat))));
            gps.Add(Ascii(0x0003, lon < 0 ? "W" : "E"));
            gps.Add(new(0x0004, 5, 3, Rationals(bigEndian, Math.Abs(lon))));
        }

        const int ifd0Offset = 8;
        var ifd0Size = IfdSize(ifd0.Count + 1) + DataSize(ifd0);
        var gpsOffset = ifd0Offset + ifd0Size;
        ifd0.Add(new(0x8825, 4, 1, U32(bigEndian, (uint)gpsOffset)));

        var header = bigEndian ? "MM\0*"u8.ToArray() : "II*\0"u8.ToArray();
        return [.. header, .. U32(bigEndian, ifd0Offset), .. Ifd(bigEndian, ifd0, ifd0Offset), .. Ifd(bigEndian, gps, gpsOffset)];
    }

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Value);

    private static Entry Ascii(ushort tag, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text + "\0");
        return new(tag, 2, (uint)bytes.Length, bytes);
    }

    private static int IfdSize(int entries) => 2 + (12 * entries) + 4;

    private static int DataSize(List<Entry> entries) => entries.Where(e => e.Value.Length > 4).Sum(e => e.Value.Length);

    private static byte[] Ifd(bool bigEndian, List<Entry> entries, int offset)
    {
        var ifd = new List<byte>();
        var data = new List<byte>();
        var dataOffset = offset + IfdSize(entries.Count);
        ifd.AddRange(U16(bigEndian, (ushort)entries.Count));
        foreach (var entry in entries)
        {
            ifd.AddRange(U16(bigEndian, entry.Tag));
            ifd.AddRange(U16(bigEndian, entry.Type));
            ifd.AddRange(U32(bigEndian, entry.Count));
            if (entry.Value.Length <= 4)
            {
                ifd.AddRange(entry.Value);
                ifd.AddRange(new byte[4 - entry.Value.Length]);
            }
            else
            {
                ifd.AddRange(U32(bigEndian, (uint)(dataOffset + data.Count)));
                data.AddRange(entry.Value);
            }
        }

        ifd.AddRange(U32(bigEndian, 0));
        return [.. ifd, .. data];
    }

    /// <summary>Degrees, minutes, seconds as three RATIONALs (seconds to 1/10000).</summary>
    private static byte[] Rationals(bool bigEndian, double value)
    {
        var degrees = Math.Floor(value);
        var minutes = Math.Floor((value - degrees) * 60);
        var seconds = Math.Round((((value - degrees) * 60) - minutes) * 60 * 10000);
        return [.. U32(bigEndian, (uint)degrees), .. U32(bigEndian, 1), .. U32(bigEndian, (uint)minutes), .. U32(bigEndian, 1),
            .. U32(bigEndian, (uint)seconds), .. U32(bigEndian, 10000)];
    }

    private static byte[] U16(bool bigEndian, ushort value)
    {
        var bytes = new byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }

        return bytes;
    }

    private static byte[] U32(bool bigEndian, uint value)
    {
        var bytes = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }

        return bytes;
    }

    /// <summary>A real small JPEG whose frame header (SOF0) claims <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = Jpeg(16, 16);
        for (var i = 2; i + 9 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No SOF marker in the encoded JPEG.");
    }

    /// <summary>The first bytes of an MP4 as a phone records it: an ISO "ftyp" box with brand isom, then mdat noise.</summary>
    public static byte[] Mp4()
    {
        byte[] ftyp = [0, 0, 0, 0x20, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2avc1mp41"u8];
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        return [.. ftyp, 0, 0, 0x10, 0x08, .. "mdat"u8, .. noise];
    }

    /// <summary>An iPhone HEIC's opening ("ftyp" brand heic) with meaningless content after it.</summary>
    public static byte[] Heic()
    {
        byte[] ftyp = [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8];
        var noise = new byte[2048];
        new Random(8).NextBytes(noise);
        return [.. ftyp, .. noise];
    }

    /// <summary>(red, blue) share of a decoded pixel, to tell which half of the test picture ended where.</summary>
    public static SKColor PixelAt(byte[] encoded, int x, int y)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        return bitmap.GetPixel(x, y);
    }

    public static bool Contains(byte[] haystack, string ascii) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii)) >= 0;

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
