namespace ItaBot.Reports.Docx;

/// <summary>
/// Measure 8.3: statistics of corruption and misconduct complaints — total, completed, in progress, by month, channel
/// and outcome. Counted from the vault's aggregate figures only. A period without any prints "ไม่มีเรื่องร้องเรียน…"
/// with the period instead of empty tables, as the ITA asks.
/// </summary>
internal sealed class CorruptionDocxRenderer(DocxLetterhead letterhead) : IReportRenderer
{
    public const string DocumentTitle = "รายงานสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ";

    public string Kind => "corruption-docx";

    public string Title => DocumentTitle + " (DOCX)";

    public bool IsPublic => true;

    /// <summary>The sentence printed for a period with no complaint.</summary>
    public static string NoneSentence(ReportPeriod period) => "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ " + period.ThaiTitle;

    public ReportDocument Render(ReportSnapshot snapshot)
    {
        var figures = snapshot.Corruption;
        using var writer = letterhead.BeginStatistics(snapshot, DocumentTitle);
        if (figures.Total == 0)
        {
            writer.Heading(NoneSentence(snapshot.Period));
            writer.Text("(เรื่องร้องเรียนทั้งหมด 0 เรื่อง ดำเนินการแล้วเสร็จ 0 เรื่อง อยู่ระหว่างดำเนินการ 0 เรื่อง)");
            return letterhead.End(writer, snapshot, Kind, DocumentTitle);
        }

        writer.Heading("1. จำนวนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ");
        DocxLetterhead.TotalsTable(writer, figures.Total, figures.Completed, figures.InProgress);

        writer.Heading("2. จำแนกตามเดือนที่รับเรื่อง");
        DocxLetterhead.MonthTable(writer, "เรื่อง", figures.ByMonth);

        writer.Heading("3. จำแนกตามช่องทางที่รับเรื่อง");
        DocxLetterhead.CountTable(writer, "ช่องทาง", "เรื่อง", figures.ByChannel, figures.Total);

        writer.Heading("4. จำแนกตามสถานะ");
        DocxLetterhead.StatusTable(writer, figures.ByStatus, figures.Completed, figures.InProgress);

        writer.Heading("5. จำแนกตามผลการพิจารณา (เรื่องที่ดำเนินการแล้วเสร็จ)");
        DocxLetterhead.CountTable(writer, "ผลการพิจารณา", "เรื่อง", figures.ByOutcome, figures.Completed);

        writer.Note(ReportDefinitions.Corruption);
        return letterhead.End(writer, snapshot, Kind, DocumentTitle);
    }
}
