using ItaBot.Media;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ItaBot.Tests.Media;

public sealed class PhotoStripperTests : IDisposable
{
    private readonly PhotoStripper _stripper = new(Options.Create(new MediaOptions()));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Strip_PhoneJpegWithExifXmpAndComment_OutputCarriesNoneOfItButGpsIsExtracted()
    {
        var original = TestImages.PhoneJpeg(64, 48, orientation: 1, latitude: 13.756331, longitude: 100.501765);
        Assert.True(TestImages.Contains(original, TestImages.Make)); // the test image really carries what must go
        Assert.True(TestImages.Contains(original, TestImages.Artist));

        var result = await _stripper.StripAsync(original, Token);

        var photo = Assert.IsType<StrippedPhoto>(result.Photo);
        foreach (var secret in new[] { "Exif", TestImages.Make, TestImages.Model, TestImages.Artist, TestImages.XmpMarker, TestImages.Comment, "ICC_PROFILE", "http://ns.adobe.com" })
        {
            Assert.False(TestImages.Contains(photo.Jpeg, secret), $"output still contains {secret}");
        }

        Assert.False(TestImages.Contains(photo.Jpeg, [0xFF, 0xE1]), "output has an APP1 segment");
        Assert.False(TestImages.Contains(photo.Jpeg, [0xFF, 0xE2]), "output has an APP2 (ICC) segment");
        Assert.False(TestImages.Contains(photo.Jpeg, [0xFF, 0xFE]), "output has a comment segment");
        Assert.Equal(ExifFacts.None, ExifReader.Read(photo.Jpeg));
        Assert.Equal((64, 48), (photo.Width, photo.Height));
        var gps = Assert.IsType<GeoPoint>(photo.Gps);
        Assert.Equal(13.756331, gps.Latitude, 5);
        Assert.Equal(100.501765, gps.Longitude, 5);
    }

    [Theory]
    [InlineData(13.756331, 100.501765, false)]   // Bangkok: N, E
    [InlineData(-33.868820, 151.209296, true)]   // Sydney: S, E (big-endian TIFF)
    [InlineData(-22.906847, -43.172897, false)]  // Rio de Janeiro: S, W
    [InlineData(40.712776, -74.005974, true)]    // New York: N, W (big-endian TIFF)
    public void Read_GpsInEachHemisphere_SignsFollowTheRefs(double latitude, double longitude, bool bigEndian)
    {
        var jpeg = TestImages.PhoneJpeg(16, 16, orientation: 1, latitude, longitude, bigEndian);

        var facts = ExifReader.Read(jpeg);

        var gps = Assert.IsType<GeoPoint>(facts.Gps);
        Assert.Equal(latitude, gps.Latitude, 5);
        Assert.Equal(longitude, gps.Longitude, 5);
    }

    [Fact]
    public void Read_OrientationWithoutGps_OrientationAndNoGps()
    {
        var facts = ExifReader.Read(TestImages.PhoneJpeg(16, 16, orientation: 6, latitude: null, longitude: null, bigEndian: true));

        Assert.Equal(6, facts.Orientation);
        Assert.Null(facts.Gps);
    }

    [Fact]
    public async Task Strip_Orientation6_TurnsThePictureClockwise()
    {
        // Stored 80 × 40, left red and right blue; orientation 6 means "turn 90° clockwise to view": red ends on top.
        var result = await _stripper.StripAsync(TestImages.PhoneJpeg(80, 40, orientation: 6, latitude: null, longitude: null), Token);

        var photo = Assert.IsType<StrippedPhoto>(result.Photo);
        Assert.Equal((40, 80), (photo.Width, photo.Height));
        AssertRed(TestImages.PixelAt(photo.Jpeg, 20, 10));
        AssertBlue(TestImages.PixelAt(photo.Jpeg, 20, 70));
    }

    [Fact]
    public async Task Strip_Orientation8_TurnsThePictureAnticlockwise()
    {
        var result = await _stripper.StripAsync(TestImages.PhoneJpeg(80, 40, orientation: 8, latitude: null, longitude: null), Token);

        var photo = Assert.IsType<StrippedPhoto>(result.Photo);
        Assert.Equal((40, 80), (photo.Width, photo.Height));
        AssertBlue(TestImages.PixelAt(photo.Jpeg, 20, 10));
        AssertRed(TestImages.PixelAt(photo.Jpeg, 20, 70));
    }

    [Fact]
    public async Task Strip_Orientation3_TurnsThePictureUpsideDown()
    {
        var result = await _stripper.StripAsync(TestImages.PhoneJpeg(80, 40, orientation: 3, latitude: null, longitude: null), Token);

        var photo = Assert.IsType<StrippedPhoto>(result.Photo);
        Assert.Equal((80, 40), (photo.Width, photo.Height));
        AssertBlue(TestImages.PixelAt(photo.Jpeg, 10, 20));
        AssertRed(TestImages.PixelAt(photo.Jpeg, 70, 20));
    }

    [Fact]
    public async Task Strip_LargePhoto_DownscaledToMaxEdgeKeepingAspect()
    {
        var result = await _stripper.StripAsync(TestImages.Jpeg(4000, 1000), Token);

        var photo = Assert.IsType<StrippedPhoto>(result.Photo);
        Assert.Equal((2048, 512), (photo.Width, photo.Height));
        using var decoded = SKBitmap.Decode(photo.Jpeg);
        Assert.Equal((2048, 512), (decoded.Width, decoded.Height));
    }

    [Fact]
    public async Task Strip_6000By6000PngOfAFewKilobytes_DecodedIntoTheStoredSizeNotWhole()
    {
        var png = TestImages.WidePng(6000, 6000);

        var result = await _stripper.StripAsync(png, Token);

        var photo = Assert.IsType<StrippedPhoto>(result.Photo);
        Assert.Equal((2048, 2048), (photo.Width, photo.Height));
        // Decoded whole, the picture alone took 6000 × 6000 × 4 = 144 MB; now no bitmap is larger than the stored copy.
        Assert.InRange(_stripper.LargestDecodeBytes, 1, 2048L * 2048 * 4);
        using var stored = SKBitmap.Decode(photo.Jpeg);
        Assert.True(stored.GetPixel(500, 1000).Red > 200 && stored.GetPixel(500, 1000).Blue < 50, "left half stays red");
        Assert.True(stored.GetPixel(1500, 1000).Blue > 200 && stored.GetPixel(1500, 1000).Red < 50, "right half stays blue");
    }

    [Fact]
    public async Task Strip_Png_AcceptedAsJpeg()
    {
        var result = await _stripper.StripAsync(TestImages.Png(30, 20), Token);

        var photo = Assert.IsType<StrippedPhoto>(result.Photo);
        Assert.Equal(SniffedKind.Jpeg, ImageSniffer.Sniff(photo.Jpeg));
        Assert.Equal((30, 20), (photo.Width, photo.Height));
        AssertRed(TestImages.PixelAt(photo.Jpeg, 3, 10));
    }

    [Fact]
    public async Task Strip_WebP_Accepted()
    {
        var result = await _stripper.StripAsync(TestImages.WebP(30, 20), Token);

        Assert.IsType<StrippedPhoto>(result.Photo);
    }

    [Theory]
    [InlineData("zero-byte", nameof(PhotoRefusal.NotAnImage))]
    [InlineData("text", nameof(PhotoRefusal.NotAnImage))]
    [InlineData("pdf", nameof(PhotoRefusal.NotAnImage))]
    [InlineData("mp4", nameof(PhotoRefusal.Video))]
    [InlineData("webm", nameof(PhotoRefusal.Video))]
    [InlineData("heic", nameof(PhotoRefusal.UnsupportedImage))]
    [InlineData("gif", nameof(PhotoRefusal.UnsupportedImage))]
    [InlineData("truncated-jpeg", nameof(PhotoRefusal.Corrupt))]
    [InlineData("jpeg-header-then-garbage", nameof(PhotoRefusal.Corrupt))]
    [InlineData("truncated-png", nameof(PhotoRefusal.Corrupt))]
    public async Task Strip_BadFile_RefusedWithTypedReason(string file, string expected)
    {
        var result = await _stripper.StripAsync(Bad(file), Token);

        Assert.Null(result.Photo);
        Assert.Equal(Enum.Parse<PhotoRefusal>(expected), result.Refusal);
    }

    [Fact]
    public async Task Strip_HeaderClaiming50Megapixels_RefusedBeforeDecoding()
    {
        // A 16 × 16 JPEG whose header says 10000 × 5000: decoding it would fail (Corrupt); refusing by the header does not.
        var result = await _stripper.StripAsync(TestImages.JpegClaiming(10000, 5000), Token);

        Assert.Equal(PhotoRefusal.TooManyPixels, result.Refusal);
    }

    [Theory]
    [InlineData(1000, 1000, false)]
    [InlineData(1001, 1000, true)]
    public async Task Strip_HeaderAtAndJustOverMaxPixels_OnlyTheLargerRefused(int width, int height, bool refused)
    {
        using var stripper = new PhotoStripper(Options.Create(new MediaOptions { MaxPixels = 1_000_000 }));

        var result = await stripper.StripAsync(TestImages.JpegClaiming(width, height), Token);

        Assert.Equal(refused, result.Refusal == PhotoRefusal.TooManyPixels);
    }

    [Fact]
    public async Task Strip_MoreBytesThanMaxBytes_RefusedAsTooLarge()
    {
        using var small = new PhotoStripper(Options.Create(new MediaOptions { MaxBytes = 2048 }));

        var jpeg = TestImages.Jpeg(1000, 1000);
        Assert.True(jpeg.Length > 2048);

        var result = await small.StripAsync(jpeg, Token);

        Assert.Equal(PhotoRefusal.TooLarge, result.Refusal);
    }

    [Fact]
    public async Task Strip_RandomBytesBehindImageSignatures_NeverThrows()
    {
        var random = new Random(20261127);
        byte[][] signatures = [[0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [.. "RIFF\0\0\0\0WEBP"u8], [0, 0, 0, 0x18, .. "ftypheic"u8]];
        for (var i = 0; i < 200; i++)
        {
            var noise = new byte[random.Next(0, 600)];
            random.NextBytes(noise);
            var result = await _stripper.StripAsync([.. signatures[i % signatures.Length], .. noise], Token);
            Assert.NotNull(result.Refusal);
        }
    }

    private static byte[] Bad(string file)
    {
        var jpeg = TestImages.Jpeg(64, 64);
        var png = TestImages.Png(64, 64);
        var garbage = new byte[3000];
        new Random(3).NextBytes(garbage);
        return file switch
        {
            "zero-byte" => [],
            "text" => "สวัสดีค่ะ นี่ไม่ใช่รูป this is not a photo"u8.ToArray(),
            "pdf" => "%PDF-1.7\n1 0 obj << >> endobj\n"u8.ToArray(),
            "mp4" => TestImages.Mp4(),
            "webm" => [0x1A, 0x45, 0xDF, 0xA3, .. garbage],
            "heic" => TestImages.Heic(),
            "gif" => [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, .. garbage[..20]],
            "truncated-jpeg" => jpeg[..(jpeg.Length * 2 / 3)],
            "jpeg-header-then-garbage" => [0xFF, 0xD8, 0xFF, 0xE0, .. garbage],
            "truncated-png" => png[..(png.Length / 2)],
            _ => throw new ArgumentOutOfRangeException(nameof(file)),
        };
    }

    private static void AssertRed(SKColor color) => Assert.True(color.Red > 200 && color.Blue < 60, $"expected red, got {color}");

    private static void AssertBlue(SKColor color) => Assert.True(color.Blue > 200 && color.Red < 60, $"expected blue, got {color}");

    public void Dispose() => _stripper.Dispose();
}
