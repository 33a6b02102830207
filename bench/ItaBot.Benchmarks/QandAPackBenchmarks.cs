using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.Content;
using ItaBot.QandA;

namespace ItaBot.Benchmarks;

/// <summary>
/// Q&amp;A ranking of one question against the shipped pack as the service builds it (since session 14 with the labelled
/// questions learned as phrasings), over 32 distinct questions so the index's eight-entry recent-results cache never answers.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortConfig))]
public class QandAPackBenchmarks
{
    private static readonly string[] Stems =
    [
        "เทศบาลเปิดกี่โมงคะ", "แจ้งเกิดลูกต้องใช้อะไรบ้าง", "ค่าขยะเดือนละเท่าไหร่", "เบี้ยคนแก่ลงชื่อที่ไหน",
        "น้ำประปาไม่ไหลโทรไหน", "ขอเลขที่บ้านใหม่ทำไง", "จ่ายภาษีที่ดินได้ถึงเมื่อไหร่", "หมาจรจัดเยอะมากแจ้งใคร",
    ];

    private static readonly string[] Questions = [.. Stems.SelectMany(s => new[] { s, s + " ครับ", "สอบถามค่ะ " + s, s + " ด่วนเลย" })];

    private QaMatcher _matcher = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var directory = ContentOptions.FindDefault(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("content/ not found");
        _matcher = new QaMatcher(ContentPackLoader.Load(directory), new QaOptions());
    }

    [Benchmark(Description = "Q&A ranking, shipped pack, one question (no cache hit)")]
    public int Rank() => _matcher.Index.Rank(Questions[_next++ % Questions.Length]).Top.Count;
}
