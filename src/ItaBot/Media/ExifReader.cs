using System.Buffers.Binary;

namespace ItaBot.Media;

/// <summary>A point on Earth in decimal degrees (WGS84, as cameras write it).</summary>
internal sealed record GeoPoint(double Latitude, double Longitude);

/// <summary>The little we want from a JPEG's EXIF: where (to suggest the location) and which way up.</summary>
internal sealed record ExifFacts(GeoPoint? Gps, int Orientation)
{
    public static readonly ExifFacts None = new(null, 1);
}

/// <summary>
/// A small, defensive EXIF reader: JPEG APP1 "Exif\0\0" → TIFF header (II/MM) → IFD0 (Orientation 0x0112, GPS IFD
/// pointer 0x8825) → GPS tags 1–4. Every offset is bounds-checked; garbage gives <see cref="ExifFacts.None"/>, never
/// an exception. Our own rather than a library's: we need two facts and must trust the parser with hostile bytes.
/// </summary>
internal static class ExifReader
{
    private const ushort TagOrientation = 0x0112;
    private const ushort TagGpsIfd = 0x8825;
    private const ushort TagGpsLatitudeRef = 1;
    private const ushort TagGpsLatitude = 2;
    private const ushort TagGpsLongitudeRef = 3;
    private const ushort TagGpsLongitude = 4;
    private const int MaxIfdEntries = 512;

    public static ExifFacts Read(ReadOnlySpan<byte> jpeg)
    {
        try
        {
            var tiff = FindExifSegment(jpeg);
            return tiff.IsEmpty ? ExifFacts.None : ReadTiff(tiff);
        }
        catch (ArgumentOutOfRangeException)
        {
            // A slice past the end that a check missed: the file is garbage, not our problem to crash on.
            return ExifFacts.None;
        }
    }

    /// <summary>The TIFF block inside the first APP1 "Exif\0\0" segment, or empty.</summary>
    private static ReadOnlySpan<byte> FindExifSegment(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return [];
        }

        var position = 2;
        while (position + 4 <= jpeg.Length)
        {
            if (jpeg[position] != 0xFF)
            {
                return [];
            }

            var marker = jpeg[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2; // markers without a length
                continue;
            }

            if (marker is 0xDA or 0xD9)
            {
                return []; // image data starts: metadata segments come before it
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(position + 2, 2));
            if (length < 2 || position + 2 + length > jpeg.Length)
            {
                return [];
            }

            var payload = jpeg.Slice(position + 4, length - 2);
            if (marker == 0xE1 && payload.Length > 6 && payload[..6].SequenceEqual("Exif\0\0"u8))
            {
                return payload[6..];
            }

            position += 2 + length;
        }

        return [];
    }

    private static ExifFacts ReadTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return ExifFacts.None;
        }

        bool little;
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
        {
            little = true;
        }
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
        {
            little = false;
        }
        else
        {
            return ExifFacts.None;
        }

        var reader = new Tiff(tiff, little);
        if (reader.U16(2) != 42)
        {
            return ExifFacts.None;
        }

        var ifd0 = reader.U32(4);
        var orientation = 1;
        uint? gpsOffset = null;
        foreach (var entry in reader.Entries(ifd0))
        {
            if (entry.Tag == TagOrientation && entry.Type == 3 && entry.Count >= 1)
            {
                var value = reader.U16(entry.ValueOffsetPosition);
                orientation = value is >= 1 and <= 8 ? value : 1;
            }
            else if (entry.Tag == TagGpsIfd && entry.Type is 4 or 13 && entry.Count == 1)
            {
                gpsOffset = reader.U32(entry.ValueOffsetPosition);
            }
        }

        return new ExifFacts(gpsOffset is { } gps ? ReadGps(reader, gps) : null, orientation);
    }

    private static GeoPoint? ReadGps(Tiff reader, uint offset)
    {
        char? latRef = null, lonRef = null;
        double? lat = null, lon = null;
        foreach (var entry in reader.Entries(offset))
        {
            switch (entry.Tag)
            {
                case TagGpsLatitudeRef when entry.Type == 2 && entry.Count >= 1:
                    latRef = (char)reader.U8(entry.ValueOffsetPosition);
                    break;
                case TagGpsLongitudeRef when entry.Type == 2 && entry.Count >= 1:
                    lonRef = (char)reader.U8(entry.ValueOffsetPosition);
                    break;
                case TagGpsLatitude when entry.Type == 5 && entry.Count == 3:
                    lat = reader.Degrees(entry.ValueOffsetPosition);
                    break;
                case TagGpsLongitude when entry.Type == 5 && entry.Count == 3:
                    lon = reader.Degrees(entry.ValueOffsetPosition);
                    break;
                default:
                    break;
            }
        }

        if (lat is not { } latitude || lon is not { } longitude || latRef is not ('N' or 'S') || lonRef is not ('E' or 'W'))
        {
            return null;
        }

        if (latRef == 'S')
        {
            latitude = -latitude;
        }

        if (lonRef == 'W')
        {
            longitude = -longitude;
        }

        // A camera without a fix writes zeros; (0, 0) is in the Gulf of Guinea, not a Thai street.
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180 || (latitude == 0 && longitude == 0))
        {
            return null;
        }

        return new GeoPoint(latitude, longitude);
    }

    private readonly record struct IfdEntry(ushort Tag, ushort Type, uint Count, int ValueOffsetPosition);

    /// <summary>Bounds-checked reads from the TIFF block; out of range reads as 0.</summary>
    private readonly ref struct Tiff(ReadOnlySpan<byte> data, bool little)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public byte U8(long at) => at >= 0 && at < _data.Length ? _data[(int)at] : (byte)0;

        public ushort U16(long at)
        {
            if (at < 0 || at + 2 > _data.Length)
            {
                return 0;
            }

            var span = _data.Slice((int)at, 2);
            return little ? BinaryPrimitives.ReadUInt16LittleEndian(span) : BinaryPrimitives.ReadUInt16BigEndian(span);
        }

        public uint U32(long at)
        {
            if (at < 0 || at + 4 > _data.Length)
            {
                return 0;
            }

            var span = _data.Slice((int)at, 4);
            return little ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
        }

        /// <summary>Three RATIONALs (degrees, minutes, seconds) at <paramref name="at"/> as decimal degrees, or null.</summary>
        public double? Degrees(long at)
        {
            if (at < 0 || at + 24 > _data.Length)
            {
                return null;
            }

            double total = 0;
            double[] scale = [1, 60, 3600];
            for (var i = 0; i < 3; i++)
            {
                var numerator = U32(at + (8 * i));
                var denominator = U32(at + (8 * i) + 4);
                if (denominator == 0)
                {
                    if (numerator == 0)
                    {
                        continue; // 0/0: some cameras write it for "no seconds"
                    }

                    return null;
                }

                total += (double)numerator / denominator / scale[i];
            }

            return double.IsFinite(total) ? total : null;
        }

        /// <summary>The entries of the IFD at <paramref name="offset"/>; a value that fits in 4 bytes sits in the entry itself.</summary>
        public List<IfdEntry> Entries(uint offset)
        {
            var entries = new List<IfdEntry>();
            if (offset < 8 || (long)offset + 2 > _data.Length)
            {
                return entries;
            }

            var count = Math.Min(U16(offset), (ushort)MaxIfdEntries);
            for (var i = 0; i < count; i++)
            {
                long at = offset + 2 + (12L * i);
                if (at + 12 > _data.Length)
                {
                    break;
                }

                var tag = U16(at);
                var type = U16(at + 2);
                var n = U32(at + 4);
                var size = TypeSize(type) * (long)n;
                // Larger values live elsewhere: the entry's last 4 bytes are then an offset into the block.
                var valuePosition = size <= 4 ? at + 8 : U32(at + 8);
                if (size > 4 && valuePosition + size > _data.Length)
                {
                    continue;
                }

                entries.Add(new IfdEntry(tag, type, n, (int)Math.Min(valuePosition, int.MaxValue)));
            }

            return entries;
        }

        private static int TypeSize(ushort type) => type switch
        {
            1 or 2 or 6 or 7 => 1,
            3 or 8 => 2,
            4 or 9 or 11 or 13 => 4,
            5 or 10 or 12 => 8,
            _ => 0,
        };
    }
}
