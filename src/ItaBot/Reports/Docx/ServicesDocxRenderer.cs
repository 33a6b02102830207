namespace ItaBot.Reports.Docx;

/// <summary>
/// Measure 3.3: people served through E-Service (LINE, web) against walk-ins recorded by staff, per service and per
/// month; and measure 4.6: the questions the LINE channel answered, offered a choice for, or handed over to staff.
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
        writer.Heading("1. จำนวนผู้รับบริการจำแนกตามช่องทาง");
        writer.Table(
            [new DocxColumn("ช่องทาง", 5), new DocxColumn("จำนวน (ครั้ง)", 3, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
            [
                ["ผ่านช่องทาง E-Service (LINE และเว็บไซต์)", ThaiFigures.Count(figures.EServiceTotal), ThaiFigures.Percent(figures.EServiceTotal, total)],
                ["ณ จุดให้บริการ (Walk-in)", ThaiFigures.Count(figures.WalkInTotal), ThaiFigures.Percent(figures.WalkInTotal, total)],
            ],
            ["รวม", ThaiFigures.Count(total), ThaiFigures.Percent(total, total)]);

        writer.Heading("2. จำแนกตามงานบริการ");
        writer.Table(
            [new DocxColumn("ที่", 1, Centered: true), new DocxColumn("งานบริการ", 6), new DocxColumn("E-Service", 2, Centered: true), new DocxColumn("Walk-in", 2, Centered: true), new DocxColumn("รวม", 2, Centered: true)],
            figures.Services.Select((s, i) => (IReadOnlyList<string>)
                [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), s.Name, ThaiFigures.Count(s.EService), ThaiFigures.Count(s.WalkIn), ThaiFigures.Count(s.EService + s.WalkIn)]),
            [string.Empty, "รวม", ThaiFigures.Count(figures.EServiceTotal), ThaiFigures.Count(figures.WalkInTotal), ThaiFigures.Count(total)]);

        writer.Heading("3. จำแนกตามเดือน");
        var months = snapshot.Period.Months;
        var eByMonth = SumByMonth(months, figures.Services.Select(s => s.EServiceByMonth));
        var wByMonth = SumByMonth(months, figures.Services.Select(s => s.WalkInByMonth));
        writer.Table(
            [new DocxColumn("เดือน", 4), new DocxColumn("E-Service", 2, Centered: true), new DocxColumn("Walk-in", 2, Centered: true), new DocxColumn("รวม", 2, Centered: true)],
            months.Select((m, i) => (IReadOnlyList<string>)
                [ThaiFigures.Month(m.Year, m.Month), ThaiFigures.Count(eByMonth[i]), ThaiFigures.Count(wByMonth[i]), ThaiFigures.Count(eByMonth[i] + wByMonth[i])]),
            ["รวม", ThaiFigures.Count(eByMonth.Sum()), ThaiFigures.Count(wByMonth.Sum()), ThaiFigures.Count(eByMonth.Sum() + wByMonth.Sum())]);

        writer.Heading("4. การตอบคำถามผ่าน LINE Official Account (ช่องทางถาม–ตอบ Q&A)");
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
                    ["เจ้าหน้าที่ตอบแล้ว", ThaiFigures.Count(qa.AnsweredByStaff), ThaiFigures.Percent(qa.AnsweredByStaff, qa.Questions)],
                    ["ยังไม่ได้ตอบ", ThaiFigures.Count(qa.Unanswered), ThaiFigures.Percent(qa.Unanswered, qa.Questions)],
                ]);
        }

        if (figures.Services.Count > 0)
        {
            writer.Heading("5. รายละเอียดรายเดือนแยกตามงานบริการ");
            for (var i = 0; i < figures.Services.Count; i++)
            {
                var service = figures.Services[i];
                var e = SumByMonth(months, [service.EServiceByMonth]);
                var w = SumByMonth(months, [service.WalkInByMonth]);
                writer.Text($"5.{i + 1} {service.Name}", bold: true, keepNext: true);
                writer.Table(
                    [new DocxColumn("เดือน", 4), new DocxColumn("E-Service", 2, Centered: true), new DocxColumn("Walk-in", 2, Centered: true), new DocxColumn("รวม", 2, Centered: true)],
                    months.Select((m, j) => (IReadOnlyList<string>)
                        [ThaiFigures.Month(m.Year, m.Month), ThaiFigures.Count(e[j]), ThaiFigures.Count(w[j]), ThaiFigures.Count(e[j] + w[j])]),
                    ["รวม", ThaiFigures.Count(service.EService), ThaiFigures.Count(service.WalkIn), ThaiFigures.Count(service.EService + service.WalkIn)]);
            }
        }

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
