using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace ItaBot.Reports.Docx;

/// <summary>A column of a <see cref="DocxWriter.Table"/>: its header, its share of the text width, numbers centred.</summary>
internal sealed record DocxColumn(string Header, int Weight, bool Centered = false);

/// <summary>
/// Writes one A4 document the way Thai agencies lay them out: the configured font for Latin and Thai (complex script:
/// w:cs and w:szCs, or Word falls back to its own Thai font and size), Thai language for line breaking, tables with
/// borders, a fixed layout that keeps them inside the page and a header row repeated on every page, a signature block,
/// and page numbers. Every text goes through <see cref="T"/> so that the Thai-digits option reaches all of it.
/// </summary>
internal sealed class DocxWriter : IDisposable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int A4Short = 11906;   // twips (1/20 pt)
    private const int A4Long = 16838;
    private const long EmuPerCm = 360000;

    private readonly ReportOptions _options;
    private readonly MemoryStream _stream = new();
    private readonly WordprocessingDocument _document;
    private readonly Body _body;
    private readonly bool _landscape;
    private uint _drawingId;
    private bool _lastWasTable;

    public DocxWriter(ReportOptions options, bool landscape = false)
    {
        _options = options;
        _landscape = landscape;
        _document = WordprocessingDocument.Create(_stream, WordprocessingDocumentType.Document);
        var main = _document.AddMainDocumentPart();
        main.Document = new Document(_body = new Body());
        AddStyles(main);
        AddSettings(main);
    }

    /// <summary>Left, right, top and bottom margins: 3 cm binding side, 2 cm elsewhere (landscape: 2 cm all round).</summary>
    private int MarginLeft => _landscape ? 1134 : 1701;

    private const int MarginRight = 1134;

    /// <summary>Width available to text and tables, in twips.</summary>
    public int TextWidth => (_landscape ? A4Long : A4Short) - MarginLeft - MarginRight;

    private static string HalfPoints(double points) => ((int)Math.Round(points * 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text as the document prints it: Thai digits when the agency chose them.</summary>
    public string T(string text) => _options.ThaiDigits ? ThaiDates.ThaiDigits(text) : text;

    /// <summary>The emblem, centred, <paramref name="heightCm"/> high, width by its aspect ratio.</summary>
    public void Emblem(DocxImage image, double heightCm = 2.5)
    {
        var main = _document.MainDocumentPart!;
        var part = main.AddImagePart(image.IsPng ? ImagePartType.Png : ImagePartType.Jpeg);
        using (var data = new MemoryStream(image.Bytes, writable: false))
        {
            part.FeedData(data);
        }

        var id = ++_drawingId;
        var cy = (long)(heightCm * EmuPerCm);
        var cx = cy * image.Width / image.Height;
        var picture = new PIC.Picture(
            new PIC.NonVisualPictureProperties(
                new PIC.NonVisualDrawingProperties { Id = 0U, Name = "emblem" },
                new PIC.NonVisualPictureDrawingProperties()),
            new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
            new PIC.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle }));
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = "ตราสัญลักษณ์" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(picture) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };
        Append(new Paragraph(
            new ParagraphProperties(new KeepNext(), new SpacingBetweenLines { After = "120" }, new Justification { Val = JustificationValues.Center }),
            new Run(new Drawing(inline))));
    }

    /// <summary>A centred line (agency name, title, period).</summary>
    public void Centered(string text, bool bold = false, double? sizePt = null, bool keepNext = true) =>
        Append(Para(text, JustificationValues.Center, bold, sizePt, keepNext: keepNext));

    /// <summary>A section heading: bold, space above, kept with what follows.</summary>
    public void Heading(string text) => Append(Para(text, JustificationValues.Left, bold: true, before: 240, after: 60, keepNext: true));

    /// <summary>A paragraph of body text.</summary>
    public void Text(string text, bool bold = false, bool keepNext = false) =>
        Append(Para(text, JustificationValues.Left, bold, before: _lastWasTable ? 120 : 0, after: 60, keepNext: keepNext));

    /// <summary>The document's definitions: "หมายเหตุ:" and the text, 2 points smaller, under the tables.</summary>
    public void Note(string text) =>
        Append(Para("หมายเหตุ: " + text, JustificationValues.Left, sizePt: _options.FontSizePt - 2, before: 240, after: 60));

    /// <summary>
    /// A bordered table over the full text width: header row shaded, bold and repeated on every page; cells may hold
    /// several paragraphs (separated by '\n'); <paramref name="totalRow"/> is printed bold. Rows of short tables do not
    /// split across pages; long rows (the measures report) may.
    /// </summary>
    public void Table(IReadOnlyList<DocxColumn> columns, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<string>? totalRow = null, bool rowsMaySplit = false, double? sizePt = null)
    {
        var weights = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => TextWidth * c.Weight / weights).ToArray();
        widths[^1] += TextWidth - widths.Sum();
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = TextWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableJustification { Val = TableRowAlignmentValues.Center },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" }),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableLook { Val = "0000", FirstRow = false, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = true, NoVerticalBand = true }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));

        table.Append(Row(columns, widths, [.. columns.Select(c => c.Header)], header: true, bold: true, maySplit: false, sizePt));
        foreach (var row in rows)
        {
            table.Append(Row(columns, widths, row, header: false, bold: false, maySplit: rowsMaySplit, sizePt));
        }

        if (totalRow is not null)
        {
            table.Append(Row(columns, widths, totalRow, header: false, bold: true, maySplit: false, sizePt));
        }

        // A short table stays on one page (every row kept with the next, as Word's "keep with next" keeps a table
        // together); a long one may break, but never leaves its total row alone on a page ("รวม" was seen so).
        var bodyRows = table.Elements<TableRow>().ToList();
        var keep = rowsMaySplit ? bodyRows.Skip(Math.Max(1, bodyRows.Count - 2)).SkipLast(1) : bodyRows.SkipLast(1);
        foreach (var paragraph in keep.SelectMany(r => r.Descendants<Paragraph>()))
        {
            (paragraph.ParagraphProperties ??= new ParagraphProperties()).KeepNext = new KeepNext();
        }

        if (_lastWasTable)
        {
            // Two tables in a row would merge into one in Word.
            _body.Append(Para(string.Empty, JustificationValues.Left));
        }

        _body.Append(table);
        _lastWasTable = true;
    }

    /// <summary>
    /// The signature block of the responsible officer, in the right half of the page: ลงชื่อ, (name), position, date.
    /// Missing name, position and the date are dotted lines to write on.
    /// </summary>
    public void Signature(string? name, string? position)
    {
        const string Dots = "...................................";
        var indent = (TextWidth * 2 / 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] lines =
        [
            string.Empty,
            "ลงชื่อ " + Dots,
            "(" + (string.IsNullOrWhiteSpace(name) ? Dots : name.Trim()) + ")",
            "ตำแหน่ง " + (string.IsNullOrWhiteSpace(position) ? Dots : position.Trim()),
            "วันที่ ...... เดือน ................ พ.ศ. ......",
        ];
        KeepLastWithNext();
        _lastWasTable = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var paragraph = Para(lines[i], JustificationValues.Center, keepNext: i < lines.Length - 1, before: i == 0 ? 240 : 0);
            paragraph.ParagraphProperties!.Indentation = new Indentation { Left = indent };
            _body.Append(paragraph);
        }
    }

    /// <summary>Closes the document (page size, margins, page-number footer) and returns it.</summary>
    public ReportDocument Finish(string fileName, string title, DateTime createdUtc)
    {
        var main = _document.MainDocumentPart!;
        var footer = main.AddNewPart<FooterPart>();
        // Plain PAGE: Word's ThaiArabic number format comes out as ก, ข, ค in LibreOffice.
        const string PageField = " PAGE ";
        footer.Footer = new Footer(new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new SimpleField(new Run(new Text(T("1")))) { Instruction = PageField }));

        var width = _landscape ? A4Long : A4Short;
        var height = _landscape ? A4Short : A4Long;
        var section = new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
            new PageSize { Width = (UInt32Value)(uint)width, Height = (UInt32Value)(uint)height, Orient = _landscape ? PageOrientationValues.Landscape : PageOrientationValues.Portrait },
            new PageMargin { Top = 1134, Bottom = 1134, Left = (UInt32Value)(uint)MarginLeft, Right = MarginRight, Header = 567, Footer = 567, Gutter = 0 });
        _body.Append(section);

        _document.PackageProperties.Title = title;
        _document.PackageProperties.Creator = "ItaBot";
        _document.PackageProperties.Created = createdUtc;
        _document.PackageProperties.Modified = createdUtc;
        main.Document.Save();
        _document.Dispose();
        return new ReportDocument(fileName, ContentType, _stream.ToArray());
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    /// <summary>Keeps what was written last (a paragraph, or a table's last row) on the page of what comes next.</summary>
    private void KeepLastWithNext()
    {
        var paragraphs = _body.LastChild switch
        {
            Paragraph p => [p],
            Table t => t.Elements<TableRow>().LastOrDefault()?.Descendants<Paragraph>().ToList() ?? [],
            _ => new List<Paragraph>(),
        };
        foreach (var paragraph in paragraphs)
        {
            (paragraph.ParagraphProperties ??= new ParagraphProperties()).KeepNext = new KeepNext();
        }
    }

    private void Append(Paragraph paragraph)
    {
        _body.Append(paragraph);
        _lastWasTable = false;
    }

    private TableRow Row(IReadOnlyList<DocxColumn> columns, int[] widths, IReadOnlyList<string> cells, bool header, bool bold, bool maySplit, double? sizePt)
    {
        var properties = new TableRowProperties();
        if (!maySplit)
        {
            properties.Append(new CantSplit());
        }

        if (header)
        {
            properties.Append(new TableHeader());
        }

        var row = new TableRow(properties);
        for (var i = 0; i < columns.Count; i++)
        {
            var text = i < cells.Count ? cells[i] : string.Empty;
            var cellProperties = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (header)
            {
                cellProperties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9D9D9" });
            }

            cellProperties.Append(new TableCellVerticalAlignment { Val = header ? TableVerticalAlignmentValues.Center : TableVerticalAlignmentValues.Top });
            var cell = new TableCell(cellProperties);
            var align = header || columns[i].Centered ? JustificationValues.Center : JustificationValues.Left;
            foreach (var line in text.Split('\n'))
            {
                cell.Append(Para(line, align, bold, sizePt, after: 0));
            }

            row.Append(cell);
        }

        return row;
    }

    private Paragraph Para(string text, JustificationValues align, bool bold = false, double? sizePt = null, int before = 0, int after = 0, bool keepNext = false)
    {
        var properties = new ParagraphProperties();
        if (keepNext)
        {
            properties.Append(new KeepNext());
        }

        properties.Append(new SpacingBetweenLines
        {
            Before = before.ToString(System.Globalization.CultureInfo.InvariantCulture),
            After = after.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        properties.Append(new Justification { Val = align });
        var paragraph = new Paragraph(properties);
        if (text.Length == 0)
        {
            return paragraph;
        }

        var runProperties = new RunProperties();
        if (bold)
        {
            runProperties.Append(new Bold(), new BoldComplexScript());
        }

        if (sizePt is double size)
        {
            runProperties.Append(new FontSize { Val = HalfPoints(size) }, new FontSizeComplexScript { Val = HalfPoints(size) });
        }

        paragraph.Append(new Run(runProperties, new Text(T(text)) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private void AddStyles(MainDocumentPart main)
    {
        var size = HalfPoints(_options.FontSizePt);
        var font = _options.FontName;
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font },
                    new FontSize { Val = size },
                    new FontSizeComplexScript { Val = size },
                    // Latin runs English, complex script Thai: with Thai for Latin too, LibreOffice breaks "agency.yaml" mid-word.
                    new Languages { Val = "en-US", Bidi = "th-TH" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle(),
                new StyleRunProperties(
                    new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font },
                    new FontSize { Val = size },
                    new FontSizeComplexScript { Val = size }))
            {
                Type = StyleValues.Paragraph,
                StyleId = "Normal",
                Default = true,
            });
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var settings = main.AddNewPart<DocumentSettingsPart>();
        settings.Settings = new Settings(
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }));
    }
}
