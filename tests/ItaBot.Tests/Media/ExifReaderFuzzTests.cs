using ItaBot.Media;

namespace ItaBot.Tests.Media;

/// <summary>The EXIF reader meets hostile bytes: it must answer (usually "nothing"), never throw.</summary>
public sealed class ExifReaderFuzzTests
{
    [Fact]
    public void Read_RandomBytes_NeverThrows()
    {
        var random = new Random(4242);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 512)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length >= 2)
            {
                bytes[0] = 0xFF; // half of them look like a JPEG, so the segment walk is exercised
                bytes[1] = 0xD8;
            }

            _ = ExifReader.Read(bytes);
        }
    }

    [Fact]
    public void Read_EveryTruncationOfAPhoneJpeg_NeverThrowsAndFullFileGivesGps()
    {
        var jpeg = TestImages.PhoneJpeg(16, 16, orientation: 6, latitude: 13.75, longitude: 100.5);
        for (var length = 0; length < jpeg.Length; length++)
        {
            _ = ExifReader.Read(jpeg.AsSpan(0, length));
        }

        Assert.NotNull(ExifReader.Read(jpeg).Gps);
    }

    [Fact]
    public void Read_RandomCorruptionInsideTheExifBlock_NeverThrows()
    {
        var random = new Random(99);
        var exif = TestImages.Exif(bigEndian: false, orientation: 6, latitude: 13.75, longitude: 100.5);
        var jpeg = TestImages.Jpeg(8, 8);
        for (var i = 0; i < 5000; i++)
        {
            var mutated = (byte[])exif.Clone();
            for (var flips = random.Next(1, 8); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            var facts = ExifReader.Read(TestImages.Splice(jpeg, TestImages.Segment(0xE1, [.. "Exif\0\0"u8, .. mutated])));
            Assert.InRange(facts.Orientation, 1, 8);
            if (facts.Gps is { } gps)
            {
                Assert.InRange(gps.Latitude, -90, 90);
                Assert.InRange(gps.Longitude, -180, 180);
            }
        }
    }

    [Fact]
    public void Read_SegmentLengthPointingPastTheEnd_GivesNothing()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, .. "Exif\0\0II*\0"u8];

        Assert.Equal(ExifFacts.None, ExifReader.Read(jpeg));
    }

    [Fact]
    public void Read_GpsIfdPointingToItself_GivesNoGpsAndEnds()
    {
        // IFD0 with a single GPS pointer back to IFD0 itself: a loop a naive reader could follow forever.
        byte[] tiff = [.. "II*\0"u8, 8, 0, 0, 0, 1, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0];
        var jpeg = TestImages.Splice(TestImages.Jpeg(8, 8), TestImages.Segment(0xE1, [.. "Exif\0\0"u8, .. tiff]));

        Assert.Null(ExifReader.Read(jpeg).Gps);
    }
}
