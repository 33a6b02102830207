using System.Globalization;
using System.Text;
using ItaBot.Reports;

namespace ItaBot.Transparency;

/// <summary>
/// "statistics-csv": every figure of a snapshot as one tidy long table (period, section, dimension, key, label, month,
/// count, value), so that Excel and open-data portals read it without reshaping. UTF-8 with a BOM (Excel then shows
/// Thai), CRLF line ends and RFC 4180 quoting. <c>count</c> holds whole numbers; <c>value</c> the few measured ones
/// (hours, average rating); <c>month</c> is the Gregorian "yyyy-MM" of a monthly row and empty otherwise.
/// </summary>
internal sealed class StatisticsCsvRenderer : IReportRenderer
{
    public static readonly string[] Header = ["period", "section", "dimension", "key", "label", "month", "count", "value"];

    public string Kind => "statistics-csv";

    public string Title => "ข้อมูลสถิติ (CSV สำหรับ Excel)";

    public bool IsPublic => true;

    public ReportDocument Render(ReportSnapshot snapshot) =>
        new($"statistics-{snapshot.Period.Slug}.csv", "text/csv; charset=utf-8; header=present", Encode(Rows(snapshot)));

    /// <summary>The rows, header first, as the file holds them (tests parse the file back and compare).</summary>
    public static IEnumerable<string?[]> Rows(ReportSnapshot snapshot)
    {
        var slug = snapshot.Period.Slug;
        yield return Header;

        string?[] Count(string section, string dimension, string key, string label, int count, string? month = null) =>
            [slug, section, dimension, key, label, month, count.ToString(CultureInfo.InvariantCulture), null];
        string?[] Value(string section, string dimension, string key, string label, double? value) =>
            [slug, section, dimension, key, label, null, null, value?.ToString("R", CultureInfo.InvariantCulture)];
        IEnumerable<string?[]> Months(string section, string dimension, string key, string label, IReadOnlyList<MonthCount> months) =>
            months.Select(m => Count(section, dimension, key, label, m.Count, Month(m)));
        IEnumerable<string?[]> Breakdown(string section, string dimension, IReadOnlyList<CountRow> rows) =>
            rows.Select(r => Count(section, dimension, r.Key, r.Label, r.Count));

        var c = snapshot.Corruption;
        yield return Count("corruption", "summary", "total", "เรื่องร้องเรียนทั้งหมด", c.Total);
        yield return Count("corruption", "summary", "completed", "ดำเนินการแล้วเสร็จ", c.Completed);
        yield return Count("corruption", "summary", "in_progress", "อยู่ระหว่างดำเนินการ", c.InProgress);
        foreach (var row in c.ByMonth.Select(m => Count("corruption", "month", Month(m), MonthLabel(m), m.Count, Month(m)))
            .Concat(Breakdown("corruption", "channel", c.ByChannel))
            .Concat(Breakdown("corruption", "status", c.ByStatus))
            .Concat(Breakdown("corruption", "outcome", c.ByOutcome)))
        {
            yield return row;
        }

        var g = snapshot.Complaints;
        yield return Count("complaints", "summary", "total", "เรื่องร้องเรียนทั้งหมด", g.Total);
        yield return Count("complaints", "summary", "completed", "ดำเนินการแล้วเสร็จ", g.Completed);
        yield return Count("complaints", "summary", "in_progress", "อยู่ระหว่างดำเนินการ", g.InProgress);
        foreach (var row in g.ByMonth.Select(m => Count("complaints", "month", Month(m), MonthLabel(m), m.Count, Month(m)))
            .Concat(Breakdown("complaints", "category", g.ByCategory))
            .Concat(Breakdown("complaints", "department", g.ByDepartment))
            .Concat(Breakdown("complaints", "status", g.ByStatus))
            .Concat(Breakdown("complaints", "channel", g.ByChannel)))
        {
            yield return row;
        }

        foreach (var (dimension, label, d) in new[] { ("to_acknowledge", "รับเรื่อง", g.ToAcknowledge), ("to_close", "ดำเนินการแล้วเสร็จ", g.ToClose) })
        {
            yield return Count("complaints", dimension, "count", label + " (จำนวนเรื่อง)", d.Count);
            yield return Value("complaints", dimension, "median_hours", label + " ค่ากลาง (ชั่วโมง)", d.MedianHours);
            yield return Value("complaints", dimension, "p90_hours", label + " เปอร์เซ็นไทล์ที่ 90 (ชั่วโมง)", d.P90Hours);
            yield return Value("complaints", dimension, "average_hours", label + " เฉลี่ย (ชั่วโมง)", d.AverageHours);
        }

        yield return Count("complaints", "deadlines", "acknowledge_due", "ครบกำหนดรับเรื่อง", g.Deadlines.AcknowledgeDue);
        yield return Count("complaints", "deadlines", "acknowledge_met", "รับเรื่องทันกำหนด", g.Deadlines.AcknowledgeMet);
        yield return Count("complaints", "deadlines", "answer_due", "ครบกำหนดแจ้งผล", g.Deadlines.AnswerDue);
        yield return Count("complaints", "deadlines", "answer_met", "แจ้งผลทันกำหนด", g.Deadlines.AnswerMet);
        yield return Count("complaints", "ratings", "eligible", "เรื่องที่ปิดแล้วซึ่งให้คะแนนได้", g.Ratings.Eligible);
        yield return Count("complaints", "ratings", "rated", "เรื่องที่ได้รับคะแนน", g.Ratings.Rated);
        yield return Value("complaints", "ratings", "average", "คะแนนเฉลี่ย (1–5)", g.Ratings.Average);
        for (var score = 1; score <= g.Ratings.Distribution.Count; score++)
        {
            yield return Count("complaints", "ratings", $"score_{score}", $"{score} คะแนน", g.Ratings.Distribution[score - 1]);
        }

        var s = snapshot.Services;
        yield return Count("services", "summary", "eservice", "E-Service", s.EServiceTotal);
        yield return Count("services", "summary", "walk_in", "ติดต่อด้วยตนเอง", s.WalkInTotal);
        foreach (var service in s.Services)
        {
            yield return Count("services", "eservice", service.ServiceId, service.Name, service.EService);
            yield return Count("services", "walk_in", service.ServiceId, service.Name, service.WalkIn);
            foreach (var row in Months("services", "eservice", service.ServiceId, service.Name, service.EServiceByMonth)
                .Concat(Months("services", "walk_in", service.ServiceId, service.Name, service.WalkInByMonth)))
            {
                yield return row;
            }
        }

        var q = s.Questions;
        yield return Count("questions", "summary", "questions", "คำถามทั้งหมด", q.Questions);
        yield return Count("questions", "summary", "answered", "ตอบได้ทันที", q.Answered);
        yield return Count("questions", "summary", "answered_after_choice", "ตอบหลังให้เลือกหัวข้อ", q.AnsweredAfterChoice);
        yield return Count("questions", "summary", "handed_over", "ส่งต่อเจ้าหน้าที่", q.HandedOver);
        yield return Count("questions", "summary", "answered_by_staff", "เจ้าหน้าที่ตอบแล้ว", q.AnsweredByStaff);
        yield return Count("questions", "summary", "unanswered", "ยังไม่ได้ตอบ", q.Unanswered);
    }

    /// <summary>RFC 4180: a field is quoted when it holds a comma, a quote, a line break or edge spaces; quotes double.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static byte[] Encode(IEnumerable<string?[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Month(MonthCount m) => string.Create(CultureInfo.InvariantCulture, $"{m.Year:D4}-{m.Month:D2}");

    private static string MonthLabel(MonthCount m) => string.Create(CultureInfo.InvariantCulture, $"{ThaiDates.MonthName(m.Month)} {m.Year + ReportPeriod.BuddhistEraOffset}");
}
