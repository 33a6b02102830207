using System.Text.Json.Nodes;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Line.Testing;
using ItaBot.Privacy;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Content;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Tests.Privacy;

/// <summary>The privacy notice (PDPA section 23): at first contact, before an intake collects personal data, and at /privacy.</summary>
public sealed class PrivacyNoticeTests : IAsyncLifetime
{
    private const string NoticeOn = "ItaBot:Privacy:NoticeAtFirstContact";

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Follow_NewFriend_GetsWelcomeThenNoticeWithLinkThenMenu_AndNotAgain()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Privacy:PublicBaseUrl"] = "https://bot.nonthong.go.th", [NoticeOn] = "true",
        });
        var chat = new LineChat(host, _line);

        var welcome = LineChat.Texts(await chat.SendAsync(Events.Follow(chat.User)));
        var again = LineChat.Texts(await chat.SayAsync("สวัสดีค่ะ"));

        Assert.Equal(3, welcome.Count);
        Assert.StartsWith("สวัสดีค่ะ", welcome[0], StringComparison.Ordinal);
        Assert.Contains("https://bot.nonthong.go.th/privacy", welcome[1], StringComparison.Ordinal);
        Assert.DoesNotContain(again, t => t.Contains("/privacy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FirstMessage_WithoutFollow_OpensWithTheNoticeBeforeTheAnswer()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?> { [NoticeOn] = "true" });

        var texts = LineChat.Texts(await new LineChat(host, _line).SayAsync("สวัสดีค่ะ"));

        Assert.Contains("http://localhost:5000/privacy", texts[0], StringComparison.Ordinal);
        Assert.True(texts.Count >= 2);
    }

    [Fact]
    public async Task NewChat_TypedComplaintRightAfterTheWelcome_SaysThePrivacySentenceOnce()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?> { [NoticeOn] = "true" });
        var chat = new LineChat(host, _line);

        await chat.SendAsync(Events.Follow(chat.User));
        await chat.SayAsync("ไฟถนนหน้าบ้านเลขที่ 12 ดับมาสามคืนแล้วค่ะ มืดมาก");   // the intake asks for photos: personal data
        await chat.SayAsync(ComplaintTexts.NoPhoto);

        var said = chat.Answers.SelectMany(LineChat.Texts).ToList();
        Assert.Contains(said, t => t.Contains("มีรูปถ่ายประกอบ", StringComparison.Ordinal));
        Assert.Single(said, t => t.Contains("/privacy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ComplaintIntake_HoursAfterFirstContact_NoticeComesBeforePhotoPlaceAndPhoneAreAsked()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            settings: new Dictionary<string, string?> { [NoticeOn] = "true" });
        var chat = new LineChat(host, _line, clock: clock);
        await chat.SendAsync(Events.Follow(chat.User));   // read hours ago: the intake says it again
        clock.Advance(TimeSpan.FromHours(2));

        List<string> said = [];
        foreach (var e in (JsonObject[])[
            Events.Postback(chat.User, "menu=complaint"),
            Events.Text(chat.User, "มีหลุมใหญ่กลางถนนหน้าวัด รถมอไซค์ล้มไปแล้วสองคัน"),
            Events.Text(chat.User, "ไม่มีรูป"),
            Events.Text(chat.User, "หน้าวัดโนนทอง"),
            Events.Postback(chat.User, ComplaintDialog.ContactPhoneData)])
        {
            said.AddRange(LineChat.Texts(await chat.SendAsync(e)));
        }

        var notice = said.FindIndex(t => t.Contains("/privacy", StringComparison.Ordinal));
        var photo = said.FindIndex(t => t.Contains("📷", StringComparison.Ordinal));
        var place = said.FindIndex(t => t.Contains(ComplaintTexts.AskLocation, StringComparison.Ordinal));
        var phone = said.FindIndex(t => t.Contains(ComplaintTexts.AskPhone, StringComparison.Ordinal));
        Assert.True(notice >= 0, "the notice was never said");
        Assert.True(photo >= notice && place > notice && phone > notice, string.Join(" | ", said));
        Assert.Single(said, t => t.Contains("/privacy", StringComparison.Ordinal));   // once per intake, not at every question
    }

    [Fact]
    public async Task ComplaintIntake_PhotosTurnedOff_NoticeComesWithThePlaceQuestion()
    {
        // With ItaBot:Complaints:MaxPhotos 0 the place is the first personal data the intake asks for.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = new ServiceHost(_line, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            settings: new Dictionary<string, string?> { [NoticeOn] = "true", ["ItaBot:Complaints:MaxPhotos"] = "0" });
        var chat = new LineChat(host, _line, clock: clock);
        await chat.SendAsync(Events.Follow(chat.User));
        clock.Advance(TimeSpan.FromHours(2));
        await chat.TapAsync("menu=complaint");
        await chat.TapAsync(ComplaintDialog.CategoryPrefix + "road");

        var place = LineChat.Text(await chat.SayAsync("มีหลุมใหญ่กลางถนนหน้าวัด รถมอไซค์ล้มไปแล้วสองคัน"));

        Assert.DoesNotContain("📷", place, StringComparison.Ordinal);
        var notice = place.IndexOf("/privacy", StringComparison.Ordinal);
        Assert.True(notice >= 0 && notice < place.IndexOf(ComplaintTexts.AskLocation, StringComparison.Ordinal), place);
    }

    [Fact]
    public async Task FirstContactNoticeOff_FirstMessageIsAnsweredWithoutIt()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?> { [NoticeOn] = "false" });

        var texts = LineChat.Texts(await new LineChat(host, _line).SayAsync("สวัสดีค่ะ"));

        Assert.DoesNotContain(texts, t => t.Contains("/privacy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivacyPage_ShowsVersionDateAndTheRetentionTheServiceApplies_WithStrictHeaders()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?> { ["ItaBot:Privacy:Retention:PhotoDays"] = "91" });
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/privacy", UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("ฉบับที่ 1.0", html, StringComparison.Ordinal);
        Assert.Contains("1 ธันวาคม 2569", html, StringComparison.Ordinal);
        var photos = ContentPackLoader.Load(TempContentPack.ShippedDirectory).Privacy!.RetentionOf("photos")!.Text;
        Assert.Contains($"<td>{photos}</td><td>91 วัน</td>", html, StringComparison.Ordinal);   // the photos row says the setting, not the pack's 365
        Assert.Contains("dpo@nonthong.go.th", html, StringComparison.Ordinal);
        Assert.Contains("ขอดูข้อมูลของฉัน", html, StringComparison.Ordinal);
        Assert.Contains(host.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("retention period for photos", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains("retention period for cases", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReportForm_LinksToThePrivacyNotice()
    {
        await using var host = new ServiceHost(_line);
        using var client = host.CreateClient();

        foreach (var path in (string[])["/report", "/report/follow-up", "/report/manual"])
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Contains("href=\"/privacy\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ShippedNotice_StatesTheSameRetentionAsTheDefaultSettings()
    {
        var notice = ContentPackLoader.Load(TempContentPack.ShippedDirectory).Privacy!;
        var applied = PrivacyExtensions.RetentionDays(new PrivacyOptions(), new StorageOptions());

        Assert.Equal(applied.Keys.Order(StringComparer.Ordinal), notice.Retention.Select(r => r.Kind).Order(StringComparer.Ordinal));
        foreach (var entry in notice.Retention)
        {
            Assert.True(applied[entry.Kind] == entry.Days, $"{entry.Kind}: the notice says {entry.Days} days, the service keeps {applied[entry.Kind]}");
            Assert.Contains(PrivacyPage.Days(entry.Days), entry.Text, StringComparison.Ordinal);   // the wording says the same period
        }
    }

    [Fact]
    public void Notice_MissingARetentionKind_IsAContentError()
    {
        using var pack = new TempContentPack();
        pack.Replace(ContentPackLoader.PrivacyFile, "  - kind: photos\n    days: 365", "  - kind: pictures\n    days: 365");

        var (loaded, errors) = ContentPackLoader.TryLoad(pack.Directory);

        Assert.Null(loaded);
        Assert.Contains(errors, e => e.Message.Contains("\"photos\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("\"pictures\"", StringComparison.Ordinal));
    }
}
