namespace ItaBot.Reports.Docx;

/// <summary>
/// Measure 3.3 first: walk-ins recorded by staff against E-Service (LINE, web) per service that had requests (services
/// without any in one line), then by channel and month; and measure 4.6: the questions the LINE channel answered,
/// offered a choice for, or handed over to staff. Per-service months are in the open data, not here (28 pages of zeros).
/// </summary>
internal sealed class ServicesDocxRenderer(DocxLetterhead letterhead) : IReportRenderer
{
    public const string DocumentTitle = "รายงานสถิติการให้บริการ";

    public string Kind => "services-docx";

    public string Title => DocumentTitle + " (DOCX)";

    public bool IsPublic => true;

    public static string NoneSentence(ReportPeriod period) => "ไม่มีข้อมูลการให้บริการ " + period.ThaiTitle;

    public ReportDocument Render(ReportSnapshot snapshot)
    {
        var figures = snapshot.Services;
        var qa = figures.Questions;
        using var writer = letterhead.BeginStatistics(snapshot, DocumentTitle);
        if (figures.EServiceTotal + figures.WalkInTotal == 0 && qa.Questions == 0)
        {
            writer.Heading(NoneSentence(snapshot.Period));
            return letterhead.End(writer, snapshot, Kind, DocumentTitle);
        }

        var total = figures.EServiceTotal + figures.WalkInTotal;
        var active = figures.Services.Where(r => r.EService + r.WalkIn > 0).ToList();
        var idle = figures.Services.Where(r => r.EService + r.WalkIn == 0).ToList();

        // Measure 3.3 first: walk-in against E-Service per service that had requests.
        writer.Heading("1. ผู้รับบริการ Walk-in และ E-Service จำแนกตามงานบริการ");
        writer.Table(
            [new DocxColumn("ที่", 1, Centered: true), new DocxColumn("งานบริการ", 6), new DocxColumn("Walk-in (ครั้ง)", 3, Centered: true), new DocxColumn("E-Service (ครั้ง)", 3, Centered: true), new DocxColumn("รวม (ครั้ง)", 2, Centered: true)],
            active.Select((r, i) => (IReadOnlyList<string>)
                [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name, ThaiFigures.Count(r.WalkIn), ThaiFigures.Count(r.EService), ThaiFigures.Count(r.EService + r.WalkIn)]),
            [string.Empty, "รวม", ThaiFigures.Count(figures.WalkInTotal), ThaiFigures.Count(figures.EServiceTotal), ThaiFigures.Count(total)]);
        if (idle.Count > 0)
        {
            writer.Text($"งานบริการที่ไม่มีผู้ขอรับบริการในช่วงเวลานี้ {ThaiFigures.Count(idle.Count)} งาน ได้แก่ {string.Join(" ", idle.Select(r => r.Name))}");
        }

        writer.Heading("2. สรุปจำนวนผู้รับบริการจำแนกตามช่องทาง");
        writer.Table(
            [new DocxColumn("ช่องทาง", 5), new DocxColumn("จำนวน (ครั้ง)", 3, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
            [
                ["ณ จุดให้บริการ (Walk-in)", ThaiFigures.Count(figures.WalkInTotal), ThaiFigures.Percent(figures.WalkInTotal, total)],
                ["ผ่านช่องทาง E-Service (LINE Official Account และเว็บไซต์)", ThaiFigures.Count(figures.EServiceTotal), ThaiFigures.Percent(figures.EServiceTotal, total)],
            ],
            ["รวม", ThaiFigures.Count(total), ThaiFigures.Percent(total, total)]);

        writer.Heading("3. จำแนกตามเดือน");
        var months = snapshot.Period.Months;
        var eByMonth = SumByMonth(months, figures.Services.Select(s => s.EServiceByMonth));
        var wByMonth = SumByMonth(months, figures.Services.Select(s => s.WalkInByMonth));
        writer.Table(
            [new DocxColumn("เดือน", 4), new DocxColumn("Walk-in", 2, Centered: true), new DocxColumn("E-Service", 2, Centered: true), new DocxColumn("รวม", 2, Centered: true)],
            months.Select((m, i) => (IReadOnlyList<string>)
                [ThaiFigures.Month(m.Year, m.Month), ThaiFigures.Count(wByMonth[i]), ThaiFigures.Count(eByMonth[i]), ThaiFigures.Count(eByMonth[i] + wByMonth[i])]),
            ["รวม", ThaiFigures.Count(wByMonth.Sum()), ThaiFigures.Count(eByMonth.Sum()), ThaiFigures.Count(eByMonth.Sum() + wByMonth.Sum())]);

        writer.Heading("4. การตอบคำถามผ่าน LINE Official Account (ช่องทางถาม-ตอบ Q&A)");
        if (qa.Questions == 0)
        {
            writer.Text("ไม่มีคำถามในช่วงเวลานี้");
        }
        else
        {
            writer.Table(
                [new DocxColumn("รายการ", 5), new DocxColumn("จำนวน (คำถาม)", 3, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
                [
                    ["คำถามทั้งหมด", ThaiFigures.Count(qa.Questions), ThaiFigures.Percent(qa.Questions, qa.Questions)],
                    ["ระบบตอบได้ทันที", ThaiFigures.Count(qa.Answered), ThaiFigures.Percent(qa.Answered, qa.Questions)],
                    ["ระบบตอบหลังผู้ถามเลือกหัวข้อ", ThaiFigures.Count(qa.AnsweredAfterChoice), ThaiFigures.Percent(qa.AnsweredAfterChoice, qa.Questions)],
                    ["ส่งต่อเจ้าหน้าที่", ThaiFigures.Count(qa.HandedOver), ThaiFigures.Percent(qa.HandedOver, qa.Questions)],
                    ["ยังไม่ได้คำตอบ", ThaiFigures.Count(qa.Unanswered), ThaiFigures.Percent(qa.Unanswered, qa.Questions)],
                ]);
            writer.Text($"คำถามที่ส่งต่อเจ้าหน้าที่ในช่วงเวลานี้ เจ้าหน้าที่ตอบกลับแล้ว {ThaiFigures.Count(qa.AnsweredByStaff)} คำถาม");
        }

        writer.Note(ReportDefinitions.Services);
        return letterhead.End(writer, snapshot, Kind, DocumentTitle);
    }

    /// <summary>Per month of the period, the sum over the given series (months missing from a series count 0).</summary>
    private static int[] SumByMonth(IReadOnlyList<(int Year, int Month)> months, IEnumerable<IReadOnlyList<MonthCount>> series)
    {
        var index = new Dictionary<(int, int), int>();
        for (var i = 0; i < months.Count; i++)
        {
            index[months[i]] = i;
        }

        var sums = new int[months.Count];
        foreach (var counts in series)
        {
            foreach (var c in counts)
            {
                if (index.TryGetValue((c.Year, c.Month), out var i))
                {
                    sums[i] += c.Count;
                }
            }
        }

        return sums;
    }
}
