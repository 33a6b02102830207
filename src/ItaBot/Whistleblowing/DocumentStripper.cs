using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace ItaBot.Whistleblowing;

/// <summary>
/// The officers' viewing copy of a document, without the properties that may name the reporter: a PDF's information
/// dictionary (author, creator, producer, title, subject, keywords, dates) and its XMP packet are blanked in place (same
/// length, so the file's cross-reference offsets stay right); an Office Open XML file's docProps (core, app, custom) and
/// an OpenDocument file's meta.xml are replaced by empty ones. A PDF 1.5 file keeps them in Flate-compressed object
/// streams (/Type/ObjStm) and metadata streams: those are inflated, blanked alike and deflated again to their exact former
/// length (see <see cref="Refit"/>), so offsets, /Length and the cross-reference stream stay right. A PDF whose compressed
/// properties cannot be reached that way, and legacy Word/Excel/PowerPoint files, get none (null: officers get only the
/// audited original).
/// </summary>
internal static partial class DocumentStripper
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

    private static byte[]? Pdf(byte[] data)
    {
        var copy = (byte[])data.Clone();
        BlankPdfProperties(copy);
        return BlankCompressedStreams(copy) ? copy : null;
    }

    /// <summary>Blanks the information dictionary's values and XMP packets found as plain bytes, in place.</summary>
    private static void BlankPdfProperties(Span<byte> span)
    {
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
    }

    // A stream object's dictionary and the start of its data; the dictionary holds no "stream" keyword of its own.
    [GeneratedRegex(@"\bobj\s*(<<(?:(?!\bendobj\b|\bstream\b).)*?>>)\s*stream(?:\r\n|\n|\r)", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 10_000)]
    private static partial Regex StreamObject();

    [GeneratedRegex(@"/Type\s*/(?:ObjStm|Metadata)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyStreamType();

    [GeneratedRegex(@"/Filter\s*(?:/FlateDecode|\[\s*/FlateDecode\s*\])", RegexOptions.CultureInvariant)]
    private static partial Regex FlateOnly();

    [GeneratedRegex(@"/Length\s+(\d+)(?!\s+\d+\s+R)", RegexOptions.CultureInvariant)]
    private static partial Regex DirectLength();

    /// <summary>
    /// Compressed object streams and metadata streams (plain ones were blanked with the rest of the file): inflated, blanked,
    /// and deflated back into the same number of bytes. False when
    /// one of them cannot be (another filter, a predictor, damaged data, or its blanked form does not fit): no viewing copy then.
    /// </summary>
    private static bool BlankCompressedStreams(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        long unpacked = 0;
        foreach (Match m in StreamObject().Matches(text))
        {
            var dictionary = m.Groups[1].Value;
            if (!PropertyStreamType().IsMatch(dictionary) || !dictionary.Contains("/Filter", StringComparison.Ordinal))
            {
                continue;
            }

            if (!FlateOnly().IsMatch(dictionary) || dictionary.Contains("/DecodeParms", StringComparison.Ordinal))
            {
                return false;
            }

            var start = m.Index + m.Length;
            var length = DirectLength().Match(dictionary) is { Success: true } l ? int.Parse(l.Groups[1].Value, CultureInfo.InvariantCulture) : EndOfData(text, start) - start;
            if (length <= 0 || start + length > pdf.Length)
            {
                return false;
            }

            var packed = pdf.AsSpan(start, length);
            byte[] plain;
            try
            {
                plain = Inflate(packed, MaxUnpackedBytes - unpacked);
            }
            catch (InvalidDataException)
            {
                return false;
            }

            unpacked += plain.Length;
            var blanked = (byte[])plain.Clone();
            BlankPdfProperties(blanked);
            if (blanked.AsSpan().SequenceEqual(plain))
            {
                continue;
            }

            if (Refit(blanked, length) is not { } refitted)
            {
                return false;
            }

            refitted.CopyTo(packed);
        }

        return true;
    }

    /// <summary>Where a stream's data ends when its /Length is an indirect object: before "endstream" and its end of line.</summary>
    private static int EndOfData(string text, int start)
    {
        var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
        if (end < 0)
        {
            return -1;
        }

        if (end > start && text[end - 1] == '\n')
        {
            end--;
        }

        if (end > start && text[end - 1] == '\r')
        {
            end--;
        }

        return end;
    }

    private static byte[] Inflate(ReadOnlySpan<byte> packed, long max)
    {
        using var input = new ZLibStream(new MemoryStream(packed.ToArray(), writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > max)
            {
                throw new InvalidDataException("Too much to unpack.");   // a Flate bomb gets no viewing copy
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// A zlib stream of exactly <paramref name="size"/> bytes that inflates to <paramref name="plain"/> followed by spaces
    /// (white space after the last object of an object stream, or after an XMP packet, means nothing): the deflated data ends
    /// with a sync flush (byte-aligned, not final), then one final stored block of as many spaces as fill the rest. Null
    /// when even the smallest deflated form does not fit.
    /// </summary>
    internal static byte[]? Refit(byte[] plain, int size)
    {
        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(plain);
            deflate.Flush();   // a sync flush: every byte so far is out, byte-aligned, and the stream is not final
            var body = packed.ToArray();
            // zlib header (2) + body + final stored block (1 + 4 + spaces) + Adler-32 (4)
            var spaces = size - (2 + body.Length + 5 + 4);
            if (spaces < 0 || spaces > ushort.MaxValue)
            {
                return null;
            }

            var result = new byte[size];
            result[0] = 0x78;
            result[1] = 0x9C;
            body.CopyTo(result, 2);
            var at = 2 + body.Length;
            result[at] = 0x01;   // BFINAL = 1, BTYPE = 00 (stored)
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(at + 1), (ushort)spaces);
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(at + 3), (ushort)~spaces);
            result.AsSpan(at + 5, spaces).Fill((byte)' ');
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(size - 4), Adler32(plain, spaces));
            return result;
        }
    }

    private static uint Adler32(ReadOnlySpan<byte> data, int trailingSpaces)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        foreach (var c in data)
        {
            a = (a + c) % Mod;
            b = (b + a) % Mod;
        }

        for (var i = 0; i < trailingSpaces; i++)
        {
            a = (a + ' ') % Mod;
            b = (b + a) % Mod;
        }

        return (b << 16) | a;
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
