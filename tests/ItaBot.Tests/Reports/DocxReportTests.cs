using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ItaBot.Content;
using ItaBot.Reports;
using ItaBot.Reports.Docx;
using ItaBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SkiaSharp;
using static ItaBot.Tests.Reports.DocxTestKit;
using A = DocumentFormat.OpenXml.Drawing;

namespace ItaBot.Tests.Reports;

public sealed class DocxReportTests
{
    public static TheoryData<string, string, bool> EveryDocument()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var kind in new[] { "corruption-docx", "complaints-docx", "services-docx", "measures-docx" })
        {
            foreach (var sample in new[] { "Fy2568", "EmptyMonth" })
            {
                data.Add(kind, sample, false);
                data.Add(kind, sample, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDocument))]
    public void Render_EveryDocument_PassesOpenXmlValidatorWithZeroErrors(string kind, string sample, bool thaiDigits)
    {
        var document = Renderer(kind, new ReportOptions { ThaiDigits = thaiDigits, SignerName = "นายสมชาย ใจดี", SignerPosition = "ปลัดเทศบาล" }).Render(Sample(sample));

        Assert.Empty(ValidationErrors(document.Content));
        Assert.Equal(DocxWriter.ContentType, document.ContentType);
        Assert.EndsWith("-" + Sample(sample).Period.Slug + ".docx", document.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void Corruption_Fy2568_PrintsTotalsByMonthChannelAndOutcome()
    {
        var docx = Renderer("corruption-docx").Render(SampleSnapshots.Fy2568()).Content;

        Assert.Contains("รายงานสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ\nประจำปีงบประมาณ พ.ศ. 2568", Text(docx), StringComparison.Ordinal);
        Assert.Contains("เทศบาลตำบลโนนทอง", Text(docx), StringComparison.Ordinal);
        AssertRow(docx, "เรื่องร้องเรียนทั้งหมด", "7", "100.0");
        AssertRow(docx, "ดำเนินการแล้วเสร็จ", "5", "71.4");
        AssertRow(docx, "อยู่ระหว่างดำเนินการ", "2", "28.6");
        AssertRow(docx, "ตุลาคม 2567", "2");
        AssertRow(docx, "มกราคม 2568", "3");
        AssertRow(docx, "กันยายน 2568", "2");
        AssertRow(docx, "รวม", "7");
        AssertRow(docx, "LINE", "4", "57.1");
        AssertRow(docx, "เว็บไซต์", "2", "28.6");
        AssertRow(docx, "ไม่มีมูล", "3", "60.0");
        AssertRow(docx, "รวม", "5", "100.0");
        Assert.DoesNotContain("ไม่มีเรื่องร้องเรียน", Text(docx), StringComparison.Ordinal);
    }

    [Fact]
    public void Corruption_EmptyMonth_SaysNoComplaintsForThePeriodInsteadOfTables()
    {
        var docx = Renderer("corruption-docx").Render(SampleSnapshots.EmptyMonth()).Content;

        Assert.Contains("ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำเดือนมีนาคม พ.ศ. 2568", Text(docx), StringComparison.Ordinal);
        Assert.Empty(Tables(docx));
    }

    [Fact]
    public void Complaints_Fy2568_PrintsBreakdownsDurationsDeadlinesAndRatings()
    {
        var docx = Renderer("complaints-docx").Render(SampleSnapshots.Fy2568()).Content;

        AssertRow(docx, "เรื่องร้องเรียนทั้งหมด", "1,234", "100.0");
        AssertRow(docx, "ดำเนินการแล้วเสร็จ", "1,100", "89.1");
        AssertRow(docx, "ตุลาคม 2567", "90");
        AssertRow(docx, "กันยายน 2568", "167");
        AssertRow(docx, "ไฟฟ้าสาธารณะ/ไฟถนนดับ", "512", "41.5");
        AssertRow(docx, "ขยะ", "322", "26.1");
        AssertRow(docx, "กองช่าง", "912", "73.9");
        AssertRow(docx, "- ส่งต่อหน่วยงานอื่น", "30", "2.4");
        AssertRow(docx, "- แก้ไขเสร็จสิ้น", "1,050", "85.1");
        AssertRow(docx, "LINE", "1,000", "81.0");
        AssertRow(docx, "เว็บไซต์", "0", "0.0");
        AssertRow(docx, "ตอบรับเรื่อง", "1,200", "5 ชั่วโมง 30 นาที", "20 ชั่วโมง 15 นาที", "8 ชั่วโมง 6 นาที");
        AssertRow(docx, "ดำเนินการจนแล้วเสร็จ", "1,100", "4 วัน", "10 วัน 21 ชั่วโมง", "5 วัน");
        AssertRow(docx, "ตอบรับเรื่องภายในกำหนด", "1,234", "1,180", "95.6");
        AssertRow(docx, "แจ้งผลภายในกำหนด", "1,100", "1,001", "91.0");
        Assert.Contains("คะแนนเฉลี่ย 4.3 จาก 5 คะแนน ผู้ประเมิน 420 ราย จากเรื่องที่แก้ไขเสร็จสิ้น 1,050 เรื่อง (ร้อยละ 40.0)", Text(docx), StringComparison.Ordinal);
        AssertRow(docx, "5 (มากที่สุด)", "255", "60.7");
        AssertRow(docx, "1 (น้อยที่สุด)", "10", "2.4");
    }

    [Fact]
    public void Complaints_EmptyMonth_SaysNoComplaints()
    {
        var docx = Renderer("complaints-docx").Render(SampleSnapshots.EmptyMonth()).Content;

        Assert.Contains("ไม่มีเรื่องร้องเรียน", Text(docx), StringComparison.Ordinal);
        Assert.Contains("ประจำเดือนมีนาคม พ.ศ. 2568", Text(docx), StringComparison.Ordinal);
        Assert.Empty(Tables(docx));
    }

    [Fact]
    public void Services_Fy2568_PrintsEServiceAgainstWalkInPerServiceAndMonthAndQandA()
    {
        var docx = Renderer("services-docx").Render(SampleSnapshots.Fy2568()).Content;

        // measure 3.3 first: walk-in against E-Service per service
        var first = Tables(docx)[0];
        Assert.Equal(["ที่", "งานบริการ", "Walk-in (ครั้ง)", "E-Service (ครั้ง)", "รวม (ครั้ง)"], first[0]);
        AssertRow(docx, "1", "การแจ้งเกิด", "300", "120", "420");
        AssertRow(docx, "3", "ตอบคำถามและให้ข้อมูล", "2,566", "1,380", "3,946");
        AssertRow(docx, "", "รวม", "3,100", "2,500", "5,600");
        AssertRow(docx, "ผ่านช่องทาง E-Service (LINE Official Account และเว็บไซต์)", "2,500", "44.6");
        AssertRow(docx, "ณ จุดให้บริการ (Walk-in)", "3,100", "55.4");
        AssertRow(docx, "ตุลาคม 2567", "259", "209", "468");
        AssertRow(docx, "กันยายน 2568", "257", "208", "465");
        AssertRow(docx, "คำถามทั้งหมด", "1,500", "100.0");
        AssertRow(docx, "ระบบตอบได้ทันที", "900", "60.0");
        AssertRow(docx, "ระบบตอบหลังผู้ถามเลือกหัวข้อ", "400", "26.7");
        AssertRow(docx, "ส่งต่อเจ้าหน้าที่", "120", "8.0");
        AssertRow(docx, "ยังไม่ได้คำตอบ", "80", "5.3");
        Assert.Contains("เจ้าหน้าที่ตอบกลับแล้ว 100 คำถาม", Text(docx), StringComparison.Ordinal);
        Assert.Equal(4, Tables(docx).Count);   // no table per service per month
    }

    [Fact]
    public void Services_EmptyMonth_SaysThereIsNoServiceData()
    {
        var docx = Renderer("services-docx").Render(SampleSnapshots.EmptyMonth()).Content;

        Assert.Contains(ServicesDocxRenderer.NoneSentence(ReportPeriod.ForMonth(2568, 3)), Text(docx), StringComparison.Ordinal);
        Assert.Empty(Tables(docx));
    }

    [Fact]
    public void Measures_ShippedPack_HasTheSeedReportsSevenColumnsAndOneRowPerMeasure()
    {
        var docx = Renderer("measures-docx").Render(SampleSnapshots.Fy2568()).Content;

        var table = Assert.Single(Tables(docx));
        Assert.Equal(
            ["ลำดับที่", "มาตรการหรือกิจกรรมที่ดำเนินการ", "ขั้นตอนหรือวิธีการปฏิบัติ", "ช่วงระยะเวลาในการดำเนินการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ (output)", "ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome/result)"],
            table[0]);
        Assert.Equal(ShippedPack.Measures.Count, table.Length - 1);
        Assert.Equal(ShippedPack.Measures.Select(m => m.Id), table.Skip(1).Select(r => r[0]));
        Assert.All(table, r => Assert.Equal(7, r.Length));
        Assert.All(table.Skip(1), r => Assert.False(string.IsNullOrWhiteSpace(r[6]), "outcome of " + r[0]));   // the outcome is filled, as the ITA asks
        Assert.Contains("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\nประจำปีงบประมาณ พ.ศ. 2568", Text(docx), StringComparison.Ordinal);
        Assert.Contains("ของ เทศบาลตำบลโนนทอง อำเภอ", Text(docx), StringComparison.Ordinal);

        var measure33 = table.Single(r => r[0] == "3.3");
        Assert.Contains("ผู้รับบริการ ณ จุดให้บริการ (Walk-in) 3,100 ครั้ง และผ่านช่องทาง E-Service 2,500 ครั้ง", measure33[5], StringComparison.Ordinal);
        Assert.Contains("ร้อยละ 44.6", measure33[6], StringComparison.Ordinal);
        Assert.Contains("(2) จำนวนผู้รับบริการผ่านช่องทาง E-Service", measure33[2], StringComparison.Ordinal);
        Assert.Contains("มีคำถาม 1,500 คำถาม", table.Single(r => r[0] == "4.6")[5], StringComparison.Ordinal);
        Assert.Contains("ส่งต่อเจ้าหน้าที่ 120 คำถาม เจ้าหน้าที่ตอบกลับแล้ว 100 คำถาม", table.Single(r => r[0] == "4.6")[5], StringComparison.Ordinal);
        Assert.Contains("รับเรื่องทางช่องทางออนไลน์ 6 เรื่อง", table.Single(r => r[0] == "8.2")[5], StringComparison.Ordinal);
        var measure83 = table.Single(r => r[0] == "8.3")[5];
        Assert.Contains("เรื่องร้องเรียนทั้งหมด 7 เรื่อง ดำเนินการแล้วเสร็จ 5 เรื่อง อยู่ระหว่างดำเนินการ 2 เรื่อง", measure83, StringComparison.Ordinal);
        Assert.Contains("คู่มือการให้บริการประชาชน " + ShippedPack.Services.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " งานบริการ", table.Single(r => r[0] == "3.1")[5], StringComparison.Ordinal);

        // As in the seed report, a measure shared with the row above is not repeated; the activity is.
        var m41 = ShippedPack.Measures.Single(m => m.Id == "4.1");
        var m42 = ShippedPack.Measures.Single(m => m.Id == "4.2");
        Assert.Equal(m41.Title, m42.Title);
        Assert.Equal(m41.Title + "\n" + m41.Activity, table.Single(r => r[0] == "4.1")[1]);
        Assert.Equal(m42.Activity, table.Single(r => r[0] == "4.2")[1]);
    }

    [Fact]
    public void Measures_IsLandscapeWithTheHeaderRowRepeatedOnEveryPage()
    {
        var docx = Renderer("measures-docx").Render(SampleSnapshots.Fy2568()).Content;

        using var document = Open(docx);
        var body = document.MainDocumentPart!.Document.Body!;
        var size = body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
        Assert.Equal(PageOrientationValues.Landscape, size.Orient!.Value);
        Assert.True(size.Width!.Value > size.Height!.Value);
        var rows = body.Elements<Table>().Single().Elements<TableRow>().ToList();
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.All(rows.Skip(1), r => Assert.Null(r.TableRowProperties?.GetFirstChild<TableHeader>()));
    }

    [Fact]
    public void Measures_EmptyMonth_SaysNoCorruptionComplaintsInMeasure83()
    {
        var docx = Renderer("measures-docx").Render(SampleSnapshots.EmptyMonth()).Content;

        var table = Assert.Single(Tables(docx));
        Assert.Contains("เรื่องร้องเรียนทั้งหมด 0 เรื่อง ดำเนินการแล้วเสร็จ 0 เรื่อง อยู่ระหว่างดำเนินการ 0 เรื่อง", table.Single(r => r[0] == "8.3")[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Measures_PackWithoutMeasures_SaysSoAndStillValidates()
    {
        var docx = Renderer("measures-docx", pack: ShippedPack with { Measures = [] }).Render(SampleSnapshots.Fy2568()).Content;

        Assert.Contains(MeasuresDocxRenderer.NoMeasures, Text(docx), StringComparison.Ordinal);
        Assert.Empty(Tables(docx));
        Assert.Empty(ValidationErrors(docx));
    }

    [Fact]
    public void Measures_AnAgencysOwnMeasure_GetsTheFiguresItsSentencesName()
    {
        var pack = ShippedPack with
        {
            Measures = [new Measure("2.4", "มาตรการจัดการเรื่องร้องเรียนร้องทุกข์", "รับและติดตามเรื่องร้องเรียนร้องทุกข์ของประชาชน", ["(1) รับเรื่อง", "(2) แจ้งผล"], "ตลอดปีงบประมาณ", "สำนักปลัด",
                "รับเรื่องร้องเรียน {complaints} เรื่อง ดำเนินการแล้วเสร็จ {complaints_done} เรื่อง อยู่ระหว่างดำเนินการ {complaints_in_progress} เรื่อง",
                "แจ้งผลภายในกำหนดร้อยละ {answer_on_time_pct} ความพึงพอใจเฉลี่ย {satisfaction} จาก 5")],
        };

        var table = Assert.Single(Tables(Renderer("measures-docx", pack: pack).Render(SampleSnapshots.Fy2568()).Content));

        Assert.Equal("รับเรื่องร้องเรียน 1,234 เรื่อง ดำเนินการแล้วเสร็จ 1,100 เรื่อง อยู่ระหว่างดำเนินการ 134 เรื่อง", table[1][5]);
        Assert.Equal("แจ้งผลภายในกำหนดร้อยละ 91.0 ความพึงพอใจเฉลี่ย 4.3 จาก 5", table[1][6]);
    }

    [Fact]
    public void ThaiDigits_WhenChosen_EveryDigitOfEveryDocumentIsThai()
    {
        var options = new ReportOptions { ThaiDigits = true };
        foreach (var renderer in Renderers(options))
        {
            var text = Text(renderer.Render(SampleSnapshots.Fy2568()).Content);

            Assert.DoesNotContain(text, char.IsAsciiDigit);
            Assert.Contains("พ.ศ. ๒๕๖๘", text, StringComparison.Ordinal);
        }

        var corruption = Renderer("corruption-docx", options).Render(SampleSnapshots.Fy2568()).Content;
        AssertRow(corruption, "ดำเนินการแล้วเสร็จ", "๕", "๗๑.๔");
        var measures = Tables(Renderer("measures-docx", options).Render(SampleSnapshots.Fy2568()).Content).Single();
        Assert.Contains(measures, r => r[0] == "๓.๓");
        using var document = Open(corruption);
        Assert.Equal(" PAGE ", document.MainDocumentPart!.FooterParts.Single().Footer!.Descendants<SimpleField>().Single().Instruction!.Value);
    }

    [Fact]
    public void ThaiDigits_WhenNotChosen_NumbersStayArabic()
    {
        var text = Text(Renderer("corruption-docx").Render(SampleSnapshots.Fy2568()).Content);

        Assert.Contains("พ.ศ. 2568", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => c is >= '๐' and <= '๙');
    }

    [Fact]
    public void Font_IsTheConfiguredFontAndSizeForLatinAndThaiComplexScript()
    {
        var docx = Renderer("corruption-docx", new ReportOptions { FontName = "TH Sarabun New", FontSizePt = 16 }).Render(SampleSnapshots.Fy2568()).Content;

        using var document = Open(docx);
        var defaults = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var fonts = defaults.GetFirstChild<RunFonts>()!;
        Assert.Equal("TH Sarabun New", fonts.Ascii!.Value);
        Assert.Equal("TH Sarabun New", fonts.HighAnsi!.Value);
        Assert.Equal("TH Sarabun New", fonts.ComplexScript!.Value);
        Assert.Equal("32", defaults.GetFirstChild<FontSize>()!.Val!.Value);
        Assert.Equal("32", defaults.GetFirstChild<FontSizeComplexScript>()!.Val!.Value);
        Assert.Equal("th-TH", defaults.GetFirstChild<Languages>()!.Bidi!.Value);
    }

    [Fact]
    public void Tables_EveryTableRepeatsItsHeaderRowAndFitsTheTextWidth()
    {
        var docx = Renderer("complaints-docx").Render(SampleSnapshots.Fy2568()).Content;

        using var document = Open(docx);
        var tables = document.MainDocumentPart!.Document.Body!.Elements<Table>().ToList();
        Assert.Equal(9, tables.Count);
        const int portraitTextWidth = 11906 - 1701 - 1134;
        foreach (var table in tables)
        {
            Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>());
            Assert.Equal(TableLayoutValues.Fixed, table.GetFirstChild<TableProperties>()!.GetFirstChild<TableLayout>()!.Type!.Value);
            Assert.Equal(portraitTextWidth, table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Sum(c => int.Parse(c.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Theory]
    [InlineData("complaints-docx")]
    [InlineData("corruption-docx")]
    [InlineData("services-docx")]
    [InlineData("measures-docx")]
    public void Tables_NoRowIsLeftAloneOnAPage_ShortTablesKeepTogether_LongOnesKeepTheirLastTwoRows(string kind)
    {
        var docx = Renderer(kind).Render(SampleSnapshots.Fy2568()).Content;

        using var document = Open(docx);
        foreach (var table in document.MainDocumentPart!.Document.Body!.Elements<Table>())
        {
            var rows = table.Elements<TableRow>().ToList();
            static bool KeptWithNext(TableRow row) => row.Descendants<Paragraph>().All(p => p.ParagraphProperties?.KeepNext is not null);
            var splittable = rows.Skip(1).Any(r => r.TableRowProperties?.GetFirstChild<CantSplit>() is null);
            Assert.False(KeptWithNext(rows[^1]));   // the table's end lets what follows move on
            if (rows.Count > 1)
            {
                Assert.True(KeptWithNext(rows[^2]));   // the last row (a total) never stands alone on a page
            }

            if (!splittable)
            {
                Assert.All(rows.SkipLast(1), r => Assert.True(KeptWithNext(r)));
            }
        }
    }

    [Fact]
    public void Emblem_WhenConfigured_IsEmbeddedAtTheTopWithItsAspectRatio()
    {
        var path = Path.Combine(TempDirectory.Create(), "emblem.png");
        File.WriteAllBytes(path, Png(200, 100));

        foreach (var renderer in Renderers(new ReportOptions { EmblemFile = path }))
        {
            var docx = renderer.Render(SampleSnapshots.Fy2568()).Content;
            using var document = Open(docx);
            var image = Assert.Single(document.MainDocumentPart!.ImageParts);
            using var stream = image.GetStream();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(path), copy.ToArray());
            var first = document.MainDocumentPart.Document.Body!.Elements<Paragraph>().First();
            var extent = first.Descendants<DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent>().Single();
            Assert.Equal(2 * extent.Cy!.Value, extent.Cx!.Value);
            Assert.Equal(document.MainDocumentPart.GetIdOfPart(image), first.Descendants<A.Blip>().Single().Embed!.Value);
            Assert.Empty(ValidationErrors(docx));
        }
    }

    [Fact]
    public void Emblem_WhenNotConfigured_NoImageIsEmbedded()
    {
        using var document = Open(Renderer("corruption-docx").Render(SampleSnapshots.Fy2568()).Content);

        Assert.Empty(document.MainDocumentPart!.ImageParts);
    }

    [Fact]
    public void Signature_PrintsTheConfiguredOfficerOrDottedLines()
    {
        var signed = Text(Renderer("services-docx", new ReportOptions { SignerName = "นางสาวสุดา ใจงาม", SignerPosition = "ปลัดเทศบาลตำบลโนนทอง" }).Render(SampleSnapshots.Fy2568()).Content);
        var unsigned = Text(Renderer("services-docx").Render(SampleSnapshots.Fy2568()).Content);

        Assert.Contains("ลงชื่อ ....", signed, StringComparison.Ordinal);
        Assert.Contains("(นางสาวสุดา ใจงาม)", signed, StringComparison.Ordinal);
        Assert.Contains("ตำแหน่ง ปลัดเทศบาลตำบลโนนทอง", signed, StringComparison.Ordinal);
        Assert.Contains("วันที่ ...... เดือน ................ พ.ศ. ......", signed, StringComparison.Ordinal);
        Assert.Contains("(......", unsigned, StringComparison.Ordinal);
        Assert.Contains("ตำแหน่ง ......", unsigned, StringComparison.Ordinal);
    }

    [Fact]
    public void Period_SpanningTwoFiscalYears_IsNotedUnderTheTitle()
    {
        var snapshot = SampleSnapshots.EmptyMonth() with { Period = ReportPeriod.Custom(new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 31)) };

        var text = Text(Renderer("corruption-docx").Render(snapshot).Content);

        Assert.Contains("(ช่วงเวลานี้คาบเกี่ยวปีงบประมาณ พ.ศ. 2568 และ พ.ศ. 2569)", text, StringComparison.Ordinal);
        Assert.Contains("ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ตั้งแต่ 1 กันยายน 2568 ถึง 31 ตุลาคม 2568", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AsOf_IsPrintedInBangkokTime()
    {
        var text = Text(Renderer("corruption-docx").Render(SampleSnapshots.Fy2568()).Content);

        Assert.Contains("ข้อมูล ณ วันที่ 1 ตุลาคม 2568 เวลา 08.00 น.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddReportDocuments_RegistersTheFourDocxRenderersWithDistinctKinds()
    {
        using var host = Host(new Dictionary<string, string?>());
        await host.StartAsync(TestContext.Current.CancellationToken);

        var kinds = host.Services.GetServices<IReportRenderer>().Select(r => r.Kind).ToList();

        Assert.Equal(["corruption-docx", "complaints-docx", "services-docx", "measures-docx"], kinds);
        Assert.Equal("TH Sarabun New", host.Services.GetRequiredService<IOptions<ReportOptions>>().Value.FontName);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AddReportDocuments_MissingEmblemFile_StopsTheStartNamingTheSetting()
    {
        using var host = Host(new Dictionary<string, string?> { ["ItaBot:Reports:EmblemFile"] = "no-such-emblem.png" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("ItaBot:Reports:EmblemFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_EmblemThatIsNotAnImage_Fails()
    {
        var path = Path.Combine(TempDirectory.Create(), "emblem.png");
        File.WriteAllText(path, "not an image");

        var result = new ReportOptionsValidator().Validate(null, new ReportOptions { EmblemFile = path });

        Assert.True(result.Failed);
        Assert.Contains("is not a PNG or JPEG image", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16.3)]
    [InlineData(100)]
    public void Validator_FontSizeOutOfRangeOrNotInHalfPoints_Fails(double size)
    {
        Assert.True(new ReportOptionsValidator().Validate(null, new ReportOptions { FontSizePt = size }).Failed);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = TempDirectory.Create() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings, StringComparer.Ordinal)
        {
            ["ItaBot:Content:Directory"] = Flex.FlexTemplatesTests.RepoFolder("content"),
            ["ItaBot:Content:Watch"] = "false",
        });
        builder.AddContentPack();
        builder.AddReportDocuments();
        return builder.Build();
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Goldenrod);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
