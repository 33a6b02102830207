using System.Buffers.Binary;
using System.IO.Compression;

namespace ItaBot.Media;

/// <summary>
/// Reads a PNG one row at a time as premultiplied RGBA, so that a picture of many pixels and few bytes (a 6000 × 6000
/// PNG of 100 KB) never lies whole in memory; the decoder of this SkiaSharp build cannot decode a PNG by rows. Takes
/// every colour type and bit depth of non-interlaced PNGs; an interlaced one (null from <see cref="Open"/>) is left to
/// the whole-picture decode. Colour profiles are not applied (the stored copy is sRGB, as nearly every PNG is).
/// </summary>
internal sealed class PngRows : IDisposable
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly ZLibStream _inflate;
    private readonly int _colorType;
    private readonly int _bitDepth;
    private readonly int _channels;
    private readonly byte[] _palette;     // RGBA per entry
    private readonly int[]? _transparent; // colour key of gray (1 value) or RGB (3 values) pictures, in the picture's depth
    private byte[] _previous;
    private byte[] _current;

    private PngRows(byte[] png, List<(int Offset, int Length)> data, int width, int height, int bitDepth, int colorType, byte[] palette, int[]? transparent)
    {
        Width = width;
        Height = height;
        _bitDepth = bitDepth;
        _colorType = colorType;
        _channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        _palette = palette;
        _transparent = transparent;
        var stride = checked((int)(((long)width * _channels * bitDepth + 7) / 8));
        _previous = new byte[stride];
        _current = new byte[stride];
        _inflate = new ZLibStream(new ChunkStream(png, data), CompressionMode.Decompress);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The row reader, or null when this is not a PNG it reads (not a PNG, interlaced, malformed header).</summary>
    public static PngRows? Open(byte[] png)
    {
        if (!png.AsSpan().StartsWith(Signature))
        {
            return null;
        }

        int width = 0, height = 0, bitDepth = 0, colorType = -1;
        var palette = new byte[256 * 4];
        int[]? transparent = null;
        var data = new List<(int Offset, int Length)>();
        var at = Signature.Length;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (length < 0 || at + 12L + length > png.Length)
            {
                return null;
            }

            var type = png.AsSpan(at + 4, 4);
            var body = png.AsSpan(at + 8, length);
            if (type.SequenceEqual("IHDR"u8) && length >= 13)
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                bitDepth = body[8];
                colorType = body[9];
                if (body[12] != 0 || body[10] != 0 || body[11] != 0)
                {
                    return null;   // interlaced (or an unknown method): the whole-picture decode takes it
                }
            }
            else if (type.SequenceEqual("PLTE"u8))
            {
                for (var i = 0; i < Math.Min(256, length / 3); i++)
                {
                    palette[i * 4] = body[i * 3];
                    palette[i * 4 + 1] = body[i * 3 + 1];
                    palette[i * 4 + 2] = body[i * 3 + 2];
                    palette[i * 4 + 3] = 255;
                }
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                if (colorType == 3)
                {
                    for (var i = 0; i < Math.Min(256, length); i++)
                    {
                        palette[i * 4 + 3] = body[i];
                    }
                }
                else if (colorType == 0 && length >= 2)
                {
                    transparent = [BinaryPrimitives.ReadUInt16BigEndian(body)];
                }
                else if (colorType == 2 && length >= 6)
                {
                    transparent = [BinaryPrimitives.ReadUInt16BigEndian(body), BinaryPrimitives.ReadUInt16BigEndian(body[2..]), BinaryPrimitives.ReadUInt16BigEndian(body[4..])];
                }
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                data.Add((at + 8, length));
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            at += 12 + length;
        }

        var depthOk = colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => bitDepth is 8 or 16,
            _ => false,
        };
        return width > 0 && height > 0 && depthOk && data.Count > 0 ? new PngRows(png, data, width, height, bitDepth, colorType, palette, transparent) : null;
    }

    /// <summary>The next row as premultiplied RGBA (4 × <see cref="Width"/> bytes); false when the data ends early or is broken.</summary>
    public bool ReadRow(Span<byte> rgba)
    {
        (_previous, _current) = (_current, _previous);
        int filter;
        try
        {
            filter = _inflate.ReadByte();
            if (filter < 0 || _inflate.ReadAtLeast(_current, _current.Length, throwOnEndOfStream: false) != _current.Length)
            {
                return false;
            }
        }
        catch (InvalidDataException)
        {
            return false;
        }

        if (!Unfilter(filter))
        {
            return false;
        }

        for (var x = 0; x < Width; x++)
        {
            Pixel(x, rgba.Slice(x * 4, 4));
        }

        return true;
    }

    private bool Unfilter(int filter)
    {
        var unit = Math.Max(1, _channels * _bitDepth / 8);
        var row = _current;
        var up = _previous;
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (var i = unit; i < row.Length; i++)
                {
                    row[i] += row[i - unit];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += up[i];
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += (byte)(((i >= unit ? row[i - unit] : 0) + up[i]) / 2);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= unit ? row[i - unit] : 0, b = up[i], c = i >= unit ? up[i - unit] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }

                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>Sample <paramref name="index"/> of the row at the picture's depth (1, 2, 4, 8 or 16 bits).</summary>
    private int Sample(int index) => _bitDepth switch
    {
        8 => _current[index],
        16 => (_current[index * 2] << 8) | _current[index * 2 + 1],
        _ => (_current[index * _bitDepth / 8] >> (8 - _bitDepth - (index * _bitDepth % 8))) & ((1 << _bitDepth) - 1),
    };

    private byte To8(int sample) => _bitDepth switch
    {
        16 => (byte)(sample >> 8),
        8 => (byte)sample,
        _ => (byte)(sample * 255 / ((1 << _bitDepth) - 1)),
    };

    private void Pixel(int x, Span<byte> rgba)
    {
        int r, g, b, a = 255;
        switch (_colorType)
        {
            case 0:
                var gray = Sample(x);
                r = g = b = To8(gray);
                a = _transparent is [var key] && key == gray ? 0 : 255;
                break;
            case 2:
                int sr = Sample(x * 3), sg = Sample(x * 3 + 1), sb = Sample(x * 3 + 2);
                (r, g, b) = (To8(sr), To8(sg), To8(sb));
                a = _transparent is [var kr, var kg, var kb] && kr == sr && kg == sg && kb == sb ? 0 : 255;
                break;
            case 3:
                var entry = Sample(x) * 4;
                (r, g, b, a) = (_palette[entry], _palette[entry + 1], _palette[entry + 2], _palette[entry + 3]);
                break;
            case 4:
                r = g = b = To8(Sample(x * 2));
                a = To8(Sample(x * 2 + 1));
                break;
            default:
                (r, g, b, a) = (To8(Sample(x * 4)), To8(Sample(x * 4 + 1)), To8(Sample(x * 4 + 2)), To8(Sample(x * 4 + 3)));
                break;
        }

        rgba[0] = (byte)((r * a + 127) / 255);
        rgba[1] = (byte)((g * a + 127) / 255);
        rgba[2] = (byte)((b * a + 127) / 255);
        rgba[3] = (byte)a;
    }

    public void Dispose() => _inflate.Dispose();

    /// <summary>The IDAT chunks' contents read one after another, without copying them together.</summary>
    private sealed class ChunkStream(byte[] png, List<(int Offset, int Length)> chunks) : Stream
    {
        private int _chunk;
        private int _within;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_chunk < chunks.Count && _within == chunks[_chunk].Length)
            {
                _chunk++;
                _within = 0;
            }

            if (_chunk == chunks.Count || buffer.IsEmpty)
            {
                return 0;
            }

            var (offset, length) = chunks[_chunk];
            var n = Math.Min(buffer.Length, length - _within);
            png.AsSpan(offset + _within, n).CopyTo(buffer);
            _within += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
