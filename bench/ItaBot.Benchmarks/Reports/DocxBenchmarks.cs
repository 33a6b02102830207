using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.Reports;
using ItaBot.Reports.Docx;

namespace ItaBot.Benchmarks.Reports;

/// <summary>
/// One DOCX rendered from a FY 2568 snapshot (issue 6: under 2 s per document), with the emblem and Thai digits on.
/// Services = 3 is the tests' sample; 100 services make the services report about 100 monthly tables long.
/// </summary>
[Config(typeof(ShortConfig))]
public class DocxBenchmarks
{
    private IReportRenderer _renderer = null!;
    private ReportSnapshot _snapshot = null!;
    private string _directory = "";

    [Params("corruption-docx", "complaints-docx", "services-docx", "measures-docx")]
    public string Kind { get; set; } = "corruption-docx";

    [Params(3, 100)]
    public int Services { get; set; } = 3;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "itabot-docx-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var emblem = Path.Combine(_directory, "emblem.png");
        File.WriteAllBytes(emblem, DocxSamples.EmblemPng());
        _renderer = DocxSamples.Renderers(new ReportOptions { ThaiDigits = true, EmblemFile = emblem, SignerName = "นายสมศักดิ์ ใจดี", SignerPosition = "ปลัดเทศบาล" })
            .Single(r => r.Kind == Kind);
        _snapshot = DocxSamples.Fy2568(Services);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>Bytes of the produced file (returned so the work is not optimised away).</summary>
    [Benchmark]
    public int Render() => _renderer.Render(_snapshot).Content.Length;
}
