using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Flex;
using ItaBot.Information;
using ItaBot.Line;
using ItaBot.Line.Webhook;
using ItaBot.LineChannel;
using ItaBot.QandA;
using ItaBot.Storage;
using ItaBot.Webhook;
using LiteDB;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Benchmarks;

/// <summary>
/// The plumbing of a per-turn benchmark, webhook in to reply out, excluding LINE and HTTP: verify the signature of a
/// one-event body, split it, append it to the inbox (real LiteDB file, group commit), run the service's
/// <see cref="ITurnHandler"/> (dialog engine, features, Flex rendering, state), serialise the answer and commit it with
/// the turn's writes, as TurnProcessor does. The services come from the same composition as Program.cs; no hosted
/// service runs (so no turn processor competes and nothing calls LINE). Per-turn percentiles are printed at the end.
/// </summary>
public abstract class TurnBench
{
    protected const string Secret = "bench-channel-secret";

    private string _directory = "";
    private WebApplication _app = null!;
    private ITurnHandler _handler = null!;
    private IInboxStore _inbox = null!;
    private IOutboxStore _outbox = null!;
    private byte[] _secret = [];
    private readonly List<long> _ticks = new(1 << 20);
    private long _nextEvent;

    protected IServiceProvider Services => _app.Services;

    /// <summary>The features beyond storage, content, LINE, webhook and conversations.</summary>
    protected abstract void AddFeatures(WebApplicationBuilder builder);

    protected void SetUpService()
    {
        _directory = Directory.CreateTempSubdirectory("itabot-turn-bench-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ItaBot:Storage:DataDirectory"] = _directory;
        builder.Configuration["ItaBot:Line:ChannelSecret"] = Secret;
        builder.Configuration["ItaBot:Line:ChannelAccessToken"] = "bench-token";
        builder.Configuration["ItaBot:Line:ApiBaseUrl"] = "http://127.0.0.1:9";
        builder.Configuration["ItaBot:Line:DataApiBaseUrl"] = "http://127.0.0.1:9";
        builder.Configuration["ItaBot:Content:Watch"] = "false";
        builder.AddStorage();
        builder.AddContentPack();
        builder.AddLinePlatform();
        builder.AddWebhook();
        builder.AddConversations();
        AddFeatures(builder);
        _app = builder.Build();
        _handler = _app.Services.GetRequiredService<ITurnHandler>();
        _inbox = _app.Services.GetRequiredService<IInboxStore>();
        _outbox = _app.Services.GetRequiredService<IOutboxStore>();
        _secret = Encoding.UTF8.GetBytes(Secret);
    }

    protected async Task TearDownServiceAsync(string what)
    {
        if (_ticks.Count > 0)
        {
            _ticks.Sort();
            double Ms(double q) => _ticks[(int)Math.Min(_ticks.Count - 1, q * _ticks.Count)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {what} per turn over {_ticks.Count} turns: p50 {Ms(0.5):0.000} ms, p90 {Ms(0.9):0.000} ms, p99 {Ms(0.99):0.000} ms"));
        }

        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One turn for <paramref name="eventJson"/> (one webhook event object), timed; returns the messages sent.</summary>
    protected async Task<int> TurnAsync(string eventJson)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var body = Encoding.UTF8.GetBytes("{\"destination\":\"Ubench0000000000000000000000000000\",\"events\":[" + eventJson + "]}");
        var signature = WebhookSignature.Compute(body, Secret);
        if (!WebhookSignature.IsValid(body, signature, _secret))
        {
            throw new InvalidOperationException("signature");
        }

        var envelope = WebhookEnvelope.Split(body);
        var entry = (await _inbox.AppendAsync(envelope.Destination, envelope.Events))[0];
        var outcome = await _handler.HandleAsync(entry, CancellationToken.None);
        OutboxEntry? answer = outcome.Messages.Count == 0 ? null : new OutboxEntry
        {
            Id = ObjectId.NewObjectId().ToString(),
            EventId = entry.Id,
            LaneKey = entry.LaneKey,
            To = entry.ConversationId,
            ReplyToken = entry.ReplyToken,
            EventTimestamp = entry.Timestamp,
            MessagesJson = System.Text.Json.JsonSerializer.Serialize(outcome.Messages, LineJson.Options),
            RetryKey = Guid.NewGuid(),
            State = OutboxState.Pending,
            CreatedAt = TimeProvider.System.GetUtcNow().UtcDateTime,
        };
        await _outbox.CompleteTurnAsync(entry.Id, answer, outcome.Writes);
        _ticks.Add(System.Diagnostics.Stopwatch.GetTimestamp() - started);
        return outcome.Messages.Count;
    }

    /// <summary>A webhook event from <paramref name="user"/> with a fresh id, reply token and timestamp.</summary>
    protected string Event(string user, string messageOrPostback)
    {
        var n = Interlocked.Increment(ref _nextEvent);
        return messageOrPostback
            + "\"webhookEventId\":\"01TURN" + n.ToString("D20", CultureInfo.InvariantCulture) + "\","
            + "\"deliveryContext\":{\"isRedelivery\":false},\"timestamp\":" + (1_700_000_000_000 + n).ToString(CultureInfo.InvariantCulture) + ","
            + "\"source\":{\"type\":\"user\",\"userId\":\"" + user + "\"},"
            + "\"replyToken\":\"" + n.ToString("x32", CultureInfo.InvariantCulture) + "\",\"mode\":\"active\"}";
    }

    protected static string Text(string text, long id) =>
        "{\"type\":\"message\",\"message\":{\"type\":\"text\",\"id\":\"" + (600_000_000_000_000 + id).ToString(CultureInfo.InvariantCulture)
        + "\",\"quoteToken\":\"q" + id.ToString(CultureInfo.InvariantCulture) + "\",\"text\":\"" + text + "\"},";

    protected static string Postback(string data) => "{\"type\":\"postback\",\"postback\":{\"data\":\"" + data + "\"},";
}

/// <summary>Per-turn processing of a free-text question (issue 3: p50 under 10 ms); see <see cref="TurnBench"/>.</summary>
[Config(typeof(ShortConfig))]
[MedianColumn]
public class QandATurnBenchmarks : TurnBench
{
    private const int Users = 200;

    private static readonly string[] Questions =
    [
        "ลูกเพิ่งเกิดต้องแจ้งที่ไหนคะ",
        "จ่ายภาษีบ้านได้ที่ไหน",
        "ไฟทางหน้าบ้านไม่ติด",
        "เงินคนแก่ได้กี่บาท",
        "ขอเบอร์ติดต่อเทศบาลหน่อยค่ะ",
        "ราคาน้ำมันพรุ่งนี้",
        "รถขยะมาวันไหนบ้าง",
        "เปิดร้านกาแฟต้องขอใบอนุญาติไหมคะ",
    ];

    private int _next;

    [GlobalSetup]
    public void Setup() => SetUpService();

    [GlobalCleanup]
    public Task Cleanup() => TearDownServiceAsync("free-text question");

    protected override void AddFeatures(WebApplicationBuilder builder)
    {
        builder.AddQandA();
        builder.AddFlexTemplates();
        builder.AddInformation();
    }

    [Benchmark(Description = "one free-text question turn (signature, inbox, dialogs + Q&A, answer committed)")]
    public Task<int> Turn()
    {
        var index = Interlocked.Increment(ref _next);
        var user = "U" + (index % Users).ToString("x32", CultureInfo.InvariantCulture);
        return TurnAsync(Event(user, Text(Questions[index % Questions.Length], index)));
    }
}
