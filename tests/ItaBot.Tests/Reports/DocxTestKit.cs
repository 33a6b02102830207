using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using ItaBot.Content;
using ItaBot.Reports;
using ItaBot.Reports.Docx;
using ItaBot.Tests.Flex;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ItaBot.Tests.Reports;

/// <summary>Builds the DOCX renderers over the shipped content pack and reads produced documents back.</summary>
internal static class DocxTestKit
{
    private static readonly Lazy<ContentPack> Shipped = new(FlexTemplatesTests.ShippedContent);

    public static ContentPack ShippedPack => Shipped.Value;

    public static IReadOnlyList<IReportRenderer> Renderers(ReportOptions? options = null, ContentPack? pack = null)
    {
        var content = new ContentPackProvider(FlexTemplatesTests.RepoFolder("content"), pack ?? Shipped.Value, TimeProvider.System, NullLogger<ContentPackProvider>.Instance);
        var letterhead = new DocxLetterhead(Options.Create(options ?? new ReportOptions()), content);
        return [new CorruptionDocxRenderer(letterhead), new ComplaintsDocxRenderer(letterhead), new ServicesDocxRenderer(letterhead), new MeasuresDocxRenderer(letterhead)];
    }

    public static IReportRenderer Renderer(string kind, ReportOptions? options = null, ContentPack? pack = null) =>
        Renderers(options, pack).Single(r => r.Kind == kind);

    public static ReportSnapshot Sample(string name) => name switch
    {
        "Fy2568" => SampleSnapshots.Fy2568(),
        "EmptyMonth" => SampleSnapshots.EmptyMonth(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The OpenXML SDK validator's errors, one line each (empty when the document is valid).</summary>
    public static IReadOnlyList<string> ValidationErrors(byte[] docx)
    {
        using var document = Open(docx);
        return [.. new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.ErrorType} {e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
    }

    /// <summary>Every paragraph's text, in order, tables included (a cell's paragraphs each on their own line).</summary>
    public static string Text(byte[] docx)
    {
        using var document = Open(docx);
        return string.Join('\n', document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    /// <summary>The tables: rows of cell texts (a cell's paragraphs joined with '\n').</summary>
    public static IReadOnlyList<string[][]> Tables(byte[] docx)
    {
        using var document = Open(docx);
        return [.. document.MainDocumentPart!.Document.Body!.Elements<Table>().Select(t => t.Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => string.Join('\n', c.Elements<Paragraph>().Select(p => p.InnerText))).ToArray())
            .ToArray())];
    }

    public static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx, writable: false), false);

    /// <summary>Whether some table row has exactly these cells.</summary>
    public static bool HasRow(byte[] docx, params string[] cells) =>
        Tables(docx).Any(t => t.Any(r => r.SequenceEqual(cells, StringComparer.Ordinal)));

    public static void AssertRow(byte[] docx, params string[] cells) =>
        Assert.True(HasRow(docx, cells), $"No table row [{string.Join(" | ", cells)}] in:\n" +
            string.Join("\n", Tables(docx).SelectMany(t => t).Select(r => string.Join(" | ", r))));
}
