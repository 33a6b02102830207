using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ItaBot.Reports;
using ItaBot.Tests.Reports;
using ItaBot.Transparency;

namespace ItaBot.Tests.Transparency;

/// <summary>The statistics CSV, JSON and standalone HTML renderers, and the SVG charts, on sample snapshots.</summary>
public sealed partial class TransparencyRenderersTests
{
    public static TheoryData<string> Samples => ["fy2568", "empty"];

    internal static ReportSnapshot Sample(string name) => name == "empty" ? SampleSnapshots.EmptyMonth() : SampleSnapshots.Fy2568();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Csv_BomCrlfTidyHeader_ParsesBackToTheSnapshotFigures(string sample)
    {
        var snapshot = Sample(sample);

        var document = new StatisticsCsvRenderer().Render(snapshot);

        Assert.Equal($"statistics-{snapshot.Period.Slug}.csv", document.FileName);
        Assert.StartsWith("text/csv; charset=utf-8", document.ContentType, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, document.Content[..3]);
        var text = new UTF8Encoding(false, true).GetString(document.Content, 3, document.Content.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("[^\r]\n", text);
        var rows = Rfc4180.Parse(text);
        Assert.Equal(["period", "section", "dimension", "key", "label", "month", "count", "value"], rows[0]);
        Assert.All(rows, r => Assert.Equal(8, r.Length));
        Assert.All(rows.Skip(1), r => Assert.Equal(snapshot.Period.Slug, r[0]));

        var parsed = FromCsv(rows.Skip(1).Select(r => new CsvRow(r[1], r[2], r[3], r[4], r[5], r[6], r[7])).ToList());

        Figures.AssertSame(snapshot.Corruption, parsed.Corruption);
        Figures.AssertSame(snapshot.Complaints, parsed.Complaints);
        Figures.AssertSame(snapshot.Services, parsed.Services);
    }

    [Fact]
    public void Csv_ThaiLabelsStayIntact_MonthRowsUseIsoMonthAndThaiName()
    {
        var text = Encoding.UTF8.GetString(new StatisticsCsvRenderer().Render(SampleSnapshots.Fy2568()).Content);

        Assert.Contains("fy2568,complaints,category,street-light,ไฟฟ้าสาธารณะ/ไฟถนนดับ,,512,\r\n", text, StringComparison.Ordinal);
        Assert.Contains("fy2568,corruption,month,2024-10,ตุลาคม 2567,2024-10,2,\r\n", text, StringComparison.Ordinal);
        Assert.Contains("fy2568,complaints,to_close,median_hours,ดำเนินการแล้วเสร็จ ค่ากลาง (ชั่วโมง),,,96\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_LabelWithCommaQuoteAndLineBreak_IsQuotedPerRfc4180AndReadsBack()
    {
        const string awkward = "ถนน, \"ทางเท้า\"\nชำรุด";
        var sample = SampleSnapshots.Fy2568();
        var snapshot = sample with { Complaints = sample.Complaints with { ByCategory = [new("road", awkward, 400), new("lead", " ช่องว่างนำหน้า", 1)] } };

        var text = Encoding.UTF8.GetString(new StatisticsCsvRenderer().Render(snapshot).Content);

        Assert.Contains("road,\"ถนน, \"\"ทางเท้า\"\"\nชำรุด\",,400,", text, StringComparison.Ordinal);
        var rows = Rfc4180.Parse(text[1..]);
        Assert.Equal(awkward, Assert.Single(rows, r => r[3] == "road" && r[2] == "category")[4]);
        Assert.Equal(" ช่องว่างนำหน้า", Assert.Single(rows, r => r[3] == "lead")[4]);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Json_RoundTripsToTheSnapshotFigures_WithStableCamelCaseNamesAndIsoDates(string sample)
    {
        var snapshot = Sample(sample);

        var document = new StatisticsJsonRenderer().Render(snapshot);

        Assert.Equal($"statistics-{snapshot.Period.Slug}.json", document.FileName);
        Assert.Equal("application/json; charset=utf-8", document.ContentType);
        using var json = JsonDocument.Parse(document.Content);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(snapshot.Period.Slug, root.GetProperty("period").GetProperty("slug").GetString());
        Assert.Equal(snapshot.Period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), root.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal(snapshot.Period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), root.GetProperty("period").GetProperty("to").GetString());
        Assert.Equal("2025-10-01T01:00:00Z", root.GetProperty("asOf").GetString());
        Assert.Equal(snapshot.Trace.Digest, root.GetProperty("trace").GetProperty("digest").GetString());
        Assert.Equal(snapshot.AgencyName, root.GetProperty("agency").GetString());

        var parsed = FromJson(root);

        Figures.AssertSame(snapshot.Corruption, parsed.Corruption);
        Figures.AssertSame(snapshot.Complaints, parsed.Complaints);
        Figures.AssertSame(snapshot.Services, parsed.Services);
        Figures.AssertSame(snapshot.Trace, parsed.Trace);
    }

    [Fact]
    public void Json_PeriodKindIsCamelCase_ThaiIsWrittenAsIt()
    {
        var text = Encoding.UTF8.GetString(new StatisticsJsonRenderer().Render(SampleSnapshots.EmptyMonth()).Content);

        Assert.Contains("\"kind\": \"month\"", text, StringComparison.Ordinal);
        Assert.Contains("\"agency\": \"เทศบาลตำบลโนนทอง\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0E", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Html_Standalone_IsTheReportPageWithInlineStyle_NoScriptNoLinksElsewhere()
    {
        var document = new StatisticsHtmlRenderer().Render(SampleSnapshots.Fy2568());
        var html = Encoding.UTF8.GetString(document.Content);

        Assert.Equal("statistics-fy2568.html", document.FileName);
        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", html, StringComparison.Ordinal);
        Assert.Equal(12, BarGroups(html, "corruption-months"));
    }

    [Fact]
    public void ReportView_EmptyMonth_SaysNoComplaintsInBothComplaintParts_AndDrawsNoCharts()
    {
        var html = ReportView.Body(SampleSnapshots.EmptyMonth(), []).Value;

        Assert.Equal(2, Regex.Count(html, "<p class=\"none\">ไม่มีเรื่องร้องเรียน</p>"));
        Assert.Contains("ไม่มีข้อมูลการให้บริการในช่วงเวลานี้", html, StringComparison.Ordinal);
        Assert.Contains("ไม่มีคำถามในช่วงเวลานี้", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MonthlyBars_OneGroupPerMonth_BarHeightsInProportionToCounts_ThaiLabels()
    {
        var period = ReportPeriod.ForQuarter(2568, 1);
        var svg = SvgCharts.MonthlyBars("q", "ไตรมาส", period.Months, [new ChartSeries("เรื่อง", "#000000", [10, 0, 40])], "เรื่อง").Value;

        var heights = Regex.Matches(svg, "<g class=\"bar\"[^>]*>.*?<rect [^>]*height=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, heights.Count);
        Assert.Equal(0, heights[1]);
        Assert.Equal(4 * heights[0], heights[2], 1);
        Assert.Contains(">ต.ค. 67</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">ธ.ค. 67</text>", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"q-title\">ไตรมาส</title>", svg, StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"q-title q-desc\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ShareBar_PartsFillTheWidthInProportion_LegendHasCountsAndPercentages()
    {
        var svg = SvgCharts.ShareBar("s", "สถานะ", [("เสร็จ", 3), ("กำลังทำ", 1)], "เรื่อง").Value;

        var widths = Regex.Matches(svg, "<g class=\"part\"[^>]*>.*?<rect [^>]*width=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([540.0, 180.0], widths);
        Assert.Contains(">เสร็จ 3 เรื่อง (75%)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">กำลังทำ 1 เรื่อง (25%)</text>", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(7, 8, 2)]
    [InlineData(23, 25, 5)]
    [InlineData(1234, 1500, 500)]
    public void NiceScale_RoundTopAtOrAboveTheMax_AtMostFiveSteps(int max, int top, int step)
    {
        Assert.Equal((top, step), SvgCharts.NiceScale(max));
    }

    internal static int BarGroups(string html, string chartId)
    {
        var start = html.IndexOf($"id=\"{chartId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No chart {chartId}.");
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal);
        return Regex.Count(html[start..end], "<g class=\"bar\"");
    }

    private sealed record CsvRow(string Section, string Dimension, string Key, string Label, string Month, string Count, string Value);

    private static (CorruptionFigures Corruption, ComplaintFigures Complaints, ServiceFigures Services) FromCsv(List<CsvRow> rows)
    {
        IEnumerable<CsvRow> Of(string section, string dimension) => rows.Where(r => r.Section == section && r.Dimension == dimension);
        int Count(string section, string dimension, string key) => int.Parse(Assert.Single(Of(section, dimension), r => r.Key == key && r.Month.Length == 0).Count, CultureInfo.InvariantCulture);
        double? Value(string section, string dimension, string key) => Assert.Single(Of(section, dimension), r => r.Key == key).Value is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : null;
        MonthCount[] Months(IEnumerable<CsvRow> selected) => [.. selected.Where(r => r.Month.Length > 0).Select(r => new MonthCount(
            int.Parse(r.Month[..4], CultureInfo.InvariantCulture), int.Parse(r.Month[5..], CultureInfo.InvariantCulture), int.Parse(r.Count, CultureInfo.InvariantCulture)))];
        CountRow[] Breakdown(string section, string dimension) => [.. Of(section, dimension).Select(r => new CountRow(r.Key, r.Label, int.Parse(r.Count, CultureInfo.InvariantCulture)))];
        DurationFigures Duration(string dimension) => new(Count("complaints", dimension, "count"), Value("complaints", dimension, "median_hours"), Value("complaints", dimension, "p90_hours"), Value("complaints", dimension, "average_hours"));

        var corruption = new CorruptionFigures(Count("corruption", "summary", "total"), Count("corruption", "summary", "completed"), Count("corruption", "summary", "in_progress"),
            Months(Of("corruption", "month")), Breakdown("corruption", "channel"), Breakdown("corruption", "status"), Breakdown("corruption", "outcome"));
        var ratings = Of("complaints", "ratings").Where(r => r.Key.StartsWith("score_", StringComparison.Ordinal)).Select(r => int.Parse(r.Count, CultureInfo.InvariantCulture)).ToArray();
        var complaints = new ComplaintFigures(Count("complaints", "summary", "total"), Count("complaints", "summary", "completed"), Count("complaints", "summary", "in_progress"),
            Months(Of("complaints", "month")), Breakdown("complaints", "category"), Breakdown("complaints", "department"), Breakdown("complaints", "status"), Breakdown("complaints", "channel"),
            Duration("to_acknowledge"), Duration("to_close"),
            new DeadlineFigures(Count("complaints", "deadlines", "acknowledge_due"), Count("complaints", "deadlines", "acknowledge_met"), Count("complaints", "deadlines", "answer_due"), Count("complaints", "deadlines", "answer_met")),
            new RatingFigures(Count("complaints", "ratings", "eligible"), Count("complaints", "ratings", "rated"), Value("complaints", "ratings", "average"), ratings));
        var serviceIds = Of("services", "eservice").Select(r => r.Key).Distinct().ToList();
        var services = new ServiceFigures(Count("services", "summary", "eservice"), Count("services", "summary", "walk_in"),
            [.. serviceIds.Select(id => new ServiceRow(id, Of("services", "eservice").First(r => r.Key == id).Label, Count("services", "eservice", id), Count("services", "walk_in", id),
                Months(Of("services", "eservice").Where(r => r.Key == id)), Months(Of("services", "walk_in").Where(r => r.Key == id))))],
            new QaFigures(Count("questions", "summary", "questions"), Count("questions", "summary", "answered"), Count("questions", "summary", "answered_after_choice"),
                Count("questions", "summary", "handed_over"), Count("questions", "summary", "answered_by_staff"), Count("questions", "summary", "unanswered")));
        return (corruption, complaints, services);
    }

    private static (CorruptionFigures Corruption, ComplaintFigures Complaints, ServiceFigures Services, SnapshotTrace Trace) FromJson(JsonElement root)
    {
        static int I(JsonElement e, string name) => e.GetProperty(name).GetInt32();
        static double? D(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();
        static MonthCount[] Months(JsonElement e) => [.. e.EnumerateArray().Select(m => new MonthCount(
            int.Parse(m.GetProperty("month").GetString()![..4], CultureInfo.InvariantCulture), int.Parse(m.GetProperty("month").GetString()![5..], CultureInfo.InvariantCulture), I(m, "count")))];
        static CountRow[] Rows(JsonElement e) => [.. e.EnumerateArray().Select(r => new CountRow(r.GetProperty("key").GetString()!, r.GetProperty("label").GetString()!, I(r, "count")))];
        static DurationFigures Duration(JsonElement e) => new(I(e, "count"), D(e, "medianHours"), D(e, "p90Hours"), D(e, "averageHours"));

        var c = root.GetProperty("corruption");
        var g = root.GetProperty("complaints");
        var s = root.GetProperty("services");
        var q = root.GetProperty("questions");
        var t = root.GetProperty("trace");
        var d = g.GetProperty("deadlines");
        var r = g.GetProperty("ratings");
        return (
            new CorruptionFigures(I(c, "total"), I(c, "completed"), I(c, "inProgress"), Months(c.GetProperty("byMonth")), Rows(c.GetProperty("byChannel")), Rows(c.GetProperty("byStatus")), Rows(c.GetProperty("byOutcome"))),
            new ComplaintFigures(I(g, "total"), I(g, "completed"), I(g, "inProgress"), Months(g.GetProperty("byMonth")), Rows(g.GetProperty("byCategory")), Rows(g.GetProperty("byDepartment")),
                Rows(g.GetProperty("byStatus")), Rows(g.GetProperty("byChannel")), Duration(g.GetProperty("toAcknowledge")), Duration(g.GetProperty("toClose")),
                new DeadlineFigures(I(d, "acknowledgeDue"), I(d, "acknowledgeMet"), I(d, "answerDue"), I(d, "answerMet")),
                new RatingFigures(I(r, "eligible"), I(r, "rated"), D(r, "average"), [.. r.GetProperty("distribution").EnumerateArray().Select(x => x.GetInt32())])),
            new ServiceFigures(I(s, "eServiceTotal"), I(s, "walkInTotal"),
                [.. s.GetProperty("services").EnumerateArray().Select(x => new ServiceRow(x.GetProperty("serviceId").GetString()!, x.GetProperty("name").GetString()!, I(x, "eService"), I(x, "walkIn"),
                    Months(x.GetProperty("eServiceByMonth")), Months(x.GetProperty("walkInByMonth"))))],
                new QaFigures(I(q, "questions"), I(q, "answered"), I(q, "answeredAfterChoice"), I(q, "handedOver"), I(q, "answeredByStaff"), I(q, "unanswered"))),
            new SnapshotTrace(I(t, "cases"), I(t, "protectedReports"), I(t, "questions"), I(t, "serviceRecords"), t.GetProperty("digest").GetString()!));
    }
}

/// <summary>Deep equality of figure records: lists compare item by item (records compare lists by reference).</summary>
internal static class Figures
{
    public static void AssertSame(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null || expected is string || expected.GetType().IsPrimitive || expected is double or decimal)
        {
            Assert.True(Equals(expected, actual), $"{path}: expected {expected}, got {actual}.");
            return;
        }

        if (expected is IEnumerable list)
        {
            var e = list.Cast<object?>().ToList();
            var a = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
            Assert.True(e.Count == a.Count, $"{path}: expected {e.Count} items, got {a.Count}.");
            for (var i = 0; i < e.Count; i++)
            {
                AssertSame(e[i], a[i], $"{path}[{i}]");
            }

            return;
        }

        Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var property in expected.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertSame(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
        }
    }
}
