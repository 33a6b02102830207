using System.IO.Compression;
using System.Text;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>Evidence documents: the officers' viewing copy carries none of the properties that may name the reporter.</summary>
public sealed class ProtectedEvidenceTests : IAsyncLifetime
{
    private const string Author = "SOMCHAI-REPORTER-NAME";

    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    private static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        $"3 0 obj << /Author ({Author} \\(home\\)) /Creator <FEFF0041> /Producer (Writer {Author}) /Title (evidence) /CreationDate (D:20261114) >> endobj\n" +
        $"4 0 obj << /Type /Metadata /Subtype /XML /Length 80 >> stream\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>{Author}</dc:creator></x:xmpmeta>\nendstream endobj\n" +
        "trailer << /Root 1 0 R /Info 3 0 R >>\n%%EOF\n");

    private static byte[] Docx()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }

            Part("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Part("word/document.xml", "<w:document>the evidence text</w:document>");
            Part("docProps/core.xml", $"<cp:coreProperties><dc:creator>{Author}</dc:creator><cp:lastModifiedBy>{Author}</cp:lastModifiedBy></cp:coreProperties>");
            Part("docProps/app.xml", $"<Properties><Company>{Author} Co.</Company></Properties>");
        }

        return output.ToArray();
    }

    [Fact]
    public async Task FromBytes_PdfAndDocxWithAuthorAndProducer_ViewingCopyCarriesNoneOfIt_OriginalKept()
    {
        await using var host = new ServiceHost(_line);
        var evidence = host.Services.GetRequiredService<IProtectedEvidence>();

        var pdf = await evidence.FromBytesAsync(Pdf(), TestContext.Current.CancellationToken);
        var docx = await evidence.FromBytesAsync(Docx(), TestContext.Current.CancellationToken);

        foreach (var (attachment, original) in new[] { (pdf.Attachment!, Pdf()), (docx.Attachment!, Docx()) })
        {
            Assert.False(attachment.ContentType.StartsWith("image/", StringComparison.Ordinal));
            Assert.True(attachment.ViewingCopy.Length > 0, $"{attachment.ContentType} has a viewing copy");
            Assert.Equal(original, attachment.Original!.Value.ToArray());
        }

        Assert.Contains(Author, Encoding.ASCII.GetString(pdf.Attachment!.Original!.Value.Span), StringComparison.Ordinal);   // the test file really carries it
        var cleanPdf = Encoding.ASCII.GetString(pdf.Attachment!.ViewingCopy.Span);
        Assert.DoesNotContain(Author, cleanPdf, StringComparison.Ordinal);
        Assert.DoesNotContain("FEFF0041", cleanPdf, StringComparison.Ordinal);
        Assert.Equal(Pdf().Length, cleanPdf.Length);   // blanked in place: the cross-reference offsets still hold
        Assert.Contains("/Root 1 0 R /Info 3 0 R", cleanPdf, StringComparison.Ordinal);

        using var clean = new ZipArchive(new MemoryStream(docx.Attachment!.ViewingCopy.ToArray()));
        foreach (var entry in clean.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            Assert.DoesNotContain(Author, await reader.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var document = new StreamReader(clean.GetEntry("word/document.xml")!.Open());
        Assert.Contains("the evidence text", await document.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
