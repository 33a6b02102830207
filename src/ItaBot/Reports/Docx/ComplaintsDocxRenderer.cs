namespace ItaBot.Reports.Docx;

/// <summary>
/// General complaints (roads, lights, garbage…): totals, by month, category, department, status and channel; time to
/// acknowledge and to close (median, 90th percentile, average, as clerks write durations); deadlines met; satisfaction.
/// </summary>
internal sealed class ComplaintsDocxRenderer(DocxLetterhead letterhead) : IReportRenderer
{
    public const string DocumentTitle = "รายงานสถิติเรื่องร้องเรียนร้องทุกข์ทั่วไป";

    private static readonly string[] RatingLabels = ["1 (น้อยที่สุด)", "2 (น้อย)", "3 (ปานกลาง)", "4 (มาก)", "5 (มากที่สุด)"];

    public string Kind => "complaints-docx";

    public string Title => DocumentTitle + " (DOCX)";

    public bool IsPublic => true;

    public static string NoneSentence(ReportPeriod period) => "ไม่มีเรื่องร้องเรียนร้องทุกข์ " + period.ThaiTitle;

    public ReportDocument Render(ReportSnapshot snapshot)
    {
        var figures = snapshot.Complaints;
        using var writer = letterhead.BeginStatistics(snapshot, DocumentTitle);
        if (figures.Total == 0)
        {
            writer.Heading(NoneSentence(snapshot.Period));
            return letterhead.End(writer, snapshot, Kind, DocumentTitle);
        }

        writer.Heading("1. จำนวนเรื่องร้องเรียน");
        DocxLetterhead.TotalsTable(writer, figures.Total, figures.Completed, figures.InProgress);

        writer.Heading("2. จำแนกตามเดือนที่รับเรื่อง");
        DocxLetterhead.MonthTable(writer, "เรื่อง", figures.ByMonth);

        writer.Heading("3. จำแนกตามประเภทเรื่อง");
        DocxLetterhead.CountTable(writer, "ประเภทเรื่อง", "เรื่อง", figures.ByCategory, figures.Total);

        writer.Heading("4. จำแนกตามหน่วยงานที่รับผิดชอบ");
        DocxLetterhead.CountTable(writer, "หน่วยงาน", "เรื่อง", figures.ByDepartment, figures.Total);

        writer.Heading("5. จำแนกตามสถานะ");
        DocxLetterhead.StatusTable(writer, figures.ByStatus, figures.Completed, figures.InProgress);

        writer.Heading("6. จำแนกตามช่องทางที่รับเรื่อง");
        DocxLetterhead.CountTable(writer, "ช่องทาง", "เรื่อง", figures.ByChannel, figures.Total);

        writer.Heading("7. ระยะเวลาดำเนินการ");
        writer.Table(
            [
                new DocxColumn("รายการ", 4), new DocxColumn("จำนวน (เรื่อง)", 2, Centered: true),
                new DocxColumn("ครึ่งหนึ่งเสร็จภายใน (มัธยฐาน)", 3, Centered: true), new DocxColumn("ร้อยละ 90 เสร็จภายใน", 3, Centered: true),
                new DocxColumn("เฉลี่ย", 3, Centered: true),
            ],
            [DurationRow("ตอบรับเรื่อง", figures.ToAcknowledge), DurationRow("ดำเนินการจนแล้วเสร็จ", figures.ToClose)]);

        var deadlines = figures.Deadlines;
        writer.Heading("8. การดำเนินการตามกำหนดเวลา");
        writer.Table(
            [new DocxColumn("รายการ", 4), new DocxColumn("ครบกำหนด (เรื่อง)", 2, Centered: true), new DocxColumn("ทันกำหนด (เรื่อง)", 2, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
            [
                ["ตอบรับเรื่องภายในกำหนด", ThaiFigures.Count(deadlines.AcknowledgeDue), ThaiFigures.Count(deadlines.AcknowledgeMet), ThaiFigures.Percent(deadlines.AcknowledgeMet, deadlines.AcknowledgeDue)],
                ["แจ้งผลภายในกำหนด", ThaiFigures.Count(deadlines.AnswerDue), ThaiFigures.Count(deadlines.AnswerMet), ThaiFigures.Percent(deadlines.AnswerMet, deadlines.AnswerDue)],
            ]);

        var ratings = figures.Ratings;
        writer.Heading("9. ความพึงพอใจของผู้ร้องเรียน");
        if (ratings.Rated == 0)
        {
            writer.Text($"ยังไม่มีผู้ประเมินความพึงพอใจ (เรื่องที่แก้ไขเสร็จสิ้นและประเมินได้ {ThaiFigures.Count(ratings.Eligible)} เรื่อง)");
        }
        else
        {
            writer.Text($"คะแนนเฉลี่ย {ThaiFigures.Decimal(ratings.Average, "0.0")} จาก 5 คะแนน ผู้ประเมิน {ThaiFigures.Count(ratings.Rated)} ราย จากเรื่องที่แก้ไขเสร็จสิ้น {ThaiFigures.Count(ratings.Eligible)} เรื่อง (ร้อยละ {ThaiFigures.Percent(ratings.Rated, ratings.Eligible)})", keepNext: true);
            writer.Table(
                [new DocxColumn("คะแนน", 5), new DocxColumn("จำนวน (เรื่อง)", 3, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
                Enumerable.Range(0, 5).Reverse().Select(i => (IReadOnlyList<string>)
                    [RatingLabels[i], ThaiFigures.Count(i < ratings.Distribution.Count ? ratings.Distribution[i] : 0), ThaiFigures.Percent(i < ratings.Distribution.Count ? ratings.Distribution[i] : 0, ratings.Rated)]),
                ["รวม", ThaiFigures.Count(ratings.Rated), ThaiFigures.Percent(ratings.Rated, ratings.Rated)]);
        }

        writer.Note(ReportDefinitions.Complaints);
        return letterhead.End(writer, snapshot, Kind, DocumentTitle);
    }

    private static IReadOnlyList<string> DurationRow(string label, DurationFigures d) =>
        [label, ThaiFigures.Count(d.Count), ThaiFigures.Duration(d.MedianHours), ThaiFigures.Duration(d.P90Hours), ThaiFigures.Duration(d.AverageHours)];
}
