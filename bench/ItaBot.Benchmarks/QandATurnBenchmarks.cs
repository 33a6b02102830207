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
using ItaBot.Understanding;
using ItaBot.Webhook;
using LiteDB;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Benchmarks;

/// <summary>
/// The plumbing of a per-turn benchmark, webhook in to reply out: verify the signature of a one-event body, split it,
/// append it to the inbox (real LiteDB file, group commit), run the service's <see cref="ITurnHandler"/> (dialog engine,
/// features, Flex rendering, state), serialise the answer and commit it with the turn's writes, as TurnProcessor does;
/// with <see cref="ReplyToLine"/>, the answer is then sent by the service's <see cref="OutboxSender"/> over real HTTP to
/// a <see cref="LineSink"/> and its send recorded. The services come from the same composition as Program.cs; no hosted
/// service runs (so no turn processor competes). Per-turn percentiles are printed at the end.
/// </summary>
public abstract class TurnBench
{
    protected const string Secret = "bench-channel-secret";

    private string _directory = "";
    private WebApplication _app = null!;
    private ITurnHandler _handler = null!;
    private IInboxStore _inbox = null!;
    private IOutboxStore _outbox = null!;
    private OutboxSender _sender = null!;
    private LineSink? _line;
    private byte[] _secret = [];
    private readonly List<long> _ticks = new(1 << 20);

    // ITABOT_BENCH_PHASES=1: bytes allocated per phase of a turn (all threads: the turns run one at a time), printed at the end.
    private static readonly bool MeasurePhases = Environment.GetEnvironmentVariable("ITABOT_BENCH_PHASES") == "1";
    private static readonly string[] PhaseNames = ["signature + split", "inbox append (commit)", "turn handler (dialogs, understanding, Q&A, state, render)", "answer JSON", "turn commit", "reply + send recorded"];
    private readonly long[] _phaseBytes = new long[PhaseNames.Length];

    // ITABOT_BENCH_ROUNDTRIPS=1: Npgsql commands per phase (an ActivityListener on Npgsql's source; each command or
    // batch is one round trip, a commit is one more that it does not see). Its activities allocate: a run of its own.
    private static readonly bool CountRoundTrips = Environment.GetEnvironmentVariable("ITABOT_BENCH_ROUNDTRIPS") == "1";
    private readonly long[] _phaseCommands = new long[PhaseNames.Length];
    private static long s_commands;
    private System.Diagnostics.ActivityListener? _commandListener;
    private long _phaseTurns;

    // ITABOT_BENCH_WRITES=1: what each turn reads and writes in the store (LiteDB: every engine call, StoreTally;
    // PostgreSQL: the tables' statistics, see PostgreSqlTurnBenchmarks), printed at the end. A run of its own.
    protected static readonly bool CountWrites = Environment.GetEnvironmentVariable("ITABOT_BENCH_WRITES") == "1";
    private StoreTally? _tally;
    private long _allTurns;

    // With ITABOT_BENCH_PHASES=1 also the process's CPU time per turn (every thread: the turns run one at a time and
    // nothing else runs between them while measuring; the load of the machine inflates it less than the wall clock).
    private TimeSpan _cpu;

    // ITABOT_BENCH_ALLOCATION_TYPES=1: the runtime's allocation samples summed by type, printed at the end.
    private AllocationTypes? _types;
    private long _nextEvent;

    protected IServiceProvider Services => _app.Services;

    /// <summary>Whether a turn sends its answer to LINE (a <see cref="LineSink"/>) and records the send, as the service does.</summary>
    protected virtual bool ReplyToLine => false;

    /// <summary>The features beyond storage, content, LINE, webhook and conversations.</summary>
    protected abstract void AddFeatures(WebApplicationBuilder builder);

    /// <summary>Settings of the store before it is added (LiteDB in the temp directory unless overridden).</summary>
    protected virtual void ConfigureStorage(WebApplicationBuilder builder)
    {
    }

    /// <summary>With ITABOT_BENCH_WRITES=1, once the service is built and before any turn (a provider's own counts start here).</summary>
    protected virtual void TallyStarts()
    {
        _tally?.Reset();       // the store is open (its schema made): counting starts with the first turn
    }

    /// <summary>With ITABOT_BENCH_WRITES=1, before the service is disposed: print a provider's own counts over <paramref name="turns"/>.</summary>
    protected virtual void TallyEnds(string what, long turns)
    {
    }

    /// <summary>Runs after the service is disposed (a benchmark that made a database drops it here).</summary>
    protected virtual void StorageDisposed()
    {
    }

    protected void SetUpService()
    {
        _directory = Directory.CreateTempSubdirectory("itabot-turn-bench-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ItaBot:Storage:DataDirectory"] = _directory;
        builder.Configuration["ItaBot:Line:ChannelSecret"] = Secret;
        builder.Configuration["ItaBot:Line:ChannelAccessToken"] = "bench-token";
        _line = ReplyToLine ? new LineSink() : null;
        builder.Configuration["ItaBot:Line:ApiBaseUrl"] = _line?.BaseUrl ?? "http://127.0.0.1:9";
        builder.Configuration["ItaBot:Line:DataApiBaseUrl"] = "http://127.0.0.1:9";
        builder.Configuration["ItaBot:Content:Watch"] = "false";
        ConfigureStorage(builder);
        if (CountWrites)
        {
            _tally = new StoreTally();
            builder.Services.AddSingleton(new ItaBot.Storage.LiteDb.LiteEngineTap(engine => new TallyEngine(engine, _tally)));
        }

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
        _sender = _app.Services.GetRequiredService<OutboxSender>();
        _secret = Encoding.UTF8.GetBytes(Secret);
        if (CountWrites)
        {
            TallyStarts();
        }

        _types = Environment.GetEnvironmentVariable("ITABOT_BENCH_ALLOCATION_TYPES") == "1" ? new AllocationTypes() : null;
        if (CountRoundTrips)
        {
            _commandListener = new System.Diagnostics.ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
                ActivityStopped = _ => Interlocked.Increment(ref s_commands),
            };
            System.Diagnostics.ActivitySource.AddActivityListener(_commandListener);
        }
    }

    protected async Task TearDownServiceAsync(string what)
    {
        if (_ticks.Count > 0)
        {
            _ticks.Sort();
            double Ms(double q) => _ticks[(int)Math.Min(_ticks.Count - 1, q * _ticks.Count)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// {what} per turn over {_ticks.Count} turns: p50 {Ms(0.5):0.000} ms, p90 {Ms(0.9):0.000} ms, p99 {Ms(0.99):0.000} ms"));
            if (_phaseTurns > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}, CPU (all threads): {_cpu.TotalMilliseconds / _phaseTurns:0.000} ms per turn"));
            }

            for (var i = 0; i < PhaseNames.Length && _phaseTurns > 0; i++)
            {
                var commands = CountRoundTrips ? string.Create(CultureInfo.InvariantCulture, $", {(double)_phaseCommands[i] / _phaseTurns:0.00} Npgsql commands per turn") : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {what}, {PhaseNames[i]}: {_phaseBytes[i] / _phaseTurns:N0} B per turn{commands}"));
            }
        }

        if (CountWrites)
        {
            _tally?.Print(what, _allTurns, PhaseNames);
            TallyEnds(what, _allTurns);
        }

        _types?.Print(what, _ticks.Count);
        _types?.Dispose();
        _commandListener?.Dispose();
        await _app.DisposeAsync();
        StorageDisposed();
        _line?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One turn for <paramref name="eventJson"/> (one webhook event object), timed; returns the messages sent.</summary>
    protected async Task<int> TurnAsync(string eventJson)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var cpuBefore = MeasurePhases ? Environment.CpuUsage.TotalTime : TimeSpan.Zero;
        var phase = 0;
        var mark = MeasurePhases ? GC.GetTotalAllocatedBytes(precise: true) : 0;
        var commands = Interlocked.Read(ref s_commands);
        void Phase()
        {
            if (MeasurePhases)
            {
                var now = GC.GetTotalAllocatedBytes(precise: true);
                _phaseBytes[phase] += now - mark;
                mark = now;
                var count = Interlocked.Read(ref s_commands);
                _phaseCommands[phase] += count - commands;
                commands = count;
            }

            phase++;
            StoreTally.Phase = phase;
        }

        _allTurns++;
        StoreTally.Phase = 0;

        var body = Encoding.UTF8.GetBytes("{\"destination\":\"Ubench0000000000000000000000000000\",\"events\":[" + eventJson + "]}");
        var signature = WebhookSignature.Compute(body, Secret);
        if (!WebhookSignature.IsValid(body, signature, _secret))
        {
            throw new InvalidOperationException("signature");
        }

        var envelope = WebhookEnvelope.Split(body);
        Phase();
        var entry = (await _inbox.AppendAsync(envelope.Destination, envelope.Events))[0];
        Phase();
        var outcome = await _handler.HandleAsync(entry, CancellationToken.None);
        Phase();
        var answer = TurnProcessor.Answer(entry, outcome, ObjectId.NewObjectId().ToString(), TimeProvider.System.GetUtcNow().UtcDateTime);
        Phase();
        await _outbox.CompleteTurnAsync(entry.Id, answer, outcome.Writes);
        Phase();
        if (_line is not null && answer is not null)
        {
            await await _sender.SendAsync(answer, replyMaybeUsed: false, CancellationToken.None);
        }

        Phase();
        if (MeasurePhases)
        {
            _phaseTurns++;
            _cpu += Environment.CpuUsage.TotalTime - cpuBefore;
        }

        _ticks.Add(System.Diagnostics.Stopwatch.GetTimestamp() - started);
        return outcome.Messages.Count;
    }

    /// <summary>A webhook event from <paramref name="user"/> with a fresh id, reply token and timestamp (now: its token is young).</summary>
    protected string Event(string user, string messageOrPostback)
    {
        var n = Interlocked.Increment(ref _nextEvent);
        return messageOrPostback
            + "\"webhookEventId\":\"01TURN" + n.ToString("D20", CultureInfo.InvariantCulture) + "\","
            + "\"deliveryContext\":{\"isRedelivery\":false},\"timestamp\":" + TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ","
            + "\"source\":{\"type\":\"user\",\"userId\":\"" + user + "\"},"
            + "\"replyToken\":\"" + n.ToString("x32", CultureInfo.InvariantCulture) + "\",\"mode\":\"active\"}";
    }

    protected static string Text(string text, long id) =>
        "{\"type\":\"message\",\"message\":{\"type\":\"text\",\"id\":\"" + (600_000_000_000_000 + id).ToString(CultureInfo.InvariantCulture)
        + "\",\"quoteToken\":\"q" + id.ToString(CultureInfo.InvariantCulture) + "\",\"text\":\"" + text + "\"},";

    protected static string Postback(string data) => "{\"type\":\"postback\",\"postback\":{\"data\":\"" + data + "\"},";
}

/// <summary>
/// Per-turn processing of a free-text question (issue 3: p50 under 10 ms; issue 19: 0.3 ms of CPU and 32 KB): as the
/// service runs it, understanding step first, the answer replied to a LINE sink and its send recorded; see <see cref="TurnBench"/>.
/// </summary>
[Config(typeof(ShortConfig))]
[MedianColumn]
public class QandATurnBenchmarks : TurnBench
{
    private const int Users = 200;

    internal static readonly string[] Questions =
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

    // ITABOT_BENCH_DISTINCT=1: every other round of the eight questions ends with a space, so sixteen texts go round and
    // the service's recent-results memos (eight texts each) never answer from an earlier turn, as in a flood of different
    // messages; without it only the first round pays for normalising, understanding and ranking.
    private static readonly bool Distinct = Environment.GetEnvironmentVariable("ITABOT_BENCH_DISTINCT") == "1";

    // ITABOT_BENCH_FLOOD=1: every turn's text is the flood's (bench/peer-compare.sh, the load tool): the same question with
    // the event's number, so no memo ever answers, as in the lead's floods.
    private static readonly bool Flood = Environment.GetEnvironmentVariable("ITABOT_BENCH_FLOOD") == "1";

    private int _next;

    [GlobalSetup]
    public void Setup() => SetUpService();

    [GlobalCleanup]
    public Task Cleanup() => TearDownServiceAsync(What);

    /// <summary>What the figures printed at the end are of.</summary>
    protected virtual string What => "free-text question";

    protected override void AddFeatures(WebApplicationBuilder builder)
    {
        builder.AddQandA();
        builder.AddFlexTemplates();
        builder.AddInformation();
        builder.AddUnderstanding();
    }

    protected override bool ReplyToLine => true;

    [Benchmark(Description = "one free-text question turn (signature, inbox, understanding, Q&A, state, answer committed, replied, send recorded)")]
    public Task<int> Turn()
    {
        var index = Interlocked.Increment(ref _next);
        var user = "U" + (index % Users).ToString("x32", CultureInfo.InvariantCulture);
        var question = Flood ? UnderstandingBenchmarks.FloodText + index.ToString(CultureInfo.InvariantCulture) : Questions[index % Questions.Length];
        return TurnAsync(Event(user, Text(Distinct && index / Questions.Length % 2 == 1 ? question + " " : question, index)));
    }
}
