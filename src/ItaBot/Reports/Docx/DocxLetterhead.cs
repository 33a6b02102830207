using ItaBot.Content;
using Microsoft.Extensions.Options;

namespace ItaBot.Reports.Docx;

/// <summary>
/// What every DOCX report shares: the header (emblem where configured, agency, title, period, as-of), the count tables,
/// the "nothing to report" sentence and the signature block of the responsible officer.
/// </summary>
internal sealed class DocxLetterhead(IOptions<ReportOptions> options, ContentPackProvider content)
{
    public ReportOptions Options => options.Value;

    /// <summary>"อำเภอเกษตรสมบูรณ์ จังหวัดชัยภูมิ", from the content pack's address.</summary>
    public string Locality
    {
        get
        {
            var address = content.Current.Agency.Address;
            return $"อำเภอ{address.District} จังหวัด{address.Province}";
        }
    }

    public ContentPack Pack => content.Current;

    /// <summary>Starts a statistics report: emblem, agency, locality, title, period, as-of line.</summary>
    public DocxWriter BeginStatistics(ReportSnapshot snapshot, string title)
    {
        var writer = Begin(landscape: false);
        writer.Centered(snapshot.AgencyName, bold: true);
        writer.Centered(Locality);
        // Title and period on lines of their own: one line breaks the period in the middle ("ประจำปีงบประมาณ / พ.ศ. 2568").
        writer.Centered(title, bold: true, sizePt: Options.FontSizePt + 2);
        writer.Centered(snapshot.Period.ThaiTitle, bold: true, sizePt: Options.FontSizePt + 2);
        AsOf(writer, snapshot);
        return writer;
    }

    /// <summary>An empty writer with the emblem on top when one is configured.</summary>
    public DocxWriter Begin(bool landscape)
    {
        var writer = new DocxWriter(Options, landscape);
        if (!string.IsNullOrWhiteSpace(Options.EmblemFile) && DocxImage.TryRead(Options.EmblemFile) is { } emblem)
        {
            writer.Emblem(emblem);
        }

        return writer;
    }

    /// <summary>"ข้อมูล ณ วันที่ … เวลา … น." and, for a period over two fiscal years, a note saying so.</summary>
    public static void AsOf(DocxWriter writer, ReportSnapshot snapshot)
    {
        writer.Centered("ข้อมูล ณ วันที่ " + ThaiFigures.DateTime(snapshot.AsOf), keepNext: false);
        if (snapshot.Period.SpansFiscalYears)
        {
            writer.Centered("(ช่วงเวลานี้คาบเกี่ยวปีงบประมาณ พ.ศ. " + snapshot.Period.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " และ พ.ศ. " + ReportPeriod.FiscalYearOf(snapshot.Period.To).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")", keepNext: false);
        }
    }

    /// <summary>Signature block and the finished file, named "{kind minus -docx}-{period slug}.docx".</summary>
    public ReportDocument End(DocxWriter writer, ReportSnapshot snapshot, string kind, string title)
    {
        writer.Signature(Options.SignerName, Options.SignerPosition);
        var name = kind.EndsWith("-docx", StringComparison.Ordinal) ? kind[..^5] : kind;
        return writer.Finish($"{name}-{snapshot.Period.Slug}.docx", title + " " + snapshot.Period.ThaiTitle, snapshot.CompiledAt);
    }

    /// <summary>Measure 8.3's three figures (total, completed, in progress) with their shares of the total.</summary>
    public static void TotalsTable(DocxWriter writer, int total, int completed, int inProgress) =>
        writer.Table(
            [new DocxColumn("รายการ", 5), new DocxColumn("จำนวน (เรื่อง)", 3, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
            [
                ["เรื่องร้องเรียนทั้งหมด", ThaiFigures.Count(total), ThaiFigures.Percent(total, total)],
                [ReportDefinitions.Done, ThaiFigures.Count(completed), ThaiFigures.Percent(completed, total)],
                [ReportDefinitions.InProgress, ThaiFigures.Count(inProgress), ThaiFigures.Percent(inProgress, total)],
            ]);

    /// <summary>
    /// Statuses under the two figures they make up, so that the table adds up to the totals table: "ดำเนินการแล้วเสร็จ"
    /// (resolved, referred, not accepted) and "อยู่ระหว่างดำเนินการ" (received, assigned, in progress), each with its subtotal.
    /// </summary>
    public static void StatusTable(DocxWriter writer, IReadOnlyList<CountRow> byStatus, int done, int inProgress)
    {
        var total = done + inProgress;
        static bool IsOpen(CountRow r) => r.Key is "received" or "assigned" or "in-progress";
        // Labels by key, so that a snapshot stored before "แก้ไขเสร็จสิ้น" prints the same words.
        IReadOnlyList<string> Row(CountRow r) => ["- " + (r.Key == "completed" ? ReportDefinitions.Resolved : r.Label), ThaiFigures.Count(r.Count), ThaiFigures.Percent(r.Count, total)];
        writer.Table(
            [new DocxColumn("สถานะ", 5), new DocxColumn("จำนวน (เรื่อง)", 3, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
            [
                [ReportDefinitions.Done, ThaiFigures.Count(done), ThaiFigures.Percent(done, total)],
                .. byStatus.Where(r => !IsOpen(r)).Select(Row),
                [ReportDefinitions.InProgress, ThaiFigures.Count(inProgress), ThaiFigures.Percent(inProgress, total)],
                .. byStatus.Where(IsOpen).Select(Row),
            ],
            ["รวม", ThaiFigures.Count(total), ThaiFigures.Percent(total, total)]);
    }

    /// <summary>A breakdown table: label, count, percent of <paramref name="total"/>, and a total row.</summary>
    public static void CountTable(DocxWriter writer, string labelHeader, string unit, IReadOnlyList<CountRow> rows, int total)
    {
        writer.Table(
            [new DocxColumn(labelHeader, 5), new DocxColumn($"จำนวน ({unit})", 3, Centered: true), new DocxColumn("ร้อยละ", 2, Centered: true)],
            rows.Select(r => (IReadOnlyList<string>)[r.Label, ThaiFigures.Count(r.Count), ThaiFigures.Percent(r.Count, total)]),
            ["รวม", ThaiFigures.Count(rows.Sum(r => r.Count)), ThaiFigures.Percent(rows.Sum(r => r.Count), total)]);
    }

    /// <summary>A table of counts per month of the period, with a total row.</summary>
    public static void MonthTable(DocxWriter writer, string unit, IReadOnlyList<MonthCount> months)
    {
        writer.Table(
            [new DocxColumn("เดือน", 6), new DocxColumn($"จำนวน ({unit})", 4, Centered: true)],
            months.Select(m => (IReadOnlyList<string>)[ThaiFigures.Month(m.Year, m.Month), ThaiFigures.Count(m.Count)]),
            ["รวม", ThaiFigures.Count(months.Sum(m => m.Count))]);
    }
}
