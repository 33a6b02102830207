using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ItaBot.QandA;
using SkiaSharp;

namespace ItaBot.Tests.Reports;

/// <summary>
/// A Thai word wider than its table column is cut in two when printed ("ลำดั|บที่"): LibreOffice and Word break Thai at
/// ICU's word boundaries and split a word only when it does not fit. Every word of every cell is measured with Laksaman
/// (TH Sarabun New's metrics; the font fontconfig gives for it; fonts-thai-tlwg, which ./test.sh installs).
/// </summary>
public sealed class DocxColumnWidthTests
{
    private const string FontFolder = "/usr/share/fonts/truetype/tlwg/";

    // Word's and LibreOffice's default cell margins: 0.08 inch on each side.
    private const float CellMarginsPt = 2 * 0.08f * 72;

    public static TheoryData<string> Kinds => ["measures-docx", "complaints-docx", "corruption-docx", "services-docx"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryWordOfEveryCell_FitsItsColumn(string kind)
    {
        Assert.True(File.Exists(FontFolder + "Laksaman.ttf"), "Laksaman is missing: apt-get install fonts-thai-tlwg (./test.sh does)");
        _ = new IcuWordTermizer();   // loads ICU
        using var regular = SKTypeface.FromFile(FontFolder + "Laksaman.ttf");
        using var bold = SKTypeface.FromFile(FontFolder + "Laksaman-Bold.ttf");
        var docx = DocxTestKit.Renderer(kind).Render(SampleSnapshots.Fy2568()).Content;
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        List<string> cut = [];

        foreach (var table in document.MainDocumentPart!.Document.Body!.Elements<Table>())
        {
            var columns = table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(c => int.Parse(c.Width!.Value!, CultureInfo.InvariantCulture) / 20f).ToArray();
            foreach (var row in table.Elements<TableRow>())
            {
                var column = 0;
                foreach (var cell in row.Elements<TableCell>())
                {
                    var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                    var room = columns.Skip(column).Take(span).Sum() - CellMarginsPt;
                    column += span;
                    foreach (var run in cell.Descendants<Run>())
                    {
                        var properties = run.RunProperties;
                        var sizePt = int.Parse(properties?.FontSizeComplexScript?.Val?.Value ?? properties?.FontSize?.Val?.Value ?? "32", CultureInfo.InvariantCulture) / 2f;
                        using var font = new SKFont(properties?.Bold is null ? regular : bold, sizePt);
                        foreach (var word in Words(run.InnerText).Where(w => font.MeasureText(w) > room))
                        {
                            cut.Add(string.Create(CultureInfo.InvariantCulture, $"\"{word}\" ({font.MeasureText(word):0.0} pt) in a column of {room:0.0} pt"));
                        }
                    }
                }
            }
        }

        Assert.True(cut.Count == 0, $"{kind}: " + string.Join("; ", cut.Distinct()));
    }

    /// <summary>Thai is broken at ICU's word boundaries; anything else only at spaces ("(outcome/result)" stays whole).</summary>
    private static IEnumerable<string> Words(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(chunk => chunk.Any(c => c is >= '\u0E00' and <= '\u0E7F')
            ? Icu.BreakIterator.Split(Icu.BreakIterator.UBreakIteratorType.WORD, new Icu.Locale("th"), chunk).Select(w => w.Trim()).Where(w => w.Length > 0)
            : [chunk]);
}
