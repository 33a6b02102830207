using ItaBot.Content;
using ItaBot.Reports;
using ItaBot.Reports.Docx;
using ItaBot.Tests.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ItaBot.Benchmarks.Reports;

/// <summary>
/// The DOCX renderers over the shipped content pack, and the snapshots they render in the benchmark and in
/// bench/render-docs.sh: the tests' FY 2568 sample (optionally with many services) and the empty month.
/// </summary>
internal static class DocxSamples
{
    public static IReadOnlyList<IReportRenderer> Renderers(ReportOptions options)
    {
        var directory = ContentOptions.FindDefault(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("content/ not found");
        var content = new ContentPackProvider(directory, ContentPackLoader.Load(directory), TimeProvider.System, NullLogger<ContentPackProvider>.Instance);
        var letterhead = new DocxLetterhead(Options.Create(options), content);
        return [new CorruptionDocxRenderer(letterhead), new ComplaintsDocxRenderer(letterhead), new ServicesDocxRenderer(letterhead), new MeasuresDocxRenderer(letterhead)];
    }

    /// <summary>FY 2568 with <paramref name="services"/> services (the sample's three, repeated with numbered names).</summary>
    public static ReportSnapshot Fy2568(int services = 3)
    {
        var sample = SampleSnapshots.Fy2568();
        var shipped = sample.Services.Services;
        var rows = Enumerable.Range(0, services)
            .Select(i => i < shipped.Count
                ? shipped[i]
                : shipped[i % shipped.Count] with { ServiceId = $"{shipped[i % shipped.Count].ServiceId}-{i}", Name = $"{shipped[i % shipped.Count].Name} ({i + 1})" })
            .ToList();
        return sample with
        {
            Services = sample.Services with { EServiceTotal = rows.Sum(r => r.EService), WalkInTotal = rows.Sum(r => r.WalkIn), Services = rows },
        };
    }

    public static ReportSnapshot EmptyMonth() => SampleSnapshots.EmptyMonth();

    /// <summary>A stand-in emblem (a gold disc with a ring), so that the rendered pages show where the agency's goes.</summary>
    public static byte[] EmblemPng()
    {
        using var bitmap = new SKBitmap(300, 300);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var fill = new SKPaint { Color = new SKColor(0xD4, 0xA0, 0x17), IsAntialias = true };
            using var ring = new SKPaint { Color = new SKColor(0x8B, 0x1A, 0x1A), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 14 };
            canvas.DrawCircle(150, 150, 140, fill);
            canvas.DrawCircle(150, 150, 110, ring);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// Writes every DOCX of FY 2568 (Thai digits, emblem, named signer: an agency's usual choices) and of an empty month
    /// (Arabic digits, no emblem, dotted signature) into <paramref name="directory"/>; returns the paths.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var emblem = Path.Combine(directory, "emblem.png");
        File.WriteAllBytes(emblem, EmblemPng());
        var paths = new List<string>();
        var agency = new ReportOptions { ThaiDigits = true, EmblemFile = emblem, SignerName = "นายสมศักดิ์ ใจดี", SignerPosition = "ปลัดเทศบาลตำบลโนนทอง" };
        foreach (var (options, snapshot) in new[] { (agency, Fy2568()), (new ReportOptions(), EmptyMonth()) })
        {
            foreach (var renderer in Renderers(options))
            {
                var document = renderer.Render(snapshot);
                var path = Path.Combine(directory, document.FileName);
                File.WriteAllBytes(path, document.Content);
                paths.Add(path);
            }
        }

        return paths;
    }
}
