using System.Net;
using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Media;
using ItaBot.Privacy;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Media;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Storage.Contracts;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItaBot.Tests.Storage;

/// <summary>
/// Two nodes (two whole services, each with a data directory of its own) on one PostgreSQL database: nothing a citizen or
/// an officer needs lives in one node's memory or on its disk (issue 18 item 2) — case and request numbers, photos, the
/// staff sign-in key ring.
/// </summary>
public sealed class PostgreSqlSharedNodesTests : PostgreSqlServiceTest
{
    [Fact]
    public async Task CreateAsync_OnTwoNodesAtOnce_EveryCaseStoredWithANumberOfItsOwn()
    {
        var settings = OneDatabase();
        await using var a = new ServiceHost(Line, settings: settings);
        await using var b = new ServiceHost(Line, settings: settings);
        var nodes = new[] { a.Services.GetRequiredService<CaseService>(), b.Services.GetRequiredService<CaseService>() };

        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            nodes[i % 2].CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.WalkIn, Description = "หลุม " + i }, "staff-1")));

        Assert.Equal(40, created.Select(c => c.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, 40), created.Select(c => c.Sequence).Order());   // nothing failed, so nothing skipped
        var store = b.Services.GetRequiredService<ICaseStore>();
        Assert.All(created, c => Assert.Equal(c.Id, store.GetByNumber(c.Number)!.Id));
    }

    [Fact]
    public async Task PrivacyRequests_OnTwoNodesAtOnce_EveryRequestNumberedOnce()
    {
        var settings = OneDatabase();
        await using var a = new ServiceHost(Line, settings: settings);
        await using var b = new ServiceHost(Line, settings: settings);
        var nodes = new[] { a.Services.GetRequiredService<PrivacyRequests>(), b.Services.GetRequiredService<PrivacyRequests>() };

        var made = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            nodes[i % 2].CreateAsync(PrivacyRequestKind.Erasure, null, "ผู้ขอ " + i, "0812345678", null, "staff-1")));

        Assert.Equal(20, made.Select(r => r.Number).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(20, b.Services.GetRequiredService<IPrivacyStore>().ListRequests(null, 100).Select(r => r.Number).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Photo_SentThroughNodeA_IsShownOnTheStaffCasePageServedByNodeB()
    {
        var settings = OneDatabase();
        await using var a = new ServiceHost(Line, settings: settings).OverLoopback();
        var chat = new LineChat(a, Line);
        await chat.TapAsync("menu=complaint");
        await chat.TapAsync(ComplaintDialog.CategoryPrefix + "street-light");
        await chat.SayAsync("ไฟถนนหน้าบ้านเลขที่ 12 ดับมา 3 คืนแล้วค่ะ");
        Line.AddContent("shared-img-1", TestImages.Jpeg(640, 480), "image/jpeg");
        Assert.Contains(ComplaintTexts.PhotoReceived(1), LineChat.Text(await chat.SendAsync(LineChat.Image(chat.User, "shared-img-1"))), StringComparison.Ordinal);
        await chat.TapAsync(ComplaintDialog.NextData);
        await chat.SendAsync(LineChat.SharedLocation(chat.User, 16.2481, 101.9052, "ซอย 3", "ซอย 3"));
        await chat.TapAsync(ComplaintDialog.ContactLineData);
        await chat.TapAsync(ComplaintDialog.SubmitData);
        var filed = Assert.Single(a.Services.GetRequiredService<ICaseStore>().ListForCitizen(chat.User, 10));
        var photo = Assert.Single(filed.Photos);
        await a.NothingLeftToSendAsync();
        Assert.False(Directory.Exists(Path.Combine(a.DataDirectory, "photos")));   // nothing of it on node A's disk

        // Node B starts once A has answered (which node takes a turn is the turn processor's business, not this test's).
        await using var b = new ServiceHost(Line, settings: settings).OverLoopback();
        var secret = StaffTotp.NewSecret();
        await StaffTestKit.AddAsync(b, "admin1", StaffRole.Admin, totpSecret: secret);
        using var officer = new StaffBrowser(b);
        Assert.Equal("/staff", (await officer.SignInAsync("admin1", totpSecret: secret)).Headers.Location?.OriginalString);
        var page = await officer.GetPageAsync("/staff/cases/" + Uri.EscapeDataString(filed.Number));
        var src = $"/staff/cases/{Uri.EscapeDataString(filed.Number)}/photos/{photo.Id}";
        Assert.Contains(src, page, StringComparison.Ordinal);

        var served = await officer.Client.GetAsync(src);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(Photos.ContentType, served.Content.Headers.ContentType?.MediaType);
        var jpeg = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(photo.Bytes, jpeg.LongLength);
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Null(ExifReader.Read(jpeg).Gps);   // the stripped copy, as on one node
        Assert.NotEqual(a.ClientOptions.BaseAddress, b.ClientOptions.BaseAddress);
    }

    [Fact]
    public async Task SignIn_OnNodeA_IsSignedInOnNodeB_WithTheSameCookie_AndTheKeyRingIsSealedInTheDatabase()
    {
        var settings = OneDatabase();
        await using var a = new ServiceHost(Line, settings: settings).OverLoopback();
        await using var b = new ServiceHost(Line, settings: settings).OverLoopback();
        await StaffTestKit.AddAsync(a, "officer1", StaffRole.CaseOfficer, "engineering");
        using var onA = new StaffBrowser(a);

        var signedIn = await onA.SignInAsync("officer1");

        Assert.Equal("/staff", signedIn.Headers.Location?.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("itabot.staff=", StringComparison.Ordinal)).Split(';')[0];
        using var onB = b.CreateBrowserClient(cookies: false);
        Assert.NotEqual(onA.Client.BaseAddress, onB.BaseAddress);   // two servers, two loopback ports
        Assert.NotEqual(80, onB.BaseAddress!.Port);
        Assert.Equal(HttpStatusCode.Redirect, (await onB.GetAsync("/staff")).StatusCode);   // no cookie, no session
        onB.DefaultRequestHeaders.Add("Cookie", cookie);
        var home = await onB.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("เจ้าหน้าที่ officer1", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The ring is in the database, each key sealed with ItaBot:Staff:KeyRingKey; neither node wrote one to disk.
        Assert.False(Directory.Exists(Path.Combine(a.DataDirectory, "keys")));
        Assert.False(Directory.Exists(Path.Combine(b.DataDirectory, "keys")));
        await using var database = NpgsqlDataSource.Create(settings["ConnectionStrings:ItaBot"]!);
        await using var command = database.CreateCommand("select xml from staff_key_ring");
        var ring = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ring.Add(reader.GetString(0));
            }
        }

        Assert.Single(ring, x => x.Contains("<key ", StringComparison.Ordinal));   // one key for both nodes
        Assert.All(ring, x => Assert.DoesNotContain("<masterKey", x, StringComparison.Ordinal));
        Assert.All(ring, x => Assert.Contains("<" + StaffKeyRing.ElementName, x, StringComparison.Ordinal));
    }
}
