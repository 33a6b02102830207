using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Complaints;

/// <summary>
/// A general complaint through the whole service, as a citizen files it in LINE: webhook in, the LINE stand-in out
/// (photos downloaded from it too), the case committed to the real LiteDB file with the turn.
/// </summary>
public sealed partial class ComplaintConversationTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task FullIntake_PhotoPinConsent_FilesOneCaseWithNumberAndReceiptCard()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;

        var ask = await chat.SendAsync(Events.Postback(user, "menu=complaint"));
        Assert.Contains(ComplaintTexts.AskCategory, LineChat.Text(ask), StringComparison.Ordinal);
        Assert.Contains(ComplaintDialog.CategoryPrefix + "street-light", LineChat.QuickReplyData(ask));

        var described = await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "street-light"));
        Assert.Contains(ComplaintTexts.AskDescription, LineChat.Text(described), StringComparison.Ordinal);

        var photos = await chat.SendAsync(Events.Text(user, "ไฟถนนหน้าบ้านเลขที่ 12 ดับมา 3 คืนแล้วค่ะ มืดมาก"));
        Assert.Contains("📷", LineChat.Text(photos), StringComparison.Ordinal);
        Assert.Contains("camera", LineChat.QuickReplyTypes(photos));

        _line.AddContent("img-1", Jpeg(800, 600), "image/jpeg");
        var received = await chat.SendAsync(LineChat.Image(user, "img-1"));
        Assert.Contains(ComplaintTexts.PhotoReceived(1), LineChat.Text(received), StringComparison.Ordinal);

        var where = await chat.SendAsync(Events.Postback(user, ComplaintDialog.NextData));
        Assert.Contains("location", LineChat.QuickReplyTypes(where));

        var contact = await chat.SendAsync(LineChat.SharedLocation(user, 16.2481, 101.9052, "ซอย 3 บ้านโนนทอง", "ซอย 3 บ้านโนนทอง"));
        Assert.Contains(ComplaintTexts.AskContact, LineChat.Text(contact), StringComparison.Ordinal);

        var summary = await chat.SendAsync(Events.Postback(user, ComplaintDialog.ContactLineData));
        Assert.Contains(ComplaintTexts.SummaryTitle, LineChat.Text(summary), StringComparison.Ordinal);
        Assert.Contains("1 รูป", LineChat.Text(summary), StringComparison.Ordinal);
        Assert.Empty(Store(host).ListForCitizen(user));   // nothing is filed before the citizen confirms

        var receipt = await chat.SendAsync(Events.Postback(user, ComplaintDialog.SubmitData));

        var filed = Assert.Single(Store(host).ListForCitizen(user));
        Assert.Matches(@"^ร\d{2}-\d{5}$", filed.Number);
        Assert.Contains(filed.Number, LineChat.Text(receipt), StringComparison.Ordinal);
        Assert.Equal("street-light", filed.CategoryId);
        Assert.Equal(CaseChannel.Line, filed.Channel);
        Assert.Equal(CaseStatus.Received, filed.Status);
        Assert.Single(filed.Photos);
        Assert.Equal(16.2481, filed.Location!.Latitude);
        Assert.True(filed.ContactConsent);
        Assert.Contains("flex", LineChat.Types(receipt));
        Assert.Contains("เลขที่ " + filed.Number, LineChat.Everything(receipt), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstMessageNamesTheProblem_CategoryAndDescriptionAreTakenTogether()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        await chat.SendAsync(Events.Postback(user, "menu=complaint"));

        var next = await chat.SendAsync(Events.Text(user, "มีหลุมใหญ่กลางถนนหน้าวัด รถมอไซค์ล้มไปแล้วสองคัน"));

        Assert.Contains("📷", LineChat.Text(next), StringComparison.Ordinal);
        await chat.SendAsync(Events.Text(user, "ไม่มีรูป"));
        await chat.SendAsync(Events.Text(user, "หน้าวัดโนนทอง"));
        await chat.SendAsync(Events.Text(user, "081-234-5678"));
        await chat.SendAsync(Events.Text(user, "ยืนยัน"));

        var filed = Assert.Single(Store(host).ListForCitizen(user));
        Assert.Equal("road", filed.CategoryId);
        Assert.StartsWith("มีหลุมใหญ่กลางถนน", filed.Description, StringComparison.Ordinal);
        Assert.Equal("หน้าวัดโนนทอง", filed.Location!.Text);
        Assert.Equal("0812345678", filed.ContactPhone);
    }

    [Fact]
    public async Task CorruptionText_OffersTheProtectedChannel_AndKeepsNothingOfIt()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        const string secret = "เจ้าหน้าที่กองช่างเรียกเงินใต้โต๊ะห้าพันบาทตอนขออนุญาตสร้างบ้าน";
        await chat.SendAsync(Events.Postback(user, "menu=complaint"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "other"));

        var offer = await chat.SendAsync(Events.Text(user, secret));

        Assert.Contains(ComplaintTexts.CorruptionOffer, LineChat.Text(offer), StringComparison.Ordinal);
        Assert.Contains("menu=whistleblow", LineChat.QuickReplyData(offer));
        Assert.Empty(Store(host).ListForCitizen(user));
        var database = host.Services.GetRequiredService<MessagingStore>().Database;
        var states = database.GetCollection("conversations").FindAll().Select(d => d.ToString()).ToList();
        Assert.DoesNotContain(states, s => s.Contains("ใต้โต๊ะ", StringComparison.Ordinal));
        // The event itself is redacted in the turn's commit, as the protected channel's own turns are.
        await Wait.UntilAsync(() => !database.GetCollection(ItaBot.Webhook.LiteDb.LiteDbInboxStore.CollectionName).FindAll().Any(d => d.ToString().Contains("ใต้โต๊ะ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "inbox event redacted");

        var retype = await chat.SendAsync(Events.Postback(user, ComplaintDialog.GeneralData));
        Assert.Contains(ComplaintTexts.RetypeDescription, LineChat.Text(retype), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideoAndBrokenImage_AreRefusedPolitely_TheFlowGoesOn()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        await chat.SendAsync(Events.Postback(user, "menu=complaint"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "garbage"));
        await chat.SendAsync(Events.Text(user, "ขยะล้นถังหน้าตลาดมาหลายวันแล้วค่ะ"));

        var video = await chat.SendAsync(Events.Event("message", user, null, null, null,
            ("message", new JsonObject { ["id"] = "vid-1", ["type"] = "video", ["duration"] = 1000, ["contentProvider"] = new JsonObject { ["type"] = "line" } })));
        Assert.Contains(ComplaintTexts.PhotosOnly, LineChat.Text(video), StringComparison.Ordinal);

        _line.AddContent("bad-1", Encoding.UTF8.GetBytes("<html>not a photo</html>"), "image/jpeg");
        var broken = await chat.SendAsync(LineChat.Image(user, "bad-1"));
        Assert.Contains("ขออภัยค่ะ", LineChat.Text(broken), StringComparison.Ordinal);

        var next = await chat.SendAsync(Events.Postback(user, ComplaintDialog.NextData));
        Assert.Contains("ส่งตำแหน่ง", LineChat.Text(next), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinFarOutsideTheAgency_IsQuestioned_NewPinAccepted()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        await chat.SendAsync(Events.Postback(user, "menu=complaint"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "road"));
        await chat.SendAsync(Events.Text(user, "ถนนแตกเป็นหลุมลึก"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.NextData));

        var far = await chat.SendAsync(LineChat.SharedLocation(user, 13.7563, 100.5018, "กรุงเทพฯ", "กรุงเทพฯ"));
        Assert.Contains("อาจอยู่นอกเขต", LineChat.Text(far), StringComparison.Ordinal);

        var again = await chat.SendAsync(Events.Postback(user, ComplaintDialog.FarNoData));
        Assert.Contains("ส่งตำแหน่ง", LineChat.Text(again), StringComparison.Ordinal);
        var contact = await chat.SendAsync(LineChat.SharedLocation(user, 16.2481, 101.9052, "บ้านโนนทอง", "บ้านโนนทอง"));
        Assert.Contains(ComplaintTexts.AskContact, LineChat.Text(contact), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_EditTheDescription_ReturnsToTheSummary_FilesTheCorrection()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        await chat.SendAsync(Events.Postback(user, "menu=complaint"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "stray-animals"));
        await chat.SendAsync(Events.Text(user, "หมาจรจัดเห่ากลางคืน"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.NextData));
        await chat.SendAsync(Events.Text(user, "ตลาดสด"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.ContactNoneData));

        await chat.SendAsync(Events.Postback(user, ComplaintDialog.EditData));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.EditPrefix + "description"));
        var summary = await chat.SendAsync(Events.Text(user, "หมาจรจัดฝูงใหญ่ไล่กัดเด็กนักเรียน"));

        Assert.Contains(ComplaintTexts.SummaryTitle, LineChat.Text(summary), StringComparison.Ordinal);
        Assert.Contains("ไล่กัดเด็กนักเรียน", LineChat.Text(summary), StringComparison.Ordinal);
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.SubmitData));
        var filed = Assert.Single(Store(host).ListForCitizen(user));
        Assert.Equal("หมาจรจัดฝูงใหญ่ไล่กัดเด็กนักเรียน", filed.Description);
        Assert.False(filed.ContactConsent);
    }

    [Fact]
    public async Task FiveThousandCharactersWithEmojiAndZeroWidth_AreFiledWhole_SummaryFitsLine()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        var text = string.Concat(Enumerable.Repeat("น้ำท่วม\u200Bขัง🙏", 500))[..5000];
        await chat.SendAsync(Events.Postback(user, "menu=complaint"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "flood-drain"));
        await chat.SendAsync(Events.Text(user, text));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.NextData));
        await chat.SendAsync(Events.Text(user, "ซอย 5"));
        var summary = await chat.SendAsync(Events.Postback(user, ComplaintDialog.ContactLineData));
        Assert.True(LineChat.Text(summary).Length < 1000);

        var receipt = await chat.SendAsync(Events.Postback(user, ComplaintDialog.SubmitData));

        var filed = Assert.Single(Store(host).ListForCitizen(user));
        Assert.Equal(text.Replace("\u200B", "", StringComparison.Ordinal), filed.Description);
        Assert.Contains("flex", LineChat.Types(receipt));
    }

    [Fact]
    public async Task MyCases_ListsOnlyMine_ViewShowsStatusAndStaffAnswer_NotInternalNotes()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        var store = Store(host);
        var mine = await store.CreateAsync(new NewCase { CategoryId = "garbage", Channel = CaseChannel.Line, Description = "ขยะล้น", CitizenLineUserId = user }, CaseService.CitizenActor);
        await store.CreateAsync(new NewCase { CategoryId = "road", Channel = CaseChannel.Line, Description = "ถนนพัง", CitizenLineUserId = Events.NewUserId() }, CaseService.CitizenActor);
        var noted = await store.AddInternalNoteAsync(mine.Id, mine.Version, "ผู้แจ้งเป็นญาติ ส.ท. (ภายใน)", "staff-1");
        await store.AnswerCitizenAsync(mine.Id, noted.Case!.Version, "จะเข้าเก็บภายในวันพรุ่งนี้ค่ะ", "staff-1");

        var list = await chat.SendAsync(Events.Text(user, "เรื่องของฉัน"));
        Assert.Contains(mine.Number, LineChat.Text(list), StringComparison.Ordinal);
        Assert.DoesNotContain("ถนนพัง", LineChat.Everything(list), StringComparison.Ordinal);

        var view = await chat.SendAsync(Events.Postback(user, CaseCards.ViewPrefix + mine.Id));
        Assert.Contains("จะเข้าเก็บภายในวันพรุ่งนี้ค่ะ", LineChat.Everything(view), StringComparison.Ordinal);
        Assert.DoesNotContain("ภายใน)", LineChat.Everything(view), StringComparison.Ordinal);

        var stranger = await chat.SendAsync(Events.Postback(Events.NewUserId(), CaseCards.ViewPrefix + mine.Id));
        Assert.Contains(ComplaintTexts.CaseNotFound, LineChat.Text(stranger), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosedCase_StarTap_RecordsTheScore_ThenTheComment_OnlyOnce()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        var store = Store(host);
        var created = await store.CreateAsync(new NewCase { CategoryId = "street-light", Channel = CaseChannel.Line, Description = "ไฟดับ", CitizenLineUserId = user }, CaseService.CitizenActor);
        var working = await store.ChangeStatusAsync(created.Id, created.Version, CaseStatus.InProgress, "staff-1", null);
        await store.ChangeStatusAsync(created.Id, working.Case!.Version, CaseStatus.Completed, "staff-1", "เปลี่ยนหลอดแล้ว");

        var thanks = await chat.SendAsync(Events.Postback(user, ComplaintsFeature.RateData(created.Id, 4)));
        Assert.Contains(ComplaintTexts.RateThanks(4), LineChat.Text(thanks), StringComparison.Ordinal);
        Assert.Equal(4, store.Get(created.Id)!.Rating!.Score);

        await chat.SendAsync(Events.Text(user, "เจ้าหน้าที่มาเร็วมาก ขอบคุณค่ะ"));
        Assert.Equal("เจ้าหน้าที่มาเร็วมาก ขอบคุณค่ะ", store.Get(created.Id)!.Rating!.Comment);

        var again = await chat.SendAsync(Events.Postback(user, ComplaintsFeature.RateData(created.Id, 1)));
        Assert.Contains(ComplaintTexts.RateAlready, LineChat.Text(again), StringComparison.Ordinal);
        Assert.Equal(4, store.Get(created.Id)!.Rating!.Score);
    }

    [Fact]
    public async Task FollowUp_OnAnOpenCase_IsAddedToItsTimeline()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        var store = Store(host);
        var created = await store.CreateAsync(new NewCase { CategoryId = "nuisance", Channel = CaseChannel.Line, Description = "เสียงดังทุกคืน", CitizenLineUserId = user }, CaseService.CitizenActor);

        var ask = await chat.SendAsync(Events.Postback(user, CaseCards.FollowUpPrefix + created.Id));
        Assert.Contains(ComplaintTexts.AskFollowUp, LineChat.Text(ask), StringComparison.Ordinal);
        var done = await chat.SendAsync(Events.Text(user, "เมื่อคืนดังถึงตีสามค่ะ"));

        Assert.Contains(ComplaintTexts.FollowUpSent, LineChat.Text(done), StringComparison.Ordinal);
        var entry = store.Get(created.Id)!.Timeline[^1];
        Assert.Equal(CaseEventKind.CitizenFollowUp, entry.Kind);
        Assert.Equal("เมื่อคืนดังถึงตีสามค่ะ", entry.Note);
    }

    [Fact]
    public async Task CancelMidFlow_FilesNothing_AndSaysSo()
    {
        await using var host = new ServiceHost(_line);
        var chat = new LineChat(host, _line);
        var user = chat.User;
        await chat.SendAsync(Events.Postback(user, "menu=complaint"));
        await chat.SendAsync(Events.Postback(user, ComplaintDialog.CategoryPrefix + "garbage"));

        var cancelled = await chat.SendAsync(Events.Text(user, "ยกเลิก"));

        Assert.Contains("ยกเลิก", LineChat.Text(cancelled), StringComparison.Ordinal);
        Assert.Empty(Store(host).ListForCitizen(user));
    }

    private static CaseService Store(ServiceHost host) => host.Services.GetRequiredService<CaseService>();

    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 80, 140));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }
}
