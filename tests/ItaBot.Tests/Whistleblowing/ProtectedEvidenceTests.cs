using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ItaBot.Line.Testing;
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

    [Fact]
    public async Task FromBytes_Pdf15WithInfoAndXmpInCompressedStreams_ViewingCopyCarriesNeither_OffsetsHold()
    {
        await using var host = new ServiceHost(_line);
        var evidence = host.Services.GetRequiredService<IProtectedEvidence>();
        var original = Pdf15();

        var pdf = (await evidence.FromBytesAsync(original, TestContext.Current.CancellationToken)).Attachment!;

        Assert.DoesNotContain(Author, Encoding.Latin1.GetString(original), StringComparison.Ordinal);   // only inside the compressed streams
        Assert.Contains(Author, string.Concat(Inflated(original)), StringComparison.Ordinal);
        Assert.True(pdf.ViewingCopy.Length > 0, "a PDF 1.5 with compressed properties has a viewing copy");
        var copy = pdf.ViewingCopy.ToArray();
        Assert.Equal(original.Length, copy.Length);   // every offset of the cross-reference stream still holds
        var streams = Inflated(copy);
        Assert.All(streams, s => Assert.DoesNotContain(Author, s, StringComparison.Ordinal));
        Assert.DoesNotContain("Microsoft Word", string.Concat(streams), StringComparison.Ordinal);
        Assert.DoesNotContain("D:2026", string.Concat(streams), StringComparison.Ordinal);
        var (before, after) = (Inflated(original)[1], streams[1]);   // the object stream: each object where its offset says
        foreach (var dictionary in new[] { "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>" })
        {
            Assert.Equal(before.IndexOf(dictionary, StringComparison.Ordinal), after.IndexOf(dictionary, StringComparison.Ordinal));
        }

        Assert.Equal(Inflated(original)[2], streams[2]);   // the cross-reference stream is untouched
        Assert.Equal(original, pdf.Original!.Value.ToArray());
    }

    /// <summary>
    /// A PDF 1.5 as current writers make it: the information dictionary in a Flate-compressed object stream with the
    /// catalog and the pages, the XMP packet in a Flate-compressed metadata stream, a cross-reference stream, no trailer.
    /// </summary>
    private static byte[] Pdf15()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            $"<< /Author ({Author}) /Creator (Microsoft Word for Microsoft 365) /Producer (Microsoft Word for Microsoft 365) /Title (evidence) /CreationDate (D:20261114093012+07'00') /ModDate (D:20261114093512+07'00') >>",
        ];
        var body = new StringBuilder();
        var index = new List<string>();
        foreach (var o in objects)
        {
            index.Add($"{index.Count + 1} {body.Length}");
            body.Append(o).Append('\n');
        }

        var header = string.Join(' ', index) + "\n";
        var objectStream = Deflate(Encoding.ASCII.GetBytes(header + body));
        var xmp = Deflate(Encoding.ASCII.GetBytes(
            "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            $"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator><rdf:Seq><rdf:li>{Author}</rdf:li></rdf:Seq></dc:creator>" +
            "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"));

        using var file = new MemoryStream();
        void Text(string text) => file.Write(Encoding.ASCII.GetBytes(text));
        Text("%PDF-1.5\n");
        var metadataAt = file.Position;
        Text($"5 0 obj\n<< /Type /Metadata /Subtype /XML /Length {xmp.Length} /Filter /FlateDecode >>\nstream\n");
        file.Write(xmp);
        Text("\nendstream\nendobj\n");
        var objectStreamAt = file.Position;
        Text($"6 0 obj\n<< /Type /ObjStm /N {objects.Length} /First {header.Length} /Length {objectStream.Length} /Filter /FlateDecode >>\nstream\n");
        file.Write(objectStream);
        Text("\nendstream\nendobj\n");
        var xrefAt = file.Position;
        var entries = new List<(byte Type, uint Field, ushort Index)> { (0, 0, 0xFFFF) };
        entries.AddRange(objects.Select((_, i) => ((byte)2, 6u, (ushort)i)));
        entries.AddRange([(1, (uint)metadataAt, 0), (1, (uint)objectStreamAt, 0), (1, (uint)xrefAt, 0)]);
        var table = entries.SelectMany(e => new[] { e.Type, (byte)(e.Field >> 24), (byte)(e.Field >> 16), (byte)(e.Field >> 8), (byte)e.Field, (byte)(e.Index >> 8), (byte)e.Index }).ToArray();
        var xref = Deflate(table);
        Text($"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Info 4 0 R /Length {xref.Length} /Filter /FlateDecode >>\nstream\n");
        file.Write(xref);
        Text(string.Create(CultureInfo.InvariantCulture, $"\nendstream\nendobj\nstartxref\n{xrefAt}\n%%EOF\n"));
        return file.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Every Flate stream of one of <see cref="Pdf15"/>'s files, inflated (as Latin-1 text), in file order.</summary>
    private static List<string> Inflated(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        return [.. Regex.Matches(text, @"/Length (\d+) /Filter /FlateDecode >>\nstream\n").Select(m =>
        {
            var data = pdf.AsSpan(m.Index + m.Length, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
            using var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            zlib.CopyTo(plain);
            return Encoding.Latin1.GetString(plain.ToArray());
        })];
    }
}
