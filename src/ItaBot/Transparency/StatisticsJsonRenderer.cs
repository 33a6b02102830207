using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ItaBot.Reports;

namespace ItaBot.Transparency;

/// <summary>
/// "statistics-json": a snapshot as open data. The property names below are a published contract (camelCase English),
/// independent of the internal model's names: add properties, never rename them. Dates are ISO 8601 (days "yyyy-MM-dd",
/// instants in UTC with "Z", months "yyyy-MM"); Thai text is written as it is, not as \u escapes.
/// </summary>
internal sealed class StatisticsJsonRenderer : IReportRenderer
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new(OpenDataJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Thai, UnicodeRanges.GeneralPunctuation),
    };

    public string Kind => "statistics-json";

    public string Title => "ข้อมูลสถิติ (JSON ข้อมูลเปิด)";

    public bool IsPublic => true;

    public ReportDocument Render(ReportSnapshot snapshot) =>
        new($"statistics-{snapshot.Period.Slug}.json", "application/json; charset=utf-8",
            JsonSerializer.SerializeToUtf8Bytes(ToOpenData(snapshot), (System.Text.Json.Serialization.Metadata.JsonTypeInfo<OpenDataReport>)Options.GetTypeInfo(typeof(OpenDataReport))));

    public static OpenDataReport ToOpenData(ReportSnapshot s)
    {
        var c = s.Corruption;
        var g = s.Complaints;
        var v = s.Services;
        var q = v.Questions;
        return new OpenDataReport(
            SchemaVersion,
            new OpenDataPeriod(s.Period.Slug, JsonNamingPolicy.CamelCase.ConvertName(s.Period.Kind.ToString()), s.Period.FiscalYear, Day(s.Period.From), Day(s.Period.To), s.Period.ThaiTitle),
            s.AgencyName,
            ReportView.ToUtc(s.AsOf),
            ReportView.ToUtc(s.CompiledAt),
            s.Id,
            new OpenDataCorruption(c.Total, c.Completed, c.InProgress, Months(c.ByMonth), Rows(c.ByChannel), Rows(c.ByStatus), Rows(c.ByOutcome)),
            new OpenDataComplaints(g.Total, g.Completed, g.InProgress, Months(g.ByMonth), Rows(g.ByCategory), Rows(g.ByDepartment), Rows(g.ByStatus), Rows(g.ByChannel),
                Duration(g.ToAcknowledge), Duration(g.ToClose),
                new OpenDataDeadlines(g.Deadlines.AcknowledgeDue, g.Deadlines.AcknowledgeMet, g.Deadlines.AnswerDue, g.Deadlines.AnswerMet),
                new OpenDataRatings(g.Ratings.Eligible, g.Ratings.Rated, g.Ratings.Average, [.. g.Ratings.Distribution])),
            new OpenDataServices(v.EServiceTotal, v.WalkInTotal,
                [.. v.Services.Select(r => new OpenDataService(r.ServiceId, r.Name, r.EService, r.WalkIn, Months(r.EServiceByMonth), Months(r.WalkInByMonth)))]),
            new OpenDataQuestions(q.Questions, q.Answered, q.AnsweredAfterChoice, q.HandedOver, q.AnsweredByStaff, q.Unanswered),
            new OpenDataTrace(s.Trace.Cases, s.Trace.ProtectedReports, s.Trace.Questions, s.Trace.ServiceRecords, s.Trace.Digest));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static OpenDataMonth[] Months(IReadOnlyList<MonthCount> months) =>
        [.. months.Select(m => new OpenDataMonth(string.Create(CultureInfo.InvariantCulture, $"{m.Year:D4}-{m.Month:D2}"), m.Count))];

    private static OpenDataCount[] Rows(IReadOnlyList<CountRow> rows) => [.. rows.Select(r => new OpenDataCount(r.Key, r.Label, r.Count))];

    private static OpenDataDuration Duration(DurationFigures d) => new(d.Count, d.MedianHours, d.P90Hours, d.AverageHours);
}

internal sealed record OpenDataReport(
    int SchemaVersion,
    OpenDataPeriod Period,
    string Agency,
    DateTime AsOf,
    DateTime CompiledAt,
    string SnapshotId,
    OpenDataCorruption Corruption,
    OpenDataComplaints Complaints,
    OpenDataServices Services,
    OpenDataQuestions Questions,
    OpenDataTrace Trace);

internal sealed record OpenDataPeriod(string Slug, string Kind, int FiscalYear, string From, string To, string Title);

internal sealed record OpenDataMonth(string Month, int Count);

internal sealed record OpenDataCount(string Key, string Label, int Count);

internal sealed record OpenDataCorruption(int Total, int Completed, int InProgress, OpenDataMonth[] ByMonth, OpenDataCount[] ByChannel, OpenDataCount[] ByStatus, OpenDataCount[] ByOutcome);

internal sealed record OpenDataDuration(int Count, double? MedianHours, double? P90Hours, double? AverageHours);

internal sealed record OpenDataDeadlines(int AcknowledgeDue, int AcknowledgeMet, int AnswerDue, int AnswerMet);

internal sealed record OpenDataRatings(int Eligible, int Rated, double? Average, int[] Distribution);

internal sealed record OpenDataComplaints(
    int Total,
    int Completed,
    int InProgress,
    OpenDataMonth[] ByMonth,
    OpenDataCount[] ByCategory,
    OpenDataCount[] ByDepartment,
    OpenDataCount[] ByStatus,
    OpenDataCount[] ByChannel,
    OpenDataDuration ToAcknowledge,
    OpenDataDuration ToClose,
    OpenDataDeadlines Deadlines,
    OpenDataRatings Ratings);

internal sealed record OpenDataService(string ServiceId, string Name, int EService, int WalkIn, OpenDataMonth[] EServiceByMonth, OpenDataMonth[] WalkInByMonth);

internal sealed record OpenDataServices(int EServiceTotal, int WalkInTotal, OpenDataService[] Services);

internal sealed record OpenDataQuestions(int Questions, int Answered, int AnsweredAfterChoice, int HandedOver, int AnsweredByStaff, int Unanswered);

internal sealed record OpenDataTrace(int Cases, int ProtectedReports, int Questions, int ServiceRecords, string Digest);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(OpenDataReport))]
internal sealed partial class OpenDataJsonContext : JsonSerializerContext;
