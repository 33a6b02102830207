using System.Globalization;
using ItaBot.Complaints;
using ItaBot.Reports;
using ItaBot.Staff;

namespace ItaBot.Transparency;

/// <summary>A link to one public document of the report (CSV, JSON, DOCX…).</summary>
internal sealed record DownloadLink(string Title, string Href);

/// <summary>
/// The body of a public report page, drawn from a snapshot only: measure 8.3 (corruption complaints), general
/// complaints, measure 3.3 (E-Service against walk-in) and measure 4.6 (questions in LINE). Every chart is followed by
/// a table of the same figures; a part with nothing in it says so in Thai instead of showing empty tables.
/// </summary>
internal static class ReportView
{
    public const string NoComplaints = "ไม่มีเรื่องร้องเรียน";

    public static string Title(ReportSnapshot snapshot) => "สถิติเรื่องร้องเรียนและการให้บริการ " + snapshot.Period.ThaiTitle;

    /// <summary>"1 ต.ค. 2568 08:00 น." for a stored instant, whatever kind LiteDB gave it back with.</summary>
    public static string AsOf(DateTime instant) => ThaiTime.DateAndTime(ToUtc(instant));

    public static DateTime ToUtc(DateTime instant) => instant.Kind switch
    {
        DateTimeKind.Local => instant.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(instant, DateTimeKind.Utc),
        _ => instant,
    };

    public static Html Body(ReportSnapshot snapshot, IReadOnlyList<DownloadLink> downloads) => Html.Of($"""
        <h1>{Title(snapshot)}</h1>
        <p class="asof">ข้อมูล ณ วันที่ {AsOf(snapshot.AsOf)} · ช่วงเวลา {ThaiDates.Long(snapshot.Period.From)} – {ThaiDates.Long(snapshot.Period.To)}</p>
        {(snapshot.Period.SpansFiscalYears ? Html.Of($"""<p class="hint">ช่วงเวลานี้คาบเกี่ยวมากกว่าหนึ่งปีงบประมาณค่ะ</p>""") : Html.Empty)}
        {Downloads(downloads)}
        {Corruption(snapshot)}
        {Complaints(snapshot)}
        {Services(snapshot)}
        {Questions(snapshot.Services.Questions)}
        {Trace(snapshot)}
        """);

    private static Html Downloads(IReadOnlyList<DownloadLink> downloads) => downloads.Count == 0
        ? Html.Empty
        : Html.Of($"""
            <section class="downloads" aria-label="ดาวน์โหลด">
            <strong>ดาวน์โหลดข้อมูล</strong>
            <ul>{downloads.Select(d => Html.Of($"""<li><a href="{d.Href}">{d.Title}</a></li>"""))}</ul>
            </section>
            """);

    private static Html Corruption(ReportSnapshot snapshot)
    {
        var c = snapshot.Corruption;
        var months = snapshot.Period.Months;
        var body = c.Total == 0
            ? Html.Of($"""<p class="none">{NoComplaints}</p>""")
            : Html.Of($"""
                {Share("corruption-share", "เรื่องร้องเรียนการทุจริตแยกตามผลการดำเนินงาน", [("ดำเนินการแล้วเสร็จ", c.Completed), ("อยู่ระหว่างดำเนินการ", c.InProgress)], "เรื่อง")}
                {Monthly("corruption-months", "เรื่องร้องเรียนการทุจริตรายเดือน", months, [new ChartSeries("เรื่องร้องเรียน", SvgCharts.Palette[0], Counts(c.ByMonth, months))], "เรื่อง")}
                {MonthTable("เรื่องร้องเรียนการทุจริตรายเดือน", months, [("จำนวน (เรื่อง)", Counts(c.ByMonth, months))])}
                {CountTable("ช่องทางที่รับเรื่อง", "ช่องทาง", c.ByChannel, c.Total)}
                {CountTable("สถานะของเรื่อง", "สถานะ", c.ByStatus, c.Total)}
                {(c.ByOutcome.Count == 0 ? Html.Empty : CountTable("ผลการพิจารณา (เรื่องที่ดำเนินการแล้วเสร็จ)", "ผล", c.ByOutcome, c.ByOutcome.Sum(r => r.Count)))}
                """);
        return Html.Of($"""
            <section class="part" id="corruption" tabindex="0" aria-labelledby="corruption-title">
            <h2 id="corruption-title">สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ</h2>
            {Totals("สรุปเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", c.Total, c.Completed, c.InProgress)}
            {body}
            <p class="hint">หมายเหตุ: {ReportDefinitions.Corruption}</p>
            </section>
            """);
    }

    private static Html Complaints(ReportSnapshot snapshot)
    {
        var c = snapshot.Complaints;
        var months = snapshot.Period.Months;
        var body = c.Total == 0
            ? Html.Of($"""<p class="none">{NoComplaints}</p>""")
            : Html.Of($"""
                {Share("complaints-share", "เรื่องร้องเรียนทั่วไปแยกตามสถานะ", [.. c.ByStatus.Select(r => (r.Label, r.Count))], "เรื่อง")}
                {CountTable("สถานะของเรื่อง", "สถานะ", c.ByStatus, c.Total)}
                {Monthly("complaints-months", "เรื่องร้องเรียนทั่วไปรายเดือน", months, [new ChartSeries("เรื่องร้องเรียน", SvgCharts.Palette[0], Counts(c.ByMonth, months))], "เรื่อง")}
                {MonthTable("เรื่องร้องเรียนทั่วไปรายเดือน", months, [("จำนวน (เรื่อง)", Counts(c.ByMonth, months))])}
                {CountTable("ประเภทเรื่อง", "ประเภท", c.ByCategory, c.Total)}
                {CountTable("หน่วยงานที่รับผิดชอบ", "หน่วยงาน", c.ByDepartment, c.Total)}
                {CountTable("ช่องทางที่รับเรื่อง", "ช่องทาง", c.ByChannel, c.Total)}
                {Timing(c)}
                {Ratings(c.Ratings)}
                """);
        return Html.Of($"""
            <section class="part" id="complaints" tabindex="0" aria-labelledby="complaints-title">
            <h2 id="complaints-title">สถิติเรื่องร้องเรียนทั่วไป</h2>
            {Totals("สรุปเรื่องร้องเรียนทั่วไป", c.Total, c.Completed, c.InProgress)}
            {body}
            <p class="hint">หมายเหตุ: {ReportDefinitions.Complaints}</p>
            </section>
            """);
    }

    private static Html Timing(ComplaintFigures c) => Html.Of($"""
        <table class="short">
        <caption>ระยะเวลาและการดำเนินการตามกำหนด</caption>
        <thead><tr><th scope="col">รายการ</th><th scope="col" class="n">จำนวนเรื่อง</th><th scope="col" class="n">ค่ากลาง</th><th scope="col" class="n">90% ของเรื่องภายใน</th><th scope="col" class="n">เฉลี่ย</th></tr></thead>
        <tbody>
        <tr><th scope="row">รับเรื่อง (ตอบรับครั้งแรก)</th><td class="n">{N(c.ToAcknowledge.Count)}</td><td class="n">{Hours(c.ToAcknowledge.MedianHours)}</td><td class="n">{Hours(c.ToAcknowledge.P90Hours)}</td><td class="n">{Hours(c.ToAcknowledge.AverageHours)}</td></tr>
        <tr><th scope="row">ดำเนินการแล้วเสร็จ</th><td class="n">{N(c.ToClose.Count)}</td><td class="n">{Hours(c.ToClose.MedianHours)}</td><td class="n">{Hours(c.ToClose.P90Hours)}</td><td class="n">{Hours(c.ToClose.AverageHours)}</td></tr>
        </tbody>
        </table>
        <table class="short">
        <caption>การดำเนินการทันตามกำหนด</caption>
        <thead><tr><th scope="col">กำหนด</th><th scope="col" class="n">ครบกำหนด</th><th scope="col" class="n">ทันกำหนด</th><th scope="col" class="n">ร้อยละ</th></tr></thead>
        <tbody>
        <tr><th scope="row">รับเรื่อง</th><td class="n">{N(c.Deadlines.AcknowledgeDue)}</td><td class="n">{N(c.Deadlines.AcknowledgeMet)}</td><td class="n">{SvgCharts.Percent(c.Deadlines.AcknowledgeMet, c.Deadlines.AcknowledgeDue)}</td></tr>
        <tr><th scope="row">แจ้งผล</th><td class="n">{N(c.Deadlines.AnswerDue)}</td><td class="n">{N(c.Deadlines.AnswerMet)}</td><td class="n">{SvgCharts.Percent(c.Deadlines.AnswerMet, c.Deadlines.AnswerDue)}</td></tr>
        </tbody>
        </table>
        """);

    private static Html Ratings(RatingFigures r) => Html.Of($"""
        <table class="short">
        <caption>ความพึงพอใจของผู้ร้องเรียน (เรื่องที่แก้ไขเสร็จสิ้น {N(r.Eligible)} เรื่อง ให้คะแนน {N(r.Rated)} ราย ร้อยละ {SvgCharts.Percent(r.Rated, r.Eligible)}; คะแนนเฉลี่ย {(r.Average is { } a ? a.ToString("0.0", CultureInfo.InvariantCulture) : "-")} จาก 5)</caption>
        <thead><tr><th scope="col">คะแนน</th><th scope="col" class="n">จำนวน</th><th scope="col" class="n">ร้อยละ</th></tr></thead>
        <tbody>{Enumerable.Range(1, r.Distribution.Count).Reverse().Select(score => Html.Of($"""<tr><th scope="row">{score} คะแนน</th><td class="n">{N(r.Distribution[score - 1])}</td><td class="n">{SvgCharts.Percent(r.Distribution[score - 1], r.Rated)}</td></tr>"""))}</tbody>
        </table>
        """);

    private static Html Services(ReportSnapshot snapshot)
    {
        var s = snapshot.Services;
        var months = snapshot.Period.Months;
        var eService = Sum(s.Services.Select(r => r.EServiceByMonth), months);
        var walkIn = Sum(s.Services.Select(r => r.WalkInByMonth), months);
        var total = s.EServiceTotal + s.WalkInTotal;
        var body = total == 0
            ? Html.Of($"""<p class="none">ไม่มีข้อมูลการให้บริการในช่วงเวลานี้</p>""")
            : Html.Of($"""
                {Share("services-share", "ช่องทางการรับบริการ", [("E-Service (LINE และเว็บไซต์)", s.EServiceTotal), ("ติดต่อด้วยตนเอง", s.WalkInTotal)], "ครั้ง")}
                {Monthly("services-months", "การให้บริการรายเดือน", months,
                    [new ChartSeries("E-Service", SvgCharts.Palette[0], eService), new ChartSeries("ติดต่อด้วยตนเอง", SvgCharts.Palette[1], walkIn)], "ครั้ง")}
                {MonthTable("การให้บริการรายเดือน", months, [("E-Service", eService), ("ติดต่อด้วยตนเอง", walkIn)])}
                <table>
                <caption>แยกตามงานบริการ</caption>
                <thead><tr><th scope="col">งานบริการ</th><th scope="col" class="n">E-Service</th><th scope="col" class="n">ติดต่อด้วยตนเอง</th><th scope="col" class="n">รวม</th></tr></thead>
                <tbody>{s.Services.Where(r => r.EService + r.WalkIn > 0).Select(r => Html.Of($"""<tr><th scope="row">{r.Name}</th><td class="n">{N(r.EService)}</td><td class="n">{N(r.WalkIn)}</td><td class="n">{N(r.EService + r.WalkIn)}</td></tr>"""))}</tbody>
                <tfoot><tr><th scope="row">รวม</th><td class="n">{N(s.EServiceTotal)}</td><td class="n">{N(s.WalkInTotal)}</td><td class="n">{N(total)}</td></tr></tfoot>
                </table>
                {(s.Services.Any(r => r.EService + r.WalkIn == 0) ? Html.Of($"""<p>งานบริการที่ไม่มีผู้ขอรับบริการในช่วงเวลานี้: {string.Join(" ", s.Services.Where(r => r.EService + r.WalkIn == 0).Select(r => r.Name))}</p>""") : Html.Empty)}
                """);
        return Html.Of($"""
            <section class="part" id="services" tabindex="0" aria-labelledby="services-title">
            <h2 id="services-title">สถิติการให้บริการ (E-Service และติดต่อด้วยตนเอง)</h2>
            {body}
            <p class="hint">หมายเหตุ: {ReportDefinitions.Services}</p>
            </section>
            """);
    }

    private static Html Questions(QaFigures q)
    {
        var body = q.Questions == 0
            ? Html.Of($"""<p class="none">ไม่มีคำถามในช่วงเวลานี้</p>""")
            : Html.Of($"""
                {Share("questions-share", "คำถามแยกตามการตอบ", [("ตอบได้ทันที", q.Answered), ("ตอบหลังให้เลือกหัวข้อ", q.AnsweredAfterChoice), ("ส่งต่อเจ้าหน้าที่", q.HandedOver), ("ยังไม่ได้ตอบ", q.Unanswered)], "คำถาม")}
                <table class="short">
                <caption>คำถามและการตอบ</caption>
                <thead><tr><th scope="col">รายการ</th><th scope="col" class="n">จำนวน</th><th scope="col" class="n">ร้อยละ</th></tr></thead>
                <tbody>
                <tr><th scope="row">ตอบได้ทันที</th><td class="n">{N(q.Answered)}</td><td class="n">{SvgCharts.Percent(q.Answered, q.Questions)}</td></tr>
                <tr><th scope="row">ตอบหลังให้เลือกหัวข้อ</th><td class="n">{N(q.AnsweredAfterChoice)}</td><td class="n">{SvgCharts.Percent(q.AnsweredAfterChoice, q.Questions)}</td></tr>
                <tr><th scope="row">ส่งต่อเจ้าหน้าที่</th><td class="n">{N(q.HandedOver)}</td><td class="n">{SvgCharts.Percent(q.HandedOver, q.Questions)}</td></tr>
                <tr><th scope="row">ยังไม่ได้ตอบ</th><td class="n">{N(q.Unanswered)}</td><td class="n">{SvgCharts.Percent(q.Unanswered, q.Questions)}</td></tr>
                </tbody>
                <tfoot><tr><th scope="row">คำถามทั้งหมด</th><td class="n">{N(q.Questions)}</td><td class="n">100%</td></tr></tfoot>
                </table>
                <p>เจ้าหน้าที่ตอบคำถามที่ส่งต่อแล้ว {N(q.AnsweredByStaff)} จาก {N(q.HandedOver)} คำถาม</p>
                """);
        return Html.Of($"""
            <section class="part" id="questions" tabindex="0" aria-labelledby="questions-title">
            <h2 id="questions-title">การถาม–ตอบผ่าน LINE Official Account</h2>
            {body}
            </section>
            """);
    }

    private static Html Trace(ReportSnapshot snapshot) => Html.Of($"""
        <section class="part" id="trace" tabindex="0" aria-labelledby="trace-title">
        <h2 id="trace-title">ที่มาของข้อมูล</h2>
        <p>รวบรวมจากระบบรับเรื่องและตอบคำถามของหน่วยงาน ณ วันที่ {AsOf(snapshot.AsOf)} นับเรื่องร้องเรียนทั่วไป {N(snapshot.Trace.Cases)} เรื่อง เรื่องร้องเรียนการทุจริต {N(snapshot.Trace.ProtectedReports)} เรื่อง
        คำถาม {N(snapshot.Trace.Questions)} คำถาม และบันทึกการให้บริการ {N(snapshot.Trace.ServiceRecords)} รายการ
        (นับเฉพาะจำนวน ไม่เปิดเผยเนื้อหาหรือข้อมูลผู้ร้องเรียน)</p>
        <p class="hint">รหัสตรวจสอบข้อมูล (SHA-256): <code>{snapshot.Trace.Digest}</code></p>
        </section>
        """);

    private static Html Totals(string caption, int total, int completed, int inProgress) => Html.Of($"""
        <table class="short totals">
        <caption>{caption}</caption>
        <thead><tr><th scope="col" class="n">เรื่องร้องเรียนทั้งหมด</th><th scope="col" class="n">ดำเนินการแล้วเสร็จ</th><th scope="col" class="n">อยู่ระหว่างดำเนินการ</th></tr></thead>
        <tbody><tr><td class="n">{N(total)}</td><td class="n">{N(completed)}</td><td class="n">{N(inProgress)}</td></tr></tbody>
        </table>
        """);

    private static Html Share(string id, string title, IReadOnlyList<(string Label, int Count)> parts, string unit) => Html.Of($"""
        <figure>
        <figcaption>{title}</figcaption>
        {SvgCharts.ShareBar(id, title, parts, unit)}
        </figure>
        """);

    private static Html Monthly(string id, string title, IReadOnlyList<(int Year, int Month)> months, IReadOnlyList<ChartSeries> series, string unit) => Html.Of($"""
        <figure>
        <figcaption>{title}</figcaption>
        {SvgCharts.MonthlyBars(id, title, months, series, unit)}
        </figure>
        """);

    private static Html MonthTable(string caption, IReadOnlyList<(int Year, int Month)> months, IReadOnlyList<(string Name, IReadOnlyList<int> Values)> columns)
    {
        var multi = columns.Count > 1;
        return Html.Of($"""
            <table class="months">
            <caption>{caption}</caption>
            <thead><tr><th scope="col">เดือน</th>{columns.Select(c => Html.Of($"""<th scope="col" class="n">{c.Name}</th>"""))}{(multi ? Html.Of($"""<th scope="col" class="n">รวม</th>""") : Html.Empty)}</tr></thead>
            <tbody>{months.Select((m, i) => Html.Of($"""<tr><th scope="row">{ThaiDates.MonthName(m.Month)} {m.Year + ReportPeriod.BuddhistEraOffset}</th>{columns.Select(c => Html.Of($"""<td class="n">{N(c.Values[i])}</td>"""))}{(multi ? Html.Of($"""<td class="n">{N(columns.Sum(c => c.Values[i]))}</td>""") : Html.Empty)}</tr>"""))}</tbody>
            <tfoot><tr><th scope="row">รวม</th>{columns.Select(c => Html.Of($"""<td class="n">{N(c.Values.Sum())}</td>"""))}{(multi ? Html.Of($"""<td class="n">{N(columns.Sum(c => c.Values.Sum()))}</td>""") : Html.Empty)}</tr></tfoot>
            </table>
            """);
    }

    private static Html CountTable(string caption, string keyHeader, IReadOnlyList<CountRow> rows, int total) => rows.Count == 0
        ? Html.Empty
        : Html.Of($"""
            <table class="short">
            <caption>{caption}</caption>
            <thead><tr><th scope="col">{keyHeader}</th><th scope="col" class="n">จำนวน (เรื่อง)</th><th scope="col" class="n">ร้อยละ</th></tr></thead>
            <tbody>{rows.Select(r => Html.Of($"""<tr><th scope="row">{r.Label}</th><td class="n">{N(r.Count)}</td><td class="n">{SvgCharts.Percent(r.Count, total)}</td></tr>"""))}</tbody>
            <tfoot><tr><th scope="row">รวม</th><td class="n">{N(rows.Sum(r => r.Count))}</td><td class="n">{SvgCharts.Percent(rows.Sum(r => r.Count), total)}</td></tr></tfoot>
            </table>
            """);

    /// <summary>The counts in the order of the period's months (0 for a month the figures do not name).</summary>
    public static int[] Counts(IReadOnlyList<MonthCount> byMonth, IReadOnlyList<(int Year, int Month)> months) =>
        [.. months.Select(m => byMonth.Where(c => c.Year == m.Year && c.Month == m.Month).Sum(c => c.Count))];

    private static int[] Sum(IEnumerable<IReadOnlyList<MonthCount>> lists, IReadOnlyList<(int Year, int Month)> months)
    {
        var sums = new int[months.Count];
        foreach (var list in lists)
        {
            var counts = Counts(list, months);
            for (var i = 0; i < sums.Length; i++)
            {
                sums[i] += counts[i];
            }
        }

        return sums;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Hours under two days, days from there ("5.5 ชั่วโมง", "4 วัน"); "-" when nothing was measured.</summary>
    private static string Hours(double? hours) => hours switch
    {
        null => "-",
        < 48 => hours.Value.ToString("0.#", CultureInfo.InvariantCulture) + " ชั่วโมง",
        _ => (hours.Value / 24).ToString("0.#", CultureInfo.InvariantCulture) + " วัน",
    };
}
