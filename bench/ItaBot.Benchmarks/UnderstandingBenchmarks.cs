using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.Content;
using ItaBot.QandA;
using ItaBot.Understanding;

namespace ItaBot.Benchmarks;

/// <summary>
/// The understanding step per message (issue 13: well under 1 ms): the intent rules alone, the n-gram model alone, and the
/// whole step as the service runs it (rules, the model, and for a question the Q&amp;A index's "unrelated?" check) over the
/// shipped content pack.
/// (Returns the intent as an int: the service's types are internal.)
/// </summary>
[Config(typeof(ShortConfig))]
public class UnderstandingBenchmarks
{
    /// <summary>One message of each kind the step tells apart (also <see cref="WordListBenchmarks"/>' messages).</summary>
    internal static readonly string[] Messages =
    [
        "ไฟกิ่งหน้าวัดดับทั้งแถวมาสามวันแล้ว หมู่ 4 มืดมากค่ะ",
        "เจ้าหน้าที่กองคลังเรียกเงินใต้โต๊ะ 500 บาทถึงจะรับเรื่องให้",
        "แจ้งเกิดต้องใช้เอกสารอะไรบ้างคะ",
        "ราคาทองวันนี้เท่าไหร่",
        "สวัสดีค่ะ",
        "เรื่องที่แจ้งไปถึงไหนแล้วคะ",
    ];

    private Understander _understander = null!;
    private IReadOnlyList<ComplaintCategory> _categories = null!;
    private int _next;
    private int _flood;

    /// <summary>The flood's message (`bench/peer-compare.sh`, the load tool): a question with a number that makes every text new.</summary>
    internal const string FloodText = "สวัสดีครับ ขอสอบถามเวลาทำการ ";

    [GlobalSetup]
    public void Setup()
    {
        var directory = ContentOptions.FindDefault(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("content/ not found");
        var pack = ContentPackLoader.Load(directory);
        _categories = pack.ComplaintCategories;
        _understander = new Understander(new QaMatcher(pack, new QaOptions()), IntentModel.Shipped);
        _ = IntentModel.Shipped.Score(Messages[0]);
    }

    [Benchmark(Description = "intent rules, one message")]
    public int Rules() => (int)IntentRules.Classify(Messages[_next++ % Messages.Length], _categories).Intent;

    [Benchmark(Description = "intent model (n-gram naive Bayes), one message")]
    public int Model() => (int)IntentModel.Shipped.Score(Messages[_next++ % Messages.Length]).Best;

    // The step's memo would answer the six messages after the first round: measured without it (a message not seen yet).
    [Benchmark(Description = "understanding step, one message")]
    public int Step() => (int)_understander.UnderstandOnce(Messages[_next++ % Messages.Length]).Intent;

    // Every text new, as in the flood (no memo answers, the normaliser's included): what a flood's turn pays to understand.
    [Benchmark(Description = "understanding step, a flood's message (never seen before)")]
    public int FloodStep() => (int)_understander.Understand(FloodText + (_flood++).ToString(System.Globalization.CultureInfo.InvariantCulture)).Intent;

    [Benchmark(Description = "intent rules, a flood's message (never seen before)")]
    public int FloodRules() => (int)IntentRules.Classify(FloodText + (_flood++).ToString(System.Globalization.CultureInfo.InvariantCulture), _categories).Intent;
}
