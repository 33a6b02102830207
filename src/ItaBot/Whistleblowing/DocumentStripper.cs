using System.IO.Compression;
using System.Text;

namespace ItaBot.Whistleblowing;

/// <summary>
/// The officers' viewing copy of a document, without the properties that may name the reporter: a PDF's information
/// dictionary (author, creator, producer, title, subject, keywords, dates) and its XMP packet are blanked in place (same
/// length, so the file's cross-reference offsets stay right); an Office Open XML file's docProps (core, app, custom) and
/// an OpenDocument file's meta.xml are replaced by empty ones. Not reached: properties inside a PDF's compressed object
/// streams, and legacy Word/Excel/PowerPoint files (null: officers get only the audited original).
/// </summary>
internal static class DocumentStripper
{
    private static readonly string[] PdfKeys =
        ["/Author", "/Creator", "/Producer", "/Title", "/Subject", "/Keywords", "/CreationDate", "/ModDate", "/Company", "/Manager", "/SourceModified", "/Trapped"];

    private const long MaxUnpackedBytes = 256L * 1024 * 1024;

    public static byte[]? Strip(byte[] data, EvidenceType type)
    {
        try
        {
            return type.Extension switch
            {
                ".pdf" => Pdf(data),
                ".docx" or ".xlsx" or ".pptx" => Package(data, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["docProps/core.xml"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>""",
                    ["docProps/app.xml"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>""",
                    ["docProps/custom.xml"] = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>""",
                }),
                ".odt" or ".ods" => Package(data, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["meta.xml"] = """<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>""",
                }),
                _ => null,
            };
        }
        catch (InvalidDataException)
        {
            return null;   // a damaged archive: no viewing copy, the original stays behind the audited download
        }
    }

    private static byte[] Pdf(byte[] data)
    {
        var copy = (byte[])data.Clone();
        var span = copy.AsSpan();
        foreach (var key in PdfKeys)
        {
            var name = Encoding.ASCII.GetBytes(key);
            for (var at = span.IndexOf(name); at >= 0; at = Next(span, name, at))
            {
                var i = at + name.Length;
                while (i < span.Length && span[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
                {
                    i++;
                }

                if (i < span.Length && span[i] == (byte)'(')
                {
                    BlankLiteral(span, i);
                }
                else if (i + 1 < span.Length && span[i] == (byte)'<' && span[i + 1] != (byte)'<')
                {
                    for (var j = i + 1; j < span.Length && span[j] != (byte)'>'; j++)
                    {
                        span[j] = (byte)' ';   // white space inside a hex string is ignored: an empty string
                    }
                }
            }
        }

        // XMP packets (uncompressed, as the specification recommends): the same length of spaces.
        var open = "<x:xmpmeta"u8;
        var close = "</x:xmpmeta>"u8;
        for (var at = span.IndexOf(open); at >= 0; at = Next(span, open, at))
        {
            var end = span[at..].IndexOf(close);
            if (end < 0)
            {
                break;
            }

            span.Slice(at, end + close.Length).Fill((byte)' ');
        }

        return copy;
    }

    private static int Next(ReadOnlySpan<byte> span, ReadOnlySpan<byte> needle, int after)
    {
        var rest = span[(after + 1)..].IndexOf(needle);
        return rest < 0 ? -1 : after + 1 + rest;
    }

    /// <summary>Spaces over a literal string's content, minding escapes and balanced parentheses.</summary>
    private static void BlankLiteral(Span<byte> span, int open)
    {
        var depth = 0;
        for (var i = open; i < span.Length; i++)
        {
            var c = span[i];
            if (c == (byte)'\\' && i > open)
            {
                span[i] = (byte)' ';
                if (i + 1 < span.Length)
                {
                    span[++i] = (byte)' ';
                }

                continue;
            }

            if (c == (byte)'(')
            {
                depth++;
                if (depth == 1)
                {
                    continue;
                }
            }
            else if (c == (byte)')')
            {
                depth--;
                if (depth == 0)
                {
                    return;
                }
            }

            span[i] = (byte)' ';
        }
    }

    /// <summary>The same archive, entry by entry in the same order and compression, with the named parts replaced.</summary>
    private static byte[]? Package(byte[] data, Dictionary<string, string> replacements)
    {
        using var input = new ZipArchive(new MemoryStream(data, writable: false), ZipArchiveMode.Read);
        if (input.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
        {
            return null;   // a zip bomb gets no viewing copy rather than minutes of work
        }

        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                // OpenDocument wants its mimetype first and stored; every other part may be compressed.
                var level = entry.FullName == "mimetype" || entry.CompressedLength == entry.Length ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
                var copy = archive.CreateEntry(entry.FullName, level);
                using var target = copy.Open();
                if (replacements.TryGetValue(entry.FullName, out var replacement))
                {
                    target.Write(Encoding.UTF8.GetBytes(replacement));
                }
                else
                {
                    using var source = entry.Open();
                    source.CopyTo(target);
                }
            }
        }

        return output.ToArray();
    }
}
