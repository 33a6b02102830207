using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.QandA;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.QandA;

/// <summary>Q&amp;A through the whole service: webhook in, LINE stand-in out, LiteDB records committed with the turn.</summary>
public sealed partial class QaConversationTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Question_ThePacksOwnWording_IsAnsweredWithTextCardAndAWayOnward()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();

        var answer = await SendAsync(host, Events.Text(user, "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุยังไง"));

        Assert.Contains("กองสวัสดิการสังคม", AllText(answer), StringComparison.Ordinal);
        Assert.Contains("menu=main", QuickReplyData(answer));
        Assert.InRange(QuickReplyData(answer).Count, 2, 4);
        var log = Assert.Single(LogOf(host));
        Assert.Equal(QaOutcome.Answered, log.Outcome);
        Assert.Null(log.Question);
    }

    [Fact]
    public async Task VagueQuestion_OffersThreeChoices_TappingOneAnswersIt()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();

        var offer = await SendAsync(host, Events.Text(user, "ภาษี"));
        Assert.StartsWith(QaAnswerDialog.OfferText, AllText(offer), StringComparison.Ordinal);
        var choices = QuickReplyData(offer);
        Assert.Equal(4, choices.Count);
        Assert.Equal(QaAnswerDialog.NoneData, choices[^1]);

        var answer = await SendAsync(host, Events.Postback(user, choices[0]));

        Assert.DoesNotContain(QaAnswerDialog.OfferText, AllText(answer), StringComparison.Ordinal);
        Assert.Contains("menu=main", QuickReplyData(answer));
        Assert.Equal([QaOutcome.Offered, QaOutcome.AnsweredAfterChoice], LogOf(host).Select(l => l.Outcome));
    }

    // Asked as a question: the statement "ชุมชนเราอยากได้กล้องวงจรปิด" now gets the protected channel offered first (the
    // understanding step leans to reports of corruption: a false alarm costs one tap, a miss exposes a person).
    private const string Unknown = "ชุมชนเราขอกล้องวงจรปิดได้ไหม";

    [Fact]
    public async Task UnknownMunicipalQuestion_OffersHandover_ConfirmStoresAnOpenHandover()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();

        // The municipality's business that the pack does not cover: a person answers it (out of scope gets no handover).
        var offer = await SendAsync(host, Events.Text(user, Unknown));
        Assert.Contains("ยังตอบเรื่องนี้ไม่ได้ค่ะ", AllText(offer), StringComparison.Ordinal);

        var done = await SendAsync(host, Events.Postback(user, QaAnswerDialog.HandoverYesData));

        Assert.Contains("ภายใน 1 วันทำการ", AllText(done), StringComparison.Ordinal);
        var store = host.Services.GetRequiredService<IQaStore>();
        var handover = Assert.Single(store.ListOpenHandovers());
        Assert.Equal(Unknown, handover.Question);
        Assert.Equal(user, handover.LineUserId);
        Assert.Contains(store.ListUnanswered(), e => e.Question == Unknown);

        var push = await store.AnswerHandoverAsync(handover.Id, "ยังไม่มีโครงการนี้ค่ะ", "staff1");
        Assert.Equal(user, push!.To);
        Assert.Empty(store.ListOpenHandovers());
        Assert.Null(await store.AnswerHandoverAsync(handover.Id, "อีกครั้ง", "staff1"));
    }

    [Fact]
    public async Task MenuQa_StickerWhereTextExpected_AsksAgainPolitely_ThenAnswers()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();

        Assert.Contains(QaAskDialog.Ask, AllText(await SendAsync(host, Events.Postback(user, "menu=qa"))), StringComparison.Ordinal);
        var sticker = Events.Event("message", user, null, null, null,
            ("message", new JsonObject { ["id"] = "1", ["type"] = "sticker", ["packageId"] = "446", ["stickerId"] = "1988" }));
        Assert.Contains(QaAskDialog.AskAgain, AllText(await SendAsync(host, sticker)), StringComparison.Ordinal);

        var answer = await SendAsync(host, Events.Text(user, "เทศบาลเปิดกี่โมง ปิดกี่โมง"));

        Assert.Contains("08.30", AllText(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveThousandCharacterQuestion_GetsAnAnswerWithinLineLimits()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();
        var question = "ภาษีที่ดินจ่ายที่ไหน " + string.Concat(Enumerable.Repeat("ช่วยด้วย ", 600))[..4970];

        var reply = await SendAsync(host, Events.Text(user, question));

        Assert.NotEmpty(AllText(reply));
        var stored = LogOf(host).Single();
        Assert.True(stored.Question is null || stored.Question.Length <= 1000);
    }

    [Fact]
    public async Task SameQuestionTwiceQuickly_IsAnsweredTwice_LoggedOnce()
    {
        await using var host = new ServiceHost(_line);
        var user = Events.NewUserId();

        var first = await SendAsync(host, Events.Text(user, "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุยังไง"));
        var second = await SendAsync(host, Events.Text(user, "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุยังไง"));

        Assert.Equal(AllText(first), AllText(second));
        Assert.Single(LogOf(host));
    }

    [Fact]
    public async Task EmojiOnly_GetsAFriendlyHintAndTheMenu_NotAHandover()
    {
        await using var host = new ServiceHost(_line);

        var reply = await SendAsync(host, Events.Text(Events.NewUserId(), "🙏😀😀"));

        Assert.Contains(QaAnswerDialog.PleaseType, AllText(reply), StringComparison.Ordinal);
        Assert.Contains("menu=qa", QuickReplyData(reply));
        Assert.Empty(LogOf(host));
    }

    private async Task<string> SendAsync(ServiceHost host, JsonObject e)
    {
        var before = _line.Sends.Count;
        await host.PostWebhookAsync(Events.Body(e));
        await _line.WaitUntilAsync(l => l.Sends.Count > before, TimeSpan.FromSeconds(15));
        return _line.Sends[before].MessagesJson;
    }

    private static string AllText(string messagesJson)
    {
        using var document = JsonDocument.Parse(messagesJson);
        return string.Join("\n", document.RootElement.EnumerateArray()
            .Select(m => m.TryGetProperty("text", out var t) ? t.GetString() : m.TryGetProperty("altText", out var a) ? a.GetString() : null)
            .OfType<string>());
    }

    private static List<string> QuickReplyData(string messagesJson)
    {
        using var document = JsonDocument.Parse(messagesJson);
        var last = document.RootElement[document.RootElement.GetArrayLength() - 1];
        return last.TryGetProperty("quickReply", out var quick)
            ? [.. quick.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetProperty("data").GetString()!)]
            : [];
    }

    private static IReadOnlyList<QaLogEntry> LogOf(ServiceHost host) =>
        host.Services.GetRequiredService<IQaStore>().ListLog(DateTime.MinValue, DateTime.MaxValue);
}
