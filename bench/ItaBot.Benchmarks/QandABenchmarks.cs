using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.Content;
using ItaBot.QandA;

namespace ItaBot.Benchmarks;

/// <summary>
/// Q&amp;A matching cost (issue 3: under 1 ms per question over 2,000 entries). The 2,000 entries are the shipped
/// pack's entries repeated with their phrasings recombined, so the vocabulary and posting lists grow as a bigger pack's would.
/// </summary>
[Config(typeof(ShortConfig))]
public class QandABenchmarks
{
    private static readonly string[] Questions =
    [
        "ลูกพึ่งคลอดเมื่อวานต้องไปแจ้งที่ไหนคะ",
        "ภาษีบ้านกับที่ดินจ่ายไหนคะ",
        "ไฟข้างทางหน้าวัดไม่ติดมาหลายคืนแล้ว",
        "เงินคนแก่ได้กี่บาทต่อเดือน",
        "ผลบอลเมื่อคืน",
        "ขอเบอโทรติดต่อหน่อยค่าาา 🙏",
    ];

    private QaIndex _index = null!;
    private int _next;

    /// <summary>The ranking method by name (the enum is internal to the service).</summary>
    [Params("CharNgrams", "Words", "Combined")]
    public string Method { get; set; } = "Combined";

    [GlobalSetup]
    public void Setup()
    {
        var directory = ContentOptions.FindDefault(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("content/ not found");
        var baseEntries = QaCatalog.Build(ContentPackLoader.Load(directory));
        var entries = new List<QaEntry>(2000);
        for (var round = 0; entries.Count < 2000; round++)
        {
            for (var i = 0; i < baseEntries.Count; i++)
            {
                var entry = baseEntries[i];
                if (entries.Count == 2000)
                {
                    break;
                }

                var other = baseEntries[(i + round) % baseEntries.Count];
                entries.Add(entry with
                {
                    Id = $"{entry.Id}#{round}",
                    Phrasings = round == 0 ? entry.Phrasings : [.. entry.Phrasings.Select((p, i) => i % 2 == 0 ? p : p + " " + other.Title)],
                });
            }
        }

        _index = new QaIndex(entries, Enum.Parse<QaMethod>(Method));
    }

    [Benchmark(Description = "rank one question over 2,000 entries")]
    public int Rank() => _index.Rank(Questions[_next++ % Questions.Length]).Top.Count;
}
