using ItaBot.Content;

namespace ItaBot.Reports.Docx;

/// <summary>
/// The agency's integrity-measures report in the seed report's seven columns, landscape, one row per measure of the
/// content pack (content/measures.yaml). The output and outcome columns are the agency's own sentences with the period's
/// figures (<see cref="MeasureFigures"/>), so the coordinator can file it as it is. Not public: the coordinator files it.
/// </summary>
internal sealed class MeasuresDocxRenderer(DocxLetterhead letterhead) : IReportRenderer
{
    public const string DocumentTitle = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน";

    public const string NoMeasures = "ยังไม่ได้กำหนดมาตรการของหน่วยงาน จึงยังไม่มีรายการในรายงานนี้";

    /// <summary>
    /// The seven columns of the seed report, with their share of the landscape width: the short columns are wide enough
    /// for their longest word ("ลำดับ", "ผู้รับผิดชอบ", "ปีงบประมาณ", "(outcome/result)"), or it is printed cut in two (DocxColumnWidthTests).
    /// </summary>
    public static readonly IReadOnlyList<DocxColumn> Columns =
    [
        new("ลำดับที่", 8, Centered: true),
        new("มาตรการหรือกิจกรรมที่ดำเนินการ", 16),
        new("ขั้นตอนหรือวิธีการปฏิบัติ", 15),
        new("ช่วงระยะเวลาในการดำเนินการ", 12, Centered: true),
        new("ผู้รับผิดชอบ", 12, Centered: true),
        new("ผลการดำเนินการ (output)", 18),
        new("ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome/result)", 19),
    ];

    public string Kind => "measures-docx";

    public string Title => "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส (DOCX)";

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
            var figure = MeasureFigures.For(snapshot, letterhead.Pack);
            writer.Table(Columns, measures.Select((m, i) => Row(m, i > 0 ? measures[i - 1] : null, figure)), rowsMaySplit: true, sizePt: letterhead.Options.FontSizePt - 2);
            writer.Note(ReportDefinitions.Complaints);
        }

        return letterhead.End(writer, snapshot, Kind, DocumentTitle);
    }

    /// <summary>
    /// One measure's row. Like the seed report, a measure title shared with the row above is not repeated: the row
    /// carries only its activity. Output and outcome are the agency's sentences with the period's figures filled in.
    /// </summary>
    private static IReadOnlyList<string> Row(Measure measure, Measure? previous, Func<string, string> figure) =>
    [
        measure.Id,
        previous?.Title == measure.Title ? measure.Activity : measure.Title + "\n" + measure.Activity,
        string.Join('\n', measure.Steps),
        measure.Period,
        measure.Responsible,
        MeasureText.Fill(measure.Output ?? string.Empty, figure),
        MeasureText.Fill(measure.Outcome ?? string.Empty, figure),
    ];
}

/// <summary>
/// The figures a measure's sentences name (<see cref="MeasureText.Placeholders"/>), from the snapshot and, for what the
/// agency publishes (services, FAQ, executives, news), from the content pack. Every count uses the one definition of
/// <see cref="ReportDefinitions"/>: "done" is every closed record.
/// </summary>
internal static class MeasureFigures
{
    public static Func<string, string> For(ReportSnapshot snapshot, ContentPack pack)
    {
        var s = snapshot.Services;
        var q = s.Questions;
        var c = snapshot.Complaints;
        var k = snapshot.Corruption;
        var served = s.EServiceTotal + s.WalkInTotal;
        var byBot = q.Answered + q.AnsweredAfterChoice;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["services_published"] = ThaiFigures.Count(pack.Services.Count),
            ["faq_entries"] = ThaiFigures.Count(pack.Faq.Count),
            ["executives"] = ThaiFigures.Count(pack.Executives.Count),
            ["news"] = ThaiFigures.Count(pack.News.Count(n => n.Date >= snapshot.Period.From && n.Date <= snapshot.Period.To)),
            ["eservice"] = ThaiFigures.Count(s.EServiceTotal),
            ["walkin"] = ThaiFigures.Count(s.WalkInTotal),
            ["served"] = ThaiFigures.Count(served),
            ["eservice_pct"] = ThaiFigures.Percent(s.EServiceTotal, served),
            ["services_active"] = ThaiFigures.Count(s.Services.Count(r => r.EService + r.WalkIn > 0)),
            ["questions"] = ThaiFigures.Count(q.Questions),
            ["answered_by_bot"] = ThaiFigures.Count(byBot),
            ["answered_by_bot_pct"] = ThaiFigures.Percent(byBot, q.Questions),
            ["handed_over"] = ThaiFigures.Count(q.HandedOver),
            ["answered_by_staff"] = ThaiFigures.Count(q.AnsweredByStaff),
            ["complaints"] = ThaiFigures.Count(c.Total),
            ["complaints_done"] = ThaiFigures.Count(c.Completed),
            ["complaints_done_pct"] = ThaiFigures.Percent(c.Completed, c.Total),
            ["complaints_in_progress"] = ThaiFigures.Count(c.InProgress),
            ["answer_on_time_pct"] = ThaiFigures.Percent(c.Deadlines.AnswerMet, c.Deadlines.AnswerDue),
            ["satisfaction"] = ThaiFigures.Decimal(c.Ratings.Average, "0.0"),
            ["rated"] = ThaiFigures.Count(c.Ratings.Rated),
            ["corruption"] = ThaiFigures.Count(k.Total),
            ["corruption_done"] = ThaiFigures.Count(k.Completed),
            ["corruption_in_progress"] = ThaiFigures.Count(k.InProgress),
            ["corruption_online"] = ThaiFigures.Count(k.ByChannel.Where(r => r.Key is "line" or "web").Sum(r => r.Count)),
        };
        return name => values.TryGetValue(name, out var v) ? v : ThaiFigures.None;
    }
}
