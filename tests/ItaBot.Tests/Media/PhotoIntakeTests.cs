using ItaBot.Line.Testing;
using ItaBot.Media;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Media;

/// <summary>The whole path over real HTTP: the LINE stand-in serves what a citizen sent; the service downloads and stores it.</summary>
public sealed class PhotoIntakeTests : IAsyncLifetime
{
    private LineStandIn _line = null!;
    private ServiceHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _line = await LineStandIn.StartAsync(Token);
        _host = new ServiceHost(_line, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Media:MaxBytes"] = "524288",
            ["ItaBot:Media:NotReadyRetries"] = "2",
            ["ItaBot:Media:NotReadyDelay"] = "00:00:00.050",
        });
    }

    private PhotoIntake Intake => _host.Services.GetRequiredService<PhotoIntake>();

    private IPhotoStore Store => _host.Services.GetRequiredService<IPhotoStore>();

    [Fact]
    public async Task ReceiveAsync_PhoneJpeg_StoredStrippedUnderPhotosYearWithGpsSuggestion()
    {
        _line.AddContent("m-1", TestImages.PhoneJpeg(120, 90, orientation: 6, latitude: 14.3532, longitude: 100.5689), "image/jpeg");

        var result = await Intake.ReceiveAsync("m-1", Token);

        var received = Assert.IsType<PhotoReceived>(result);
        Assert.Equal(("image/jpeg", 90, 120), (received.Photo.ContentType, received.Photo.Width, received.Photo.Height));
        Assert.Equal(14.3532, received.GpsSuggestion!.Latitude, 5);
        Assert.Equal(100.5689, received.GpsSuggestion.Longitude, 5);
        Assert.True(Photos.IsValidId(received.Photo.Id));
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_host.DataDirectory, "photos"), "*", SearchOption.AllDirectories));
        Assert.Equal(received.Photo.Id + ".jpg", Path.GetFileName(file));
        Assert.Matches("^[0-9]{4}$", Path.GetFileName(Path.GetDirectoryName(file)));
        var stored = await File.ReadAllBytesAsync(file, Token);
        Assert.Equal(received.Photo.Bytes, stored.LongLength);
        Assert.False(TestImages.Contains(stored, TestImages.Make));
        Assert.False(TestImages.Contains(stored, "Exif"));
        Assert.DoesNotContain(_host.Logs, l => l.Contains("m-1", StringComparison.Ordinal) && l.Contains("Media", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiveAsync_NotReadyTwiceThenReady_WaitsAndSucceeds()
    {
        _line.AddContent("m-202", TestImages.Jpeg(40, 40), "image/jpeg", notReadyFor: 2);

        var result = await Intake.ReceiveAsync("m-202", Token);

        Assert.IsType<PhotoReceived>(result);
    }

    [Fact]
    public async Task ReceiveAsync_NeverReady_RefusedAsNotReadyAndTransient()
    {
        _line.AddContent("m-slow", TestImages.Jpeg(40, 40), "image/jpeg", notReadyFor: 100);

        var result = await Intake.ReceiveAsync("m-slow", Token);

        var refused = Assert.IsType<PhotoRefused>(result);
        Assert.Equal(PhotoRefusal.NotReady, refused.Reason);
        Assert.True(refused.IsTransient);
    }

    [Fact]
    public async Task ReceiveAsync_ContentGone410_RefusedAsGone()
    {
        _line.ExpireContent("m-410");

        var result = await Intake.ReceiveAsync("m-410", Token);

        var refused = Assert.IsType<PhotoRefused>(result);
        Assert.Equal(PhotoRefusal.Gone, refused.Reason);
        Assert.False(refused.IsTransient);
        Assert.Contains("ส่งรูปอีกครั้ง", refused.ThaiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveAsync_UnknownMessage404_RefusedAsGone()
    {
        var result = await Intake.ReceiveAsync("m-unknown", Token);

        Assert.Equal(PhotoRefusal.Gone, Assert.IsType<PhotoRefused>(result).Reason);
    }

    [Fact]
    public async Task ReceiveAsync_LineOutage5xx_RefusedAsUnavailableAndTransient()
    {
        _line.AddContent("m-503", TestImages.Jpeg(40, 40), "image/jpeg");
        _line.FailNext(10, 503);

        var result = await Intake.ReceiveAsync("m-503", Token);

        var refused = Assert.IsType<PhotoRefused>(result);
        Assert.Equal(PhotoRefusal.Unavailable, refused.Reason);
        Assert.True(refused.IsTransient);
        Assert.True(_line.Counts.InjectedFailures >= 2); // the LINE client retried before giving up
    }

    [Fact]
    public async Task ReceiveAsync_LongerThanMaxBytes_RefusedAsTooLargeAndNothingStored()
    {
        var huge = new byte[3 * 1024 * 1024];
        new Random(5).NextBytes(huge);
        huge[0] = 0xFF;
        huge[1] = 0xD8;
        huge[2] = 0xFF;
        _line.AddContent("m-huge", huge, "image/jpeg");

        var result = await Intake.ReceiveAsync("m-huge", Token);

        var refused = Assert.IsType<PhotoRefused>(result);
        Assert.Equal(PhotoRefusal.TooLarge, refused.Reason);
        Assert.Equal("ขออภัยค่ะ รูปมีขนาดเกิน 0.5 MB กรุณาส่งรูปที่เล็กลงค่ะ", refused.ThaiMessage);
        Assert.False(Directory.Exists(Path.Combine(_host.DataDirectory, "photos")));
    }

    [Fact]
    public async Task ReceiveAsync_VideoBytes_RefusedAsVideoInThai()
    {
        _line.AddContent("m-video", TestImages.Mp4(), "video/mp4");

        var result = await Intake.ReceiveAsync("m-video", Token);

        var refused = Assert.IsType<PhotoRefused>(result);
        Assert.Equal(PhotoRefusal.Video, refused.Reason);
        Assert.Contains("วิดีโอ", refused.ThaiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveAsync_TextFileCalledImage_RefusedAsNotAnImage()
    {
        _line.AddContent("m-text", "hello, not a picture"u8.ToArray(), "image/jpeg");

        var result = await Intake.ReceiveAsync("m-text", Token);

        var refused = Assert.IsType<PhotoRefused>(result);
        Assert.Equal(PhotoRefusal.NotAnImage, refused.Reason);
        Assert.StartsWith("ขออภัยค่ะ รับได้เฉพาะไฟล์รูปภาพ (JPEG/PNG)", refused.ThaiMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreOpenAndDelete_StoredPhoto_ReadableUntilDeleted()
    {
        _line.AddContent("m-del", TestImages.Png(50, 50), "image/png");
        var photo = Assert.IsType<PhotoReceived>(await Intake.ReceiveAsync("m-del", Token)).Photo;

        await using (var stream = Store.Open(photo.Id))
        {
            Assert.NotNull(stream);
            Assert.Equal(photo.Bytes, stream.Length);
        }

        Assert.True(Store.Delete(photo.Id));
        Assert.Null(Store.Open(photo.Id));
        Assert.False(Store.Delete(photo.Id));
    }

    [Theory]
    [InlineData("../../messaging")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA/")]
    public void Open_IdThatIsNotOurs_Null(string id) => Assert.Null(Store.Open(id));

    [Fact]
    public async Task Serve_StoredPhoto_JpegWithNoStoreAndNosniff()
    {
        _line.AddContent("m-serve", TestImages.Jpeg(20, 20), "image/jpeg");
        var photo = Assert.IsType<PhotoReceived>(await Intake.ReceiveAsync("m-serve", Token)).Photo;
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        var body = new MemoryStream();
        context.Response.Body = body;

        await PhotoResults.Serve(Store, photo.Id).ExecuteAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("image/jpeg", context.Response.ContentType);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions.ToString());
        Assert.Equal(photo.Bytes, body.Length);
    }

    [Fact]
    public async Task Serve_UnknownPhoto_NotFound()
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };

        await PhotoResults.Serve(Store, "AAAAAAAAAAAAAAAAAAAAAA").ExecuteAsync(context);

        Assert.Equal(404, context.Response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _line.DisposeAsync();
    }
}
