using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.Content;
using ItaBot.Line;
using ItaBot.Line.Messages;
using ItaBot.Line.Webhook;
using ItaBot.QandA;
using ItaBot.Understanding;

namespace ItaBot.Benchmarks;

/// <summary>
/// Where a free-text question turn's time and bytes go, part by part, on the shipped content pack with the questions of
/// <see cref="QandATurnBenchmarks"/>: the event's JSON parsed, the understanding step, the Q&amp;A decision (which the
/// turn makes after the understanding step), and the answer's LINE JSON.
/// </summary>
[Config(typeof(ShortConfig))]
public class TurnPartsBenchmarks
{
    // The same eight messages as the whole turn's benchmark, so the parts add up to it.
    private static readonly string[] Questions = QandATurnBenchmarks.Questions;

    private const string EventJson = "{\"type\":\"message\",\"message\":{\"type\":\"text\",\"id\":\"600000000000000001\",\"quoteToken\":\"q1\","
        + "\"text\":\"ลูกเพิ่งเกิดต้องแจ้งที่ไหนคะ\"},\"webhookEventId\":\"01TURN00000000000000000001\",\"deliveryContext\":{\"isRedelivery\":false},"
        + "\"timestamp\":1700000000000,\"source\":{\"type\":\"user\",\"userId\":\"U0123456789abcdef0123456789abcdef\"},"
        + "\"replyToken\":\"0123456789abcdef0123456789abcdef\",\"mode\":\"active\"}";

    private Understander _understander = null!;
    private QaMatcher _matcher = null!;
    private IReadOnlyList<Message> _answer = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var directory = ContentOptions.FindDefault(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("content/ not found");
        _matcher = new QaMatcher(ContentPackLoader.Load(directory), new QaOptions());
        _understander = new Understander(_matcher, IntentModel.Shipped);
        var entry = _matcher.Match(Questions[0]).Ranking.Best!.Entry;
        _answer =
        [
            new TextMessage(entry.Body) { QuickReply = new QuickReply([new QuickReplyItem(new PostbackAction("menu=main") { Label = "เมนู", DisplayText = "เมนู" })]) },
        ];
    }

    [Benchmark(Description = "event JSON parsed")]
    public object Parse() => WebhookParser.ParseEvent(EventJson);

    [Benchmark(Description = "understanding step")]
    public int Understand() => (int)_understander.Understand(Questions[_next++ % Questions.Length]).Intent;

    [Benchmark(Description = "Q&A decision")]
    public int Match() => (int)_matcher.Match(Questions[_next++ % Questions.Length]).Kind;

    [Benchmark(Description = "Thai normalisation for matching")]
    public int Normalize() => ThaiNormalizer.ForMatching(Questions[_next++ % Questions.Length]).Length;

    [Benchmark(Description = "answer serialised (LINE JSON)")]
    public int Serialize() => System.Text.Json.JsonSerializer.Serialize(_answer, LineJson.Options).Length;
}
