using ItaBot.Content;

namespace ItaBot.Reports.Docx;

/// <summary>
/// The agency's integrity-measures report in the seed report's seven columns, landscape, one row per measure of the
/// content pack (content/measures.yaml). The output column carries what ItaBot did for the measure and the figures it
/// knows (<see cref="MeasureFigures"/>); the outcome column is left for the ITA coordinator. Not public: it is a draft.
/// </summary>
internal sealed class MeasuresDocxRenderer(DocxLetterhead letterhead) : IReportRenderer
{
    public const string DocumentTitle = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน";

    public const string NoMeasures = "ยังไม่มีมาตรการในชุดข้อมูลของหน่วยงาน (content/measures.yaml) จึงยังไม่มีรายการในรายงานนี้";

    /// <summary>The seven columns of the seed report, with their share of the landscape width.</summary>
    public static readonly IReadOnlyList<DocxColumn> Columns =
    [
        new("ลำดับที่", 7, Centered: true),
        new("มาตรการหรือกิจกรรมที่ดำเนินการ", 20),
        new("ขั้นตอนหรือวิธีการปฏิบัติ", 21),
        new("ช่วงระยะเวลาในการดำเนินการ", 13, Centered: true),
        new("ผู้รับผิดชอบ", 11, Centered: true),
        new("ผลการดำเนินการ (output)", 22),
        new("ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome/result)", 15),
    ];

    public string Kind => "measures-docx";

    public string Title => "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ร่าง DOCX)";

    public bool IsPublic => false;

    public ReportDocument Render(ReportSnapshot snapshot)
    {
        var measures = letterhead.Pack.Measures;
        using var writer = letterhead.Begin(landscape: true);
        writer.Centered(DocumentTitle, bold: true);
        writer.Centered(snapshot.Period.ThaiTitle, bold: true);
        writer.Centered("ของ " + snapshot.AgencyName + " " + letterhead.Locality, bold: true);
        DocxLetterhead.AsOf(writer, snapshot);
        if (measures.Count == 0)
        {
            writer.Heading(NoMeasures);
        }
        else
        {
            // 2 points smaller than the text, as agencies print this seven-column table, so that a measure fits a page.
            writer.Table(Columns, measures.Select((m, i) => Row(m, i > 0 ? measures[i - 1] : null, snapshot)), rowsMaySplit: true, sizePt: letterhead.Options.FontSizePt - 2);
        }

        return letterhead.End(writer, snapshot, Kind, DocumentTitle);
    }

    /// <summary>
    /// One measure's row. Like the seed report, a measure title shared with the row above is not repeated: the row
    /// carries only its activity.
    /// </summary>
    private static IReadOnlyList<string> Row(Measure measure, Measure? previous, ReportSnapshot snapshot)
    {
        var output = new List<string>();
        if (!string.IsNullOrWhiteSpace(measure.ItaBot))
        {
            output.Add(measure.ItaBot.Trim());
        }

        output.AddRange(MeasureFigures.For(measure, snapshot));
        return
        [
            measure.Id,
            previous?.Title == measure.Title ? measure.Activity : measure.Title + "\n" + measure.Activity,
            string.Join('\n', measure.Steps),
            measure.Period,
            measure.Responsible,
            string.Join('\n', output),
            string.Empty,
        ];
    }
}

/// <summary>
/// The figures ItaBot knows for a measure, as lines of the output column: E-Service and walk-in counts (3.3), the Q&amp;A
/// channel (4.6), the online corruption channel (8.2), corruption statistics (8.3), and general complaint statistics for
/// a measure about complaints that is not about corruption. Measures are recognised by their ITA number first, then by
/// their words, so that a pack numbering its measures differently still gets its figures.
/// </summary>
internal static class MeasureFigures
{
    public static IReadOnlyList<string> For(Measure measure, ReportSnapshot snapshot)
    {
        var text = measure.Title + " " + measure.Activity + " " + string.Join(' ', measure.Steps);
        bool Has(string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

        if (measure.Id == "3.3" || (Has("สถิติ") && (Has("E-Service") || Has("Walk-in"))))
        {
            return Services(snapshot.Services);
        }

        if (measure.Id == "4.6" || Has("Q&A") || Has("ถาม-ตอบ") || Has("ถาม–ตอบ"))
        {
            return Questions(snapshot.Services.Questions);
        }

        if (measure.Id == "8.2" || (Has("ทุจริต") && Has("ช่องทางออนไลน์")))
        {
            return OnlineCorruption(snapshot);
        }

        if (measure.Id == "8.3" || (Has("ทุจริต") && Has("สถิติ")))
        {
            return Corruption(snapshot);
        }

        if (Has("ร้องเรียน") && !Has("ทุจริต"))
        {
            return Complaints(snapshot);
        }

        return [];
    }

    private static string[] Services(ServiceFigures s) =>
    [
        $"ผู้รับบริการ ณ จุดให้บริการ (Walk-in) {ThaiFigures.Count(s.WalkInTotal)} ครั้ง",
        $"ผู้รับบริการผ่านช่องทาง E-Service {ThaiFigures.Count(s.EServiceTotal)} ครั้ง",
        $"รวม {ThaiFigures.Count(s.WalkInTotal + s.EServiceTotal)} ครั้ง ใน {ThaiFigures.Count(s.Services.Count)} งานบริการ (รายละเอียดตามรายงานสถิติการให้บริการ)",
    ];

    private static string[] Questions(QaFigures q) => q.Questions == 0
        ? ["ไม่มีคำถามผ่าน LINE Official Account ในช่วงเวลานี้"]
        :
        [
            $"คำถามผ่าน LINE Official Account {ThaiFigures.Count(q.Questions)} คำถาม",
            $"ระบบตอบได้ทันที {ThaiFigures.Count(q.Answered)} คำถาม ตอบหลังผู้ถามเลือกหัวข้อ {ThaiFigures.Count(q.AnsweredAfterChoice)} คำถาม",
            $"ส่งต่อเจ้าหน้าที่ {ThaiFigures.Count(q.HandedOver)} คำถาม เจ้าหน้าที่ตอบแล้ว {ThaiFigures.Count(q.AnsweredByStaff)} คำถาม",
        ];

    private static string[] OnlineCorruption(ReportSnapshot snapshot)
    {
        var c = snapshot.Corruption;
        if (c.Total == 0)
        {
            return [CorruptionDocxRenderer.NoneSentence(snapshot.Period)];
        }

        var online = c.ByChannel.Where(r => r.Key is "line" or "web").Sum(r => r.Count);
        return [$"รับเรื่องร้องเรียนการทุจริตและประพฤติมิชอบผ่านช่องทางออนไลน์ (LINE และเว็บไซต์) {ThaiFigures.Count(online)} เรื่อง จากทั้งหมด {ThaiFigures.Count(c.Total)} เรื่อง"];
    }

    private static string[] Corruption(ReportSnapshot snapshot)
    {
        var c = snapshot.Corruption;
        return c.Total == 0
            ? [CorruptionDocxRenderer.NoneSentence(snapshot.Period)]
            :
            [
                $"เรื่องร้องเรียนการทุจริตและประพฤติมิชอบทั้งหมด {ThaiFigures.Count(c.Total)} เรื่อง",
                $"ดำเนินการแล้วเสร็จ {ThaiFigures.Count(c.Completed)} เรื่อง",
                $"อยู่ระหว่างดำเนินการ {ThaiFigures.Count(c.InProgress)} เรื่อง",
            ];
    }

    private static string[] Complaints(ReportSnapshot snapshot)
    {
        var c = snapshot.Complaints;
        return c.Total == 0
            ? [ComplaintsDocxRenderer.NoneSentence(snapshot.Period)]
            :
            [
                $"เรื่องร้องเรียนร้องทุกข์ทั่วไป {ThaiFigures.Count(c.Total)} เรื่อง ดำเนินการแล้วเสร็จ {ThaiFigures.Count(c.Completed)} เรื่อง อยู่ระหว่างดำเนินการ {ThaiFigures.Count(c.InProgress)} เรื่อง",
                $"แจ้งผลภายในกำหนดร้อยละ {ThaiFigures.Percent(c.Deadlines.AnswerMet, c.Deadlines.AnswerDue)} ครึ่งหนึ่งเสร็จภายใน {ThaiFigures.Duration(c.ToClose.MedianHours)}",
            ];
    }
}
