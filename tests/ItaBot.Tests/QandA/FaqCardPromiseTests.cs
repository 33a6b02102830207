using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Line.Testing;
using ItaBot.QandA;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.QandA;

/// <summary>An answer that points at a card ("ดูได้ในการ์ดนี้") or a map ("กดดูแผนที่") carries it, for every FAQ in the pack.</summary>
public sealed class FaqCardPromiseTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task EveryFaqAnswer_PromisingACardOrAMap_CarriesIt()
    {
        await using var host = new ServiceHost(_line);
        var matcher = host.Services.GetRequiredService<QaMatcher>();
        var cards = host.Services.GetServices<ICardRenderer>().ToList();
        var pack = matcher.Pack;
        var broken = new List<string>();
        var promisingCards = 0;
        foreach (var faq in pack.Faq)
        {
            var entry = matcher.Find(QaCatalog.FaqPrefix + faq.Id);
            Assert.NotNull(entry);
            var replies = QaAnswers.For(entry, pack, matcher.Find);
            var drawn = replies.Where(r => r.Card is not null && cards.Any(c => c.Render(r.Card) is not null)).Select(r => r.Card!["template"]!.GetValue<string>()).ToList();
            if (faq.Answer.Contains("การ์ด", StringComparison.Ordinal))
            {
                promisingCards++;
                var promised = faq.Template is { } t && QaAnswers.SeparateCards.Contains(t) ? t : null;
                if (promised is null ? drawn.Count == 0 : !drawn.Contains(promised))
                {
                    broken.Add($"{faq.Id}: says การ์ด, carries [{string.Join(", ", drawn)}], template {faq.Template ?? "-"}");
                }
            }

            if (faq.Answer.Contains("แผนที่", StringComparison.Ordinal) && !replies.Any(r => r.Location is not null))
            {
                broken.Add($"{faq.Id}: says แผนที่, carries no map pin");
            }
        }

        Assert.True(promisingCards >= 2, "the shipped pack has answers that point at a card");
        Assert.Empty(broken);
    }

    [Fact]
    public async Task MayorQuestion_AnswerSaysCard_ExecutivesCarouselIsSentWithIt()
    {
        await using var host = new ServiceHost(_line);
        var before = _line.Sends.Count;
        await host.PostWebhookAsync(Events.Body(Events.Text(Events.NewUserId(), "นายกเทศมนตรีชื่ออะไร")));
        await _line.WaitUntilAsync(l => l.Sends.Count > before, TimeSpan.FromSeconds(15));

        var messages = JsonNode.Parse(_line.Sends[before].MessagesJson)!.AsArray();
        Assert.Contains(messages, m => m!["altText"]?.GetValue<string>().Contains("การ์ดนี้", StringComparison.Ordinal) == true);
        var carousel = Assert.Single(messages, m => m!["contents"]?["type"]?.GetValue<string>() == "carousel");
        Assert.Contains("ประสิทธิ์", carousel!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }
}
